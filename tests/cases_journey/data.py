"""What the journey's tests share: today, the synthetic person's number and the texts that
must never leak to a page the viewer may not see."""

import datetime

from django.utils import timezone

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
IDENTITY_NUMBER = "19121212-1212"
ACCOUNT = "Berättelsen som Testa berättade en gång"
PURPOSE = "Samordnat stöd kring ekonomi och boende"
SECRETS = ("Testa", "Exempelsson", ACCOUNT, PURPOSE)


def body(response) -> str:
    return response.content.decode()


def main(response) -> str:
    """The page's <main> only: the menu's doors are on every page."""
    page = body(response)
    start = page.index("<main")
    return page[start : page.index("</main>", start)]


def iso(day: datetime.date) -> str:
    return day.isoformat()

"""An index for log review's volume flag: a user's entries on a local (Europe/Stockholm) day.

``review._entries_per_day`` counts, for each entry shown, the entries of the same user on the
same local day. Without an index that is a scan of the whole log per entry shown (over
120 s for one month's review at 100 000 entries, bench/audit_log.py); with this index, made on
each month's partition, it is one probe of each month's index. Written by hand: Django cannot
serialise the ``ZoneInfo`` of the expression into a migration.
"""

import zoneinfo

from django.db import migrations, models
from django.db.models.functions import TruncDate


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_partition_access_log")]

    operations = [
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(
                models.F("user_public_id"),
                TruncDate("at", tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm")),
                name="audit_log_user_local_day",
            ),
        ),
    ]

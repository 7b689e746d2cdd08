"""The languages of the public pages (decision 0052).

The staff pages keep Swedish and English (``settings.LANGUAGES``); the public pages have their
own list. Each language has the segment in the URL, the gettext catalogue that translates it
(a Django language code: ``locale/<to_locale(code)>/``), the ``lang`` and ``dir`` of the page,
its own name, written in itself, for the switch, and whether the police folder is printed in it.

Lättläst svenska is a register of Swedish, not a language: its catalogue is ``sv-ll``
(``locale/sv_LL``; gettext falls back to ``sv`` for a message it lacks) and its page says
``lang="sv"``, which is what a screen reader needs to read it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicLanguage:
    segment: str  # in the URL: /hjalp/<segment>/
    catalogue: str  # the Django language code whose catalogue translates the page
    html_lang: str  # BCP 47, for <html lang>
    rtl: bool
    name: str  # in the language itself
    # Whether the police folder is printed in it: only where the server has a font for its
    # script (decision 0053). Tigrinya's Ethiopic script has none in our fonts-dejavu-core.
    folder: bool = True

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


PUBLIC_LANGUAGES = (
    PublicLanguage("sv", "sv", "sv", False, "Svenska"),
    PublicLanguage("lattlast", "sv-ll", "sv", False, "Lättläst svenska"),
    PublicLanguage("en", "en", "en", False, "English"),
    PublicLanguage("ar", "ar", "ar", True, "العربية"),
    PublicLanguage("so", "so", "so", False, "Soomaali"),
    PublicLanguage("fa", "fa", "fa", True, "فارسی"),
    PublicLanguage("ti", "ti", "ti", False, "ትግርኛ", folder=False),
)

FOLDER_LANGUAGES = tuple(language for language in PUBLIC_LANGUAGES if language.folder)

BY_SEGMENT = {language.segment: language for language in PUBLIC_LANGUAGES}


class LanguageConverter:
    """The language segment of a public URL: only the languages above, so any other is 404."""

    regex = "|".join(language.segment for language in PUBLIC_LANGUAGES)

    def to_python(self, value: str) -> PublicLanguage:
        return BY_SEGMENT[value]

    def to_url(self, value: PublicLanguage | str) -> str:
        return value.segment if isinstance(value, PublicLanguage) else value

"""The Swedish catalogue is complete, and the committed .mo matches the .po.

The demo must work on a machine without GNU gettext, so the compiled ``django.mo`` is
committed next to ``django.po``. These tests fail when a msgid is left untranslated or fuzzy,
and when the .po was edited without running ``compilemessages`` afterwards.
See docs/translations.md.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

import brytupp

LC_MESSAGES = Path(brytupp.__file__).resolve().parent / "locale" / "sv" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]")


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


@pytest.fixture(scope="module")
def mo() -> gettext.GNUTranslations:
    with MO_PATH.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _entries(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def _label(entry: polib.POEntry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{context}{entry.msgid!r}"


def test_the_catalogue_declares_swedish_plural_forms(po):
    assert po.metadata.get("Language") == "sv"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n!=1);"
    assert not po.metadata_is_fuzzy, "The catalogue header is marked fuzzy."


def test_every_msgid_is_translated(po):
    untranslated = [_label(entry) for entry in _entries(po) if not entry.translated()]
    fuzzy = [_label(entry) for entry in _entries(po) if "fuzzy" in entry.flags]

    assert not untranslated, "Untranslated msgids:\n" + "\n".join(untranslated)
    assert not fuzzy, "Fuzzy msgids:\n" + "\n".join(fuzzy)


def test_translations_keep_the_placeholders(po):
    def names(text: str) -> list[str]:
        return sorted(PLACEHOLDER.findall(text))

    wrong = []
    for entry in _entries(po):
        if not entry.translated():
            continue
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural[0])]
            pairs += [(entry.msgid_plural, text) for i, text in entry.msgstr_plural.items() if i]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, target in pairs:
            if names(source) != names(target):
                wrong.append(f"{_label(entry)}: {names(source)} became {names(target)}")

    assert not wrong, "Placeholders differ between msgid and msgstr:\n" + "\n".join(wrong)


def test_the_catalogue_is_not_empty(po):
    assert len(_entries(po)) > 50


def test_the_committed_mo_matches_the_po(po, mo):
    stale = []
    for entry in _entries(po):
        if not entry.translated():
            continue  # reported by test_every_msgid_is_translated
        if entry.msgid_plural:
            for index, expected in sorted(entry.msgstr_plural.items()):
                count = 1 if index == 0 else 2  # Swedish: nplurals=2; plural=(n != 1)
                if entry.msgctxt:
                    got = mo.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, count)
                else:
                    got = mo.ngettext(entry.msgid, entry.msgid_plural, count)
                if got != expected:
                    stale.append(f"{_label(entry)} [{index}]: .mo has {got!r}, .po {expected!r}")
        else:
            if entry.msgctxt:
                got = mo.pgettext(entry.msgctxt, entry.msgid)
            else:
                got = mo.gettext(entry.msgid)
            if got != entry.msgstr:
                stale.append(f"{_label(entry)}: .mo has {got!r}, .po {entry.msgstr!r}")

    assert not stale, (
        "django.mo is out of date with django.po; run compilemessages and commit the .mo:\n"
        + "\n".join(stale)
    )


def test_django_serves_the_swedish_catalogue():
    with translation.override("sv"):
        assert translation.gettext("My cases") == "Mina ärenden"
        assert (
            translation.gettext("The user name or password is wrong.")
            == "Fel användarnamn eller lösenord."
        )


def test_django_serves_swedish_plurals(po):
    plurals = [entry for entry in _entries(po) if entry.msgid_plural and not entry.msgctxt]
    with translation.override("sv"):
        for entry in plurals:
            for index, expected in sorted(entry.msgstr_plural.items()):
                count = 1 if index == 0 else 2
                assert translation.ngettext(entry.msgid, entry.msgid_plural, count) == expected

"""XLIFF localization: Localized string, Get/SET DATABASE LOCALIZATION, Localized document path."""

from __future__ import annotations

import pytest

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.0"><file source-language="en" target-language="{lang}"><body>
<trans-unit id="15" resname="Shopping"><source>Shopping</source>{target}</trans-unit>
<trans-unit id="16" resname="Only source"><source>Source text</source></trans-unit>
</body></file></xliff>"""


@pytest.fixture
def app(run, tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    run.runtime.sandbox_root = tmp_path
    resources = tmp_path / "Resources"
    for folder, lang, target in (
        ("en.lproj", "en", ""),
        ("fr.lproj", "fr", "<target>Faire les courses</target>"),
        ("fr_ca.lproj", "fr-ca", "<target>Magasiner</target>"),
    ):
        (resources / folder).mkdir(parents=True)
        (resources / folder / "strings.xlf").write_text(XLIFF.format(lang=lang, target=target), encoding="utf-8")
    (resources / "fr.lproj" / "help.html").write_text("aide")
    run.folder = tmp_path
    return run


def test_strings_follow_the_current_language(app):
    # set-database-localization.md example 2: the FR and FR_CA folders translate "Shopping"
    assert app.value("Get database localization") == "fr"  # the system language has a folder
    assert app('return Localized string("Shopping")') == "Faire les courses"
    assert (
        app('SET DATABASE LOCALIZATION("fr-ca")\nreturn Localized string("Shopping")+" "+String(OK)') == "Magasiner 1"
    )
    assert app.value("Get database localization(Current localization)") == "fr-ca"
    assert app.value("Get database localization") == "fr"  # the default does not change
    assert app('return Localized string("Only source")') == "Source text"  # no target: the source
    assert app('$t:=Localized string("shopping")\nreturn String(OK)+$t') == "0"  # names are case-sensitive
    assert app('SET DATABASE LOCALIZATION("de")\nreturn OK') == 0  # no such folder: unchanged
    assert app.value("Get database localization(Current localization)") == "fr-ca"


def test_localized_document_path(app):
    # the region folder lacks help.html: its base language's has it
    assert app('SET DATABASE LOCALIZATION("fr-ca")\nreturn Localized document path("help.html")') == str(
        app.folder / "Resources" / "fr.lproj" / "help.html"
    )

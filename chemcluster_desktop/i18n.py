"""Translation for every layer.

Source strings are Russian (the shipped language); ``resources/translations/chemcluster_en.ts``
holds the English translation, extracted by ``pyside6-lupdate`` (which recognises calls of the
form ``translate("Context", "Текст")``) and compiled to ``.qm`` for Qt.

Layers below ``ui/`` must not import Qt, so :func:`translate` looks the text up in a catalog parsed
from the ``.ts`` file. The GUI installs Qt's own translator too and registers
``QCoreApplication.translate`` as the hook, so both paths give the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from chemcluster_desktop import paths

SUPPORTED_LANGUAGES = ("ru", "en")

_lang = "ru"
_catalog: dict[tuple[str, str], str] = {}
_hook: Callable[[str, str], str] | None = None
# set while an official form is built: its texts stay in the source language (Russian) whatever the
# interface language; a context variable, so a form built in a background thread does not turn the
# window's own texts Russian meanwhile
_source_only: ContextVar[bool] = ContextVar("source_only", default=False)


def load_catalog(lang: str) -> dict[tuple[str, str], str]:
    cat: dict[tuple[str, str], str] = {}
    if lang == "ru":
        return cat
    ts = paths.resource("translations", f"chemcluster_{lang}.ts")
    if not ts.is_file():
        return cat
    import xml.etree.ElementTree as ET  # only for English: a Russian start does not load the XML parser

    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            src = msg.findtext("source") or ""
            tr_el = msg.find("translation")
            if tr_el is None or tr_el.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if tr_el.text:
                cat[(name, src)] = tr_el.text
    return cat


def set_language(lang: str) -> None:
    global _lang, _catalog
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(lang)
    _lang = lang
    _catalog = load_catalog(lang)


def language() -> str:
    return _lang


def set_hook(hook: Callable[[str, str], str] | None) -> None:
    """The GUI registers ``QCoreApplication.translate`` here."""
    global _hook
    _hook = hook


@contextmanager
def source_language() -> Iterator[None]:
    """Within this block :func:`translate` returns the Russian source text (official forms)."""
    token = _source_only.set(True)
    try:
        yield
    finally:
        _source_only.reset(token)


def translate(context: str, text: str) -> str:
    if _source_only.get():
        return text
    if _hook is not None:
        return _hook(context, text)
    return _catalog.get((context, text), text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate recognises
    """Mark ``text`` for translation in ``context`` without translating it now: lupdate extracts it,
    and whoever shows it later calls ``translate(context, text)`` (declarations made at import
    time, before the language is chosen, such as the area registry's titles)."""
    return text

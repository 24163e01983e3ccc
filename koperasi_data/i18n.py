"""The interface language: gettext catalogues (managed with Babel) and the locale numbers and dates are written in.

Indonesian is the source language: every message in the code is Indonesian and ``_`` returns it unchanged
when the language is ``id``. English comes from ``locale/en/LC_MESSAGES/messages.po`` (compiled to ``.mo``
by ``make``; ``pybabel extract -F babel.cfg`` and ``pybabel update`` keep it in step with the code).

The language of the current run or build is a context variable: ``views.build`` sets it from its filters (so
the language is part of what a built view is made from and of its cache key), the entry point sets it for each
run of a page. Code that is not inside either sees Indonesian.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel import Locale

LANGS = ("id", "en")
DEFAULT = "id"
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# Babel locales of the numbers and dates of each language: 257.481 / 96,2 % / 12 Juli 2016 and
# 257,481 / 96.2 % / 12 July 2016. Parsed once (parsing on every call made big tables slow).
LOCALES = {"id": Locale.parse("id_ID"), "en": Locale.parse("en_GB")}

_current: contextvars.ContextVar[str] = contextvars.ContextVar("koperasi_lang", default=DEFAULT)


def normalise(lang) -> str:
    """A known language code: anything else (a mistyped ?lang=) is the default, Indonesian."""
    lang = str(lang or "").strip().lower()
    return lang if lang in LANGS else DEFAULT


@lru_cache(maxsize=None)
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == DEFAULT:
        return gettext.NullTranslations()
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    # No compiled catalogue yet (pytest run without `make`): compile the .po in memory with Babel, the same
    # thing `pybabel compile` writes to disk.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(lang: str):
    """The gettext function of ``lang`` (Indonesian: every message as written)."""
    return _translations(normalise(lang)).gettext


def current() -> str:
    """The language of the current run or build ('id' or 'en')."""
    return _current.get()


def locale(lang: str | None = None) -> Locale:
    """The Babel locale numbers and dates are written in, for ``lang`` or the current language."""
    return LOCALES[normalise(lang or current())]


def activate(lang: str) -> None:
    """Make ``lang`` the language of the rest of this run (a Streamlit script run: one thread, one run)."""
    _current.set(normalise(lang))


@contextlib.contextmanager
def use(lang: str):
    """Build something in ``lang``, then return to the language before."""
    token = _current.set(normalise(lang))
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """``message`` (Indonesian) in the current language."""
    if not message:
        return message
    return translator(current())(message)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated (with ``_``) where it is shown."""
    return message


def english() -> bool:
    """Whether the current language is English (for the few choices that are not messages, e.g. a column)."""
    return current() == "en"


def extract_datapackage(fileobj, keywords, comment_tags, options):
    """Babel extractor (babel.cfg) for datapackage.json: the package's, resources' and fields' titles, descriptions
    and units are interface text (table headers, the data dictionary, the Sumber page), so they are messages too."""
    import json

    text = fileobj.read().decode("utf-8")
    descriptor = json.loads(text)
    lines = text.splitlines()

    def line_of(message: str) -> int:
        needle = json.dumps(message, ensure_ascii=False)
        return next((i + 1 for i, line in enumerate(lines) if needle in line), 0)

    def messages(item: dict):
        for key in ("title", "description", "unit"):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                yield value

    found = list(messages(descriptor))
    for resource in descriptor.get("resources", []):
        found += messages(resource)
        for spec in resource.get("schema", {}).get("fields", []):
            found += messages(spec)
    for message in dict.fromkeys(found):
        yield line_of(message), "_", message, []

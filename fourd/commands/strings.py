"""String theme (commands/theme/String.md): text commands, String/Num conversions, regex, keywords."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..runtime.convert import text_to_number, text_to_number_base, to_number, to_text
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.operators import fold, keywords, text_key
from ..runtime.types import coerce
from ..runtime.values import UNDEFINED, Array4D, Collection4D, type_name
from ..syntax import ast
from . import args as A
from .formats import format_value
from .registry import command

# "sk" option bits of Compare strings / Position (commands/compare-strings.md).
SK_STRICT, SK_CHAR_CODES, SK_CASE_INSENSITIVE, SK_DIACRITIC_INSENSITIVE, SK_WHOLE_WORD = 0, 1, 2, 4, 32
DEFAULT_OPTIONS = SK_CASE_INSENSITIVE | SK_DIACRITIC_INSENSITIVE  # what the = and < operators do


def _star() -> Any:
    from ..runtime.compiler import STAR

    return STAR


# -- hook helpers (commands with output variables) ----------------------------------


def _deferred_error(key: str, **info: Any) -> Callable[[Frame], Any]:
    """A closure raising an error when the line runs (so it gets the line number)."""

    def fail(f: Frame) -> Any:
        raise error(key, **info)

    return fail


def _split_star(nodes: list[ast.Node]) -> tuple[list[ast.Node], bool]:
    if nodes and isinstance(nodes[-1], ast.Star):
        return nodes[:-1], True
    return nodes, False


def _count_error(name: str, expected: str, got: int) -> Callable[[Frame], Any]:
    return _deferred_error("wrong_param_count", name=name, detail=f"expects {expected} parameter(s), got {got}")


# -- text matching with the sk options --------------------------------------------


@lru_cache(maxsize=8192)
def _char_key(ch: str, options: int) -> str:
    """The comparison key of one character under ``options``."""
    if options & SK_CHAR_CODES:
        if options & SK_CASE_INSENSITIVE and ch.isascii():
            return ch.lower()  # only a-z/A-Z are folded with char codes
        return ch
    case_sensitive = not options & SK_CASE_INSENSITIVE
    accent_sensitive = not options & SK_DIACRITIC_INSENSITIVE
    return text_key(ch, case_sensitive, accent_sensitive)


def _key(text: str, options: int) -> str:
    if options == DEFAULT_OPTIONS:
        return fold(text)
    if options & SK_CHAR_CODES and not options & SK_CASE_INSENSITIVE:
        return text
    return "".join(_char_key(c, options & ~SK_WHOLE_WORD) for c in text)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class TextSearch:
    """Repeated searches in one text under ``options``, the keys being computed once.

    Each character of the text is replaced by its comparison key (which may be
    empty, for ignorable characters, or longer, for ligatures such as "æ"); a match
    must begin and end on character boundaries.
    """

    def __init__(self, hay: str, options: int = DEFAULT_OPTIONS, per_character: bool = False) -> None:
        self.hay = hay
        self.options = options
        self.codes = bool(options & SK_CHAR_CODES) and not options & SK_CASE_INSENSITIVE
        self.simple = not per_character and (self.codes or (options == DEFAULT_OPTIONS and _plain_ascii(hay)))
        if self.codes:
            self.joined = hay
        elif self.simple:
            self.joined = hay.lower()
        else:
            pieces = [_char_key(c, options & ~SK_WHOLE_WORD) for c in hay]
            self.offsets = [0] * (len(hay) + 1)
            self.starts: dict[int, int] = {}  # key offset -> character index, at boundaries
            self.ends: dict[int, int] = {}
            offset = 0
            for i, piece in enumerate(pieces):
                self.starts.setdefault(offset, i)
                offset += len(piece)
                self.ends[offset] = i + 1
                self.offsets[i + 1] = offset
            self.joined = "".join(pieces)

    def find(self, needle: str, start: int = 0) -> tuple[int, int]:
        """Index and length (in the text's characters) of the first ``needle`` at or after ``start``, or (-1, 0)."""
        if self.simple and (self.codes or _plain_ascii(needle)):
            target = needle if self.codes else needle.lower()
            pos = start
            while (i := self.joined.find(target, pos)) >= 0:
                if not self.options & SK_WHOLE_WORD or _whole_word(self.hay, i, i + len(target)):
                    return i, len(target)
                pos = i + 1
            return -1, 0
        if self.simple:  # a non-ASCII needle in an ASCII text: use the general path
            return TextSearch(self.hay, self.options, per_character=True).find(needle, start)
        target = _key(needle, self.options)
        if not target or start > len(self.hay):
            return -1, 0
        pos = self.offsets[start]
        while (k := self.joined.find(target, pos)) >= 0:
            end = k + len(target)
            if k in self.starts and end in self.ends and self.starts[k] >= start:
                first, last = self.starts[k], self.ends[end]
                if not self.options & SK_WHOLE_WORD or _whole_word(self.hay, first, last):
                    return first, last - first
            pos = k + 1
        return -1, 0


def find_text(hay: str, needle: str, start: int = 0, options: int = DEFAULT_OPTIONS) -> tuple[int, int]:
    """One search of :class:`TextSearch`."""
    return TextSearch(hay, options).find(needle, start)


_IGNORABLE_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _plain_ascii(text: str) -> bool:
    return text.isascii() and _IGNORABLE_RE.search(text) is None


def _whole_word(hay: str, first: int, last: int) -> bool:
    before = hay[first - 1] if first > 0 else ""
    after = hay[last] if last < len(hay) else ""
    return not (before and _is_word_char(before)) and not (after and _is_word_char(after))


# -- commands ----------------------------------------------------------------------


@command("Length")
def length(f: Frame, value: Any) -> int:
    return len(A.text(value, "Length", 1))


@command("Substring")
def substring(f: Frame, source: Any, first: Any, count: Any = A.MISSING) -> str:
    s = A.text(source, "Substring", 1)
    start = max(A.integer(first, "Substring", 2), 1)
    if count is A.MISSING:
        return s[start - 1 :]
    n = A.integer(count, "Substring", 3)
    if n <= 0:
        return ""
    return s[start - 1 : start - 1 + n]


@command("Position", hook=True)
def position(compiler: Any, arg_nodes: list[ast.Node]):
    """Position(find; aString {; start {; lengthFound}}{; *}) and Position(find; aString; start; lengthFound; options)."""
    nodes, star = _split_star(arg_nodes)
    if not 2 <= len(nodes) <= (4 if star else 5):
        return _count_error("Position", "2 to 5", len(arg_nodes))
    values = compiler.args(nodes[:3])
    store_length = compiler.store(nodes[3]) if len(nodes) >= 4 else None
    options_arg = compiler.expr(nodes[4]) if len(nodes) == 5 else None

    def run(f: Frame) -> int:
        needle = A.text(values[0](f), "Position", 1)
        hay = A.text(values[1](f), "Position", 2)
        begin = max(A.integer(values[2](f), "Position", 3), 1) if len(values) > 2 else 1
        options = SK_CHAR_CODES if star else DEFAULT_OPTIONS
        if options_arg is not None:
            options = A.integer(options_arg(f), "Position", 5)
        index, found = (-1, 0) if not needle else find_text(hay, needle, begin - 1, options)
        if store_length is not None:
            store_length(f, found)
        return index + 1

    return run


@command("Replace string")
def replace_string(f: Frame, source: Any, old: Any, new: Any, how_many: Any = A.MISSING, star: Any = A.MISSING) -> str:
    s = A.text(source, "Replace string", 1)
    o = A.text(old, "Replace string", 2)
    n = A.text(new, "Replace string", 3)
    exact = how_many is _star() or star is _star()
    if star is not A.MISSING and star is not _star():
        raise error("wrong_param_type", name="Replace string", index=5, expected="*", got=type_name(star))
    limit = -1
    if how_many is not A.MISSING and how_many is not _star():
        limit = A.integer(how_many, "Replace string", 4)
    if not o:
        return s
    search = TextSearch(s, SK_CHAR_CODES if exact else DEFAULT_OPTIONS)
    out = []
    i = 0
    done = 0
    while i <= len(s) and (limit < 0 or done < limit):
        j, width = search.find(o, i)
        if j < 0:
            break
        out.append(s[i:j])
        out.append(n)
        i = j + max(width, 1)
        done += 1
    out.append(s[i:])
    return "".join(out)


@command("Change string")
def change_string(f: Frame, source: Any, new_chars: Any, where: Any) -> str:
    s = A.text(source, "Change string", 1)
    new = A.text(new_chars, "Change string", 2)
    at = A.integer(where, "Change string", 3)
    if not new or at < 1 or at > len(s):
        return s
    # The result keeps the length of source: extra new characters are dropped.
    return (s[: at - 1] + new + s[at - 1 + len(new) :])[: len(s)]


@command("Delete string")
def delete_string(f: Frame, source: Any, where: Any, count: Any) -> str:
    s = A.text(source, "Delete string", 1)
    at = A.integer(where, "Delete string", 2)
    n = A.integer(count, "Delete string", 3)
    if not s or at > len(s) or n <= 0:
        return s
    at = max(at, 1)
    return s[: at - 1] + s[at - 1 + n :]


@command("Insert string")
def insert_string(f: Frame, source: Any, what: Any, where: Any) -> str:
    s = A.text(source, "Insert string", 1)
    w = A.text(what, "Insert string", 2)
    at = A.integer(where, "Insert string", 3)
    if not w:
        return s
    at = min(max(at, 1), len(s) + 1)
    return s[: at - 1] + w + s[at - 1 :]


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _star_only(value: Any, name: str, index: int) -> bool:
    if value is A.MISSING:
        return False
    if value is _star():
        return True
    raise error("wrong_param_type", name=name, index=index, expected="*", got=type_name(value))


@command("Uppercase")
def uppercase(f: Frame, value: Any, star: Any = A.MISSING) -> str:
    s = A.text(value, "Uppercase", 1)
    # Without *, accented letters lose their accents: "hélène" gives "HELENE".
    return s.upper() if _star_only(star, "Uppercase", 2) else _strip_accents(s).upper()


@command("Lowercase")
def lowercase(f: Frame, value: Any, star: Any = A.MISSING) -> str:
    s = A.text(value, "Lowercase", 1)
    return s.lower() if _star_only(star, "Lowercase", 2) else _strip_accents(s).lower()


# ECMAScript WhiteSpace and LineTerminator characters (Trim follows TrimString).
_ES_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"


@command("Trim")
def trim(f: Frame, value: Any) -> str:
    return A.text(value, "Trim", 1).strip(_ES_SPACE)


@command("Trim start")
def trim_start(f: Frame, value: Any) -> str:
    return A.text(value, "Trim start", 1).lstrip(_ES_SPACE)


@command("Trim end")
def trim_end(f: Frame, value: Any) -> str:
    return A.text(value, "Trim end", 1).rstrip(_ES_SPACE)


@command("Char")
def char(f: Frame, code: Any) -> str:
    n = A.integer(code, "Char", 1)
    if not 0 <= n <= 0x10FFFF:
        return ""
    return chr(n)


@command("Character code")
def character_code(f: Frame, value: Any) -> int:
    s = A.text(value, "Character code", 1)
    return ord(s[0]) if s else 0


@command("Compare strings")
def compare_strings(f: Frame, a: Any, b: Any, options: Any = A.MISSING) -> int:
    x = A.text(a, "Compare strings", 1)
    y = A.text(b, "Compare strings", 2)
    opts = DEFAULT_OPTIONS if options is A.MISSING else A.integer(options, "Compare strings", 3)
    kx, ky = _collation_key(x, opts & ~SK_WHOLE_WORD), _collation_key(y, opts & ~SK_WHOLE_WORD)
    return (kx > ky) - (kx < ky)  # "@" is an ordinary character here


def _collation_key(text: str, options: int) -> tuple[str, ...]:
    """The order of the data language (every option but sk char codes): letters first, then,
    between texts equal but for them, accents (unless diacritic insensitive), then case
    (unless case insensitive), lowercase first — API/CollectionClass.md shows sk strict
    sorting "alpha" before "Alpha" before "bravo" (not by character code: "Bravo" < "alpha")."""
    if options & SK_CHAR_CODES or options == DEFAULT_OPTIONS:
        return (_key(text, options),)
    primary = _key(text, DEFAULT_OPTIONS)
    accents = "" if options & SK_DIACRITIC_INSENSITIVE else _key(text, SK_CASE_INSENSITIVE)
    case = "" if options & SK_CASE_INSENSITIVE else _key(text, SK_DIACRITIC_INSENSITIVE).swapcase()
    return (primary, accents, case)


@command("Split string")
def split_string(f: Frame, source: Any, separator: Any, options: Any = A.MISSING) -> Any:
    s = A.text(source, "Split string", 1)
    sep = A.text(separator, "Split string", 2)
    opts = 0 if options is A.MISSING else A.integer(options, "Split string", 3)
    parts = list(s) if sep == "" else s.split(sep)
    if opts & 2:  # sk trim spaces
        parts = [p.strip() for p in parts]
    if opts & 1:  # sk ignore empty strings
        parts = [p for p in parts if p != ""]
    return Collection4D(parts)


@command("String")
def string(f: Frame, value: Any, fmt: Any = A.MISSING, add_time: Any = A.MISSING) -> str:
    if fmt is A.MISSING:
        return "" if value is UNDEFINED else to_text(value)
    return format_value(value, fmt, None if add_time is A.MISSING else add_time)


@command("Num")
def num(f: Frame, value: Any, separator_or_base: Any = A.MISSING) -> float:
    if separator_or_base is A.MISSING:
        return to_number(value)
    t = type(separator_or_base)
    if type(value) is not str:
        return to_number(value)  # the second parameter only applies to texts
    if t is str:
        return text_to_number(value, separator_or_base)
    if t in (int, float):
        return text_to_number_base(value, int(separator_or_base))
    raise error(
        "wrong_param_type", name="Num", index=2, expected="a text or a number", got=type_name(separator_or_base)
    )


@command("Localized string")
def localized_string(f: Frame, name: Any) -> str:
    """The string of ``resName`` in the XLIFF files of the current language's .lproj folder
    (commands/_localization.py); not found: empty text and OK = 0."""
    from ._localization import localized

    found = localized(f, A.text(name, "Localized string", 1))
    f.process.set_var("ok", 0.0 if found is None else 1.0)
    return found or ""


# -- GET TEXT KEYWORDS, Match regex: output arrays and variables ---------------------


def _fill_array(array: Any, values: list[Any], name: str, index: int, element0: Any = A.MISSING) -> None:
    """Replace the elements 1…n of an existing array (element 0 is kept unless given)."""
    if type(array) is not Array4D:
        raise error("not_an_array", name=name, index=index, got=type_name(array))
    items = [coerce(array.type, v) for v in values]
    first = array.items[0] if element0 is A.MISSING else coerce(array.type, element0)
    array.items[:] = [first, *items]


@command("GET TEXT KEYWORDS", hook=True)
def get_text_keywords(compiler: Any, arg_nodes: list[ast.Node]):
    nodes, star = _split_star(arg_nodes)
    if len(nodes) != 2:
        return _count_error("GET TEXT KEYWORDS", "2 or 3", len(arg_nodes))
    text_of = compiler.expr(nodes[0])
    array_of = compiler.expr(nodes[1])

    def run(f: Frame) -> None:
        words = keywords(A.text(text_of(f), "GET TEXT KEYWORDS", 1))
        if star:  # each different word once (compared as the = operator does)
            seen: set[str] = set()
            unique = []
            for w in words:
                if fold(w) not in seen:
                    seen.add(fold(w))
                    unique.append(w)
            words = unique
        _fill_array(array_of(f), words, "GET TEXT KEYWORDS", 2)

    return run


_CLASS_ESCAPES = {"L": r"[^\W\d_]", "Letter": r"[^\W\d_]", "N": r"\d", "Nd": r"\d", "Z": r"\s", "Zs": r"\s"}


@lru_cache(maxsize=256)
def compile_regex(pattern: str) -> re.Pattern[str]:
    """Compile an ICU regular expression with Python's ``re``, translating the ICU-only syntax fourd knows.

    Supported translations: ``(?<name>…)`` named groups, ``\\x{hhhh}``, ``\\Q…\\E``,
    and ``\\p{L}``/``\\p{N}``/``\\p{Z}`` (and their ``\\P`` negations) outside brackets.
    """
    src = re.sub(r"\(\?<(?![=!])", "(?P<", pattern)
    src = re.sub(r"\\x\{([0-9A-Fa-f]{1,6})\}", lambda m: f"\\U{int(m.group(1), 16):08x}", src)
    src = re.sub(r"\\Q(.*?)(\\E|$)", lambda m: re.escape(m.group(1)), src, flags=re.S)

    def prop(m: re.Match[str]) -> str:
        cls = _CLASS_ESCAPES.get(m.group(2))
        if cls is None:
            raise error("regex_syntax", detail=f"unsupported property {m.group(0)}")
        if m.group(1) == "P":
            return "[" + cls[2:] if cls.startswith("[^") else cls.swapcase()
        return cls

    src = re.sub(r"\\([pP])\{(\w+)\}", prop, src)
    try:
        return re.compile(src)
    except re.error as exc:
        raise error("regex_syntax", detail=str(exc)) from None


@command("Match regex", hook=True)
def match_regex(compiler: Any, arg_nodes: list[ast.Node]):
    """Match regex(pattern; aString) and Match regex(pattern; aString; start {; pos; len}{; *})."""
    nodes, star = _split_star(arg_nodes)
    if len(nodes) not in (2, 3, 5) or (star and len(nodes) == 2):
        return _count_error("Match regex", "2, 3 or 5", len(arg_nodes))
    values = compiler.args(nodes[:3])
    outputs = None
    if len(nodes) == 5:
        outputs = [(compiler.expr(n), compiler.store(n)) for n in nodes[3:]]

    def run(f: Frame) -> bool:
        pattern = A.text(values[0](f), "Match regex", 1)
        subject = A.text(values[1](f), "Match regex", 2)
        regex = compile_regex(pattern)
        if len(values) == 2:
            return regex.fullmatch(subject) is not None  # complete equality
        start = max(A.integer(values[2](f), "Match regex", 3), 1) - 1
        found = regex.match(subject, start) if star else regex.search(subject, start)
        if outputs is not None:
            _store_match(f, found, outputs)
        return found is not None

    return run


def _store_match(f: Frame, found: re.Match[str] | None, outputs: list[tuple[Any, Any]]) -> None:
    """pos_found/length_found: the whole match in variables, or whole match and groups in arrays."""
    spans = [(0, 0)]
    if found is not None:
        spans = [found.span(0)] + [found.span(i) for i in range(1, (found.re.groups or 0) + 1)]
    positions = [s + 1 if s >= 0 and (s, e) != (-1, -1) else 0 for s, e in spans]
    lengths = [e - s if s >= 0 else 0 for s, e in spans]
    if found is None:
        positions, lengths = [0], [0]
    for (read, store), values, index in ((outputs[0], positions, 4), (outputs[1], lengths, 5)):
        target = read(f)
        if type(target) is Array4D:
            _fill_array(target, values[1:], "Match regex", index, element0=values[0])
        else:
            store(f, values[0])


# CONVERT FROM TEXT and Convert to text (character sets) live in blob.py.

"""A strict YAML reader that keeps the position of every value.

PyYAML reads YAML 1.1: `no` becomes False, `2021-05-01` a date, `12:30` the number 750,
duplicate keys overwrite each other and aliases can expand exponentially. Plan files are
edited by people, so here all of that is an error with a line and column instead. Scalars
follow the YAML 1.2 core schema (what editors and check-jsonschema read), and plain scalars
that YAML 1.1 would read differently must be quoted, so every tool sees the same data.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: every text goes to the pure-Python reader
    CParser = None

from .errors import ContentError

MAX_BYTES = 2_000_000
MAX_DEPTH = 32
# Digits in a number: plans count years, grades and targets; 15 digits are exact as a float too.
MAX_DIGITS = 15

Path = tuple[Any, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
# What YAML 1.1 reads as something other than text, while YAML 1.2 reads it as text.
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_YAML11_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?$")
_YAML11_OTHER = re.compile(
    r"^(?:[-+]?0[0-7]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
# Whether a plain scalar may be anything but text: one test instead of six for most values.
_NOT_JUST_TEXT = re.compile(
    "|".join(p.pattern for p in (_NULL, _INT, _FLOAT, _YAML11_BOOL, _YAML11_DATE, _YAML11_OTHER))
)
# What the YAML reader refuses in a file, and so here in what an escape ("\0", "\x1f") writes.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Where libyaml and PyYAML's own reader disagree; see `_read_fast`.
_LIBYAML_DIFFERS = re.compile(r"[\t\ufeff]|[|>][-+0-9]*#")


@dataclass
class Document:
    """Parsed YAML data together with where each value and key starts in the file."""

    path: str
    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # Where a number is written with a decimal point but is whole (`2021.0`): JSON Schema would
    # take it for an integer, Python does not, so validation looks at these more closely.
    whole_floats: list[Path] = field(default_factory=list)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Return (line, column) of the value at `path`, or of its nearest located ancestor."""
        path = tuple(path)
        while True:
            if key and path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def error(self, path: Path, message: str, *, key: bool = False) -> ContentError:
        """Build an error located at `path`."""
        line, column = self.locate(path, key=key)
        return ContentError(self.path, line, column, message)

    def scalar(self, path: Path, value: Any) -> Any:
        """A scalar value read at `path`, noting whole numbers written as floats."""
        if type(value) is float and value.is_integer():
            self.whole_floats.append(path)
        return value


class _Loader(yaml.SafeLoader):
    """Composes a node tree; refuses aliases and explicit tags before anything is built."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "aliases (*name) are not allowed; write the value out")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(event.start_mark, f"tags such as '{tag}' are not allowed; remove the tag")
        return super().compose_node(parent, index)


class _FastReader:
    """Plain data and positions straight from libyaml's events: the common case, several times faster.

    It reads only documents that `_Loader` and `_build` read without complaint, and reads them the
    same way. Anything else (an alias, anchor or tag, a `?` inside [...] or {...} where the two
    readers disagree, deep nesting, a duplicate or non-text key, an ambiguous value, any syntax
    error) raises `_Unusual`, and the pure-Python reader goes over the text again to report it
    exactly as it always has.
    """

    def __init__(self, doc: Document, text: str) -> None:
        self.doc = doc
        self.text = text
        self.events = CParser(text)

    def read(self) -> Any:
        events = self.events
        events.get_event()  # stream start
        if events.check_event(yaml.StreamEndEvent):
            return None
        events.get_event()  # document start
        data = self.value((), 0)
        events.get_event()  # document end
        if not events.check_event(yaml.StreamEndEvent):
            raise _Unusual
        return data

    def value(self, path: Path, depth: int) -> Any:
        event = self.events.get_event()
        kind = type(event)
        if depth > MAX_DEPTH or kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
            raise _Unusual
        mark = event.start_mark
        self.doc.values[path] = (mark.line + 1, mark.column + 1)
        if kind is yaml.ScalarEvent:
            if event.style == '"' and _NOT_PRINTABLE.search(event.value):
                raise _Unusual
            return self.doc.scalar(path, _text(event.value) if event.style else _plain(event.value))
        result: Any
        if kind is yaml.MappingStartEvent:
            result = {}
            while not self.events.check_event(yaml.MappingEndEvent):
                key, position = self.key()
                if key in result:
                    raise _Unusual
                self.doc.keys[path + (key,)] = position
                result[key] = self.value(path + (key,), depth + 1)
        elif kind is yaml.SequenceStartEvent:
            result = []
            while not self.events.check_event(yaml.SequenceEndEvent):
                result.append(self.value(path + (len(result),), depth + 1))
        else:
            raise _Unusual
        end = self.events.get_event()
        if event.flow_style and "?" in self.text[mark.index : end.end_mark.index]:
            raise _Unusual
        return result

    def key(self) -> tuple[str, tuple[int, int]]:
        event = self.events.get_event()
        if type(event) is not yaml.ScalarEvent or event.anchor is not None or event.tag is not None:
            raise _Unusual
        key = event.value if event.style else _plain(event.value)
        if not isinstance(key, str) or (key == "<<" and not event.style):  # `<<` would be a merge key
            raise _Unusual
        if event.style == '"' and _NOT_PRINTABLE.search(key):
            raise _Unusual
        return key, (event.start_mark.line + 1, event.start_mark.column + 1)


class _Unusual(Exception):
    """The fast reader leaves this document to the reference reader."""


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        self.mark = mark
        self.message = message


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def decode(path: str, raw: bytes) -> str:
    """Decode a file's bytes as UTF-8, or raise a located error saying what is wrong."""
    if len(raw) > MAX_BYTES:
        raise ContentError(path, 1, 1, f"file is too large ({len(raw)} bytes; the limit is {MAX_BYTES})")
    if b"\x00" in raw:
        return _raise_at(path, raw, raw.index(b"\x00"), "binary data (a NUL byte); plan files are UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _raise_at(path, raw, exc.start, "not valid UTF-8 text; save the file as UTF-8")


def _raise_at(path: str, raw: bytes, offset: int, message: str) -> Any:
    line = raw.count(b"\n", 0, offset) + 1
    column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    raise ContentError(path, line, column, message)


def parse(path: str, text: str) -> Document:
    """Parse YAML text into plain data (dict, list, str, int, float, bool, None).

    Raises:
        ContentError: on a syntax error, alias, tag, duplicate or non-text key,
            ambiguous plain scalar, or nesting deeper than MAX_DEPTH.
    """
    doc = _read_fast(path, text)
    return doc if doc is not None else _read_reference(path, text)


def _read_reference(path: str, text: str) -> Document:
    """The document read by PyYAML's pure-Python reader and `_build`, with every check located."""
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise ContentError(path, line, column, f"control character U+{code:04X} is not allowed; remove it") from None
    except _Refused as exc:
        raise ContentError(path, *_pos(exc.mark), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError(path, line, column, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise ContentError(path, 1, 1, f"YAML error: {exc}") from None
    except RecursionError:
        raise ContentError(path, 1, 1, f"nested more than {MAX_DEPTH} levels deep") from None
    finally:
        if loader is not None:
            loader.dispose()
    doc = Document(path, None)
    if node is not None:
        doc.data = _build(doc, node, (), 0)
    return doc


def _read_fast(path: str, text: str) -> Document | None:
    """The document as `parse` reads it, by `_FastReader`; None when the reference reader must decide.

    Some texts go to the reference reader directly, as libyaml reads them differently: it accepts
    tabs after values and a comment right after a block scalar's `|` or `>` where the other
    reports an error, counts a byte order mark in columns, and places the end of a text without
    a final line break on a line of its own.
    """
    if CParser is None or not text.endswith("\n") or _LIBYAML_DIFFERS.search(text):
        return None
    doc = Document(path, None)
    try:
        doc.data = _FastReader(doc, text).read()
    except (_Unusual, _Ambiguous, _Refused, yaml.YAMLError, UnicodeError, RecursionError):
        return None
    return doc


def _build(doc: Document, node: yaml.Node, path: Path, depth: int) -> Any:
    doc.values[path] = _pos(node.start_mark)
    if depth > MAX_DEPTH:
        raise doc.error(path, f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise ContentError(doc.path, *_pos(key_node.start_mark), "keys must be plain names")
            key = _scalar(doc, key_node, path)
            if not isinstance(key, str):
                raise ContentError(doc.path, *_pos(key_node.start_mark), f"key {key_node.value!r} must be text")
            if key in result:
                first = doc.keys[path + (key,)]
                raise ContentError(
                    doc.path,
                    *_pos(key_node.start_mark),
                    f"duplicate key '{key}' (first given on line {first[0]}); each key may appear once",
                )
            doc.keys[path + (key,)] = _pos(key_node.start_mark)
            result[key] = _build(doc, value_node, path + (key,), depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(doc, item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
    return _scalar(doc, node, path)


def _scalar(doc: Document, node: yaml.ScalarNode, path: Path) -> Any:
    if node.style == '"' and (found := _NOT_PRINTABLE.search(node.value)):
        raise ContentError(
            doc.path,
            *_pos(node.start_mark),
            f"control character U+{ord(found.group()):04X} (written as an escape) is not allowed; remove it",
        )
    if node.style is not None:
        return _text(node.value)
    try:
        return doc.scalar(path, _plain(node.value))
    except _Ambiguous as exc:
        raise ContentError(
            doc.path, *_pos(node.start_mark), f"'{node.value}' {exc.hint}; write it in quotes: \"{node.value}\""
        ) from None
    except _Refused as exc:
        raise ContentError(doc.path, *_pos(node.start_mark), exc.message) from None


class _Ambiguous(Exception):
    def __init__(self, hint: str) -> None:
        self.hint = hint


def plain_is_text(value: str) -> bool:
    """True when `value`, written unquoted, reads back as this same text (writers quote it otherwise)."""
    return value not in _BOOL and not _NOT_JUST_TEXT.match(value)


def _text(value: str) -> str:
    """Text in NFC: two spellings of one name that look the same are the same string."""
    return value if value.isascii() or unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def _plain(value: str) -> Any:
    """A plain (unquoted) scalar's value; raises `_Ambiguous` for text that YAML 1.1 reads otherwise,
    `_Refused` for a number too long or too large to be meant."""
    if value not in _BOOL and not _NOT_JUST_TEXT.match(value):
        return _text(value)
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
        digits = sum(c.isdigit() for c in value.partition("e")[0].partition("E")[0])
        if digits > MAX_DIGITS:
            raise _Refused(None, f"a number of {digits} digits is too long (at most {MAX_DIGITS})")
        number = int(value) if _INT.fullmatch(value) else float(value)
        if not math.isfinite(number):
            raise _Refused(None, f"'{value}' is too large a number")
        return number
    if _YAML11_BOOL.match(value):
        raise _Ambiguous("is read as true/false by some YAML tools")
    if _YAML11_DATE.match(value):
        raise _Ambiguous("is read as a date by some YAML tools")
    if _YAML11_OTHER.match(value):
        raise _Ambiguous("is read as a number by some YAML tools")
    return value

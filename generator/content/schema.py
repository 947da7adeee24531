"""The JSON Schemas of content files, and validation errors mapped to lines and columns.

The schemas in `schemas/` are the contract: editors read them through the
`# yaml-language-server: $schema=` line, and the loader validates the very data it builds
from with them. jsonschema's messages are written for programmers; here each is rephrased
for a person editing YAML and placed on the line to fix.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
import jsonschema

from .errors import ContentError
from .yamlsafe import Document

SCHEMAS = ("plan", "regions", "topics", "agency-kinds", "audiences", "glossary", "search-vocabulary")
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
# A pattern's `$` in Python also matches before a final line break ("2-1\n"): here every
# pattern that ends with `$` must match to the very end, as JSON Schema's (ECMA-262) `$` does.
_END = re.compile(r"(?<!\\)\$$")
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "nothing",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """Return the parsed JSON Schema `name` (one of SCHEMAS)."""
    text = resources.files(__package__).joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _python_schema(name: str) -> dict[str, Any]:
    """The schema as Python validates it: each pattern ending in `$` ends in `\\Z` instead."""

    def full(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: _END.sub(r"\\Z", v) if k == "pattern" and isinstance(v, str) else full(v) for k, v in node.items()
            }
        return [full(v) for v in node] if isinstance(node, list) else node

    return full(load_schema(name))


def schema_text(name: str) -> str:
    """The schema file as committed, for publishing on the site."""
    return resources.files(__package__).joinpath("schemas", f"{name}.schema.json").read_text("utf-8")


def describe_fields(schema: dict[str, Any]) -> list[tuple[str, str]]:
    """Every field of a schema as (dotted path, description), for documentation pages and tests."""
    out: list[tuple[str, str]] = []
    defs = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = {**defs[node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def walk(node: dict[str, Any], prefix: str, seen: frozenset[str]) -> None:
        node = resolve(node)
        if node.get("type") == "array" and "items" in node:
            walk(node["items"], prefix + "[]", seen)
            return
        for variant in node.get("oneOf", []):
            walk(variant, prefix, seen)
        for key, sub in node.get("properties", {}).items():
            path = f"{prefix}.{key}" if prefix else key
            ref = sub.get("$ref", "") or sub.get("items", {}).get("$ref", "")
            if path not in {p for p, _ in out}:
                out.append((path, resolve(sub).get("description", "") or sub.get("description", "")))
            if ref and ref in seen:
                continue
            walk(sub, path, seen | {ref} if ref else seen)

    walk(schema, "", frozenset())
    return out


def _is_integer(checker: Any, instance: Any) -> bool:
    """An integer is an int: JSON Schema would also take 2021.0, which Python's range() refuses."""
    return type(instance) is int


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = _python_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    strict = jsonschema.validators.extend(cls, type_checker=cls.TYPE_CHECKER.redefine("integer", _is_integer))
    return strict(schema)


def validate(doc: Document, name: str) -> list[ContentError]:
    """Validate a parsed document against schema `name`; return every error, located.

    The quick check takes a whole number written as a float for an integer, so a document
    with one is always validated by jsonschema, whose integers are ints."""
    if not doc.whole_floats and _is_valid(name, doc.data):
        return []
    errors: list[ContentError] = []
    for error in _validator(name).iter_errors(doc.data):
        errors.extend(_explain(doc, error))
    return errors


def field_path(path: tuple[Any, ...]) -> str:
    """Render a data path as a contributor reads it: sections[1].measures[4].title."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {_short(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def _explain(doc: Document, error: jsonschema.ValidationError) -> list[ContentError]:
    path = tuple(error.absolute_path)
    where = field_path(path)
    instance, validator, expected = error.instance, error.validator, error.validator_value

    if validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        out = []
        for key in sorted(set(instance) - set(allowed)):
            guess = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{guess[0]}'? " if guess else ""
            out.append(
                doc.error(
                    path + (key,),
                    f"{where}: unknown field '{key}'; {hint}allowed fields: {', '.join(allowed)}",
                    key=True,
                )
            )
        return out
    if validator in ("oneOf", "anyOf"):
        branch = 1 if isinstance(instance, dict) else 0
        inner = [e for e in error.context or [] if e.schema_path and e.schema_path[0] == branch]
        if isinstance(instance, (str, dict)) and inner:
            return [x for e in inner for x in _explain(doc, e)]
        return [doc.error(path, f"{where}: expected text or a mapping with 'text', got {_describe(instance)}")]
    if validator == "required":
        missing = [name for name in expected if name not in instance]
        return [doc.error(path, f"{where}: missing required field '{name}'") for name in missing]
    if validator == "type":
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        hint = "; write it in quotes" if wanted == "text" and isinstance(instance, (int, float, bool)) else ""
        return [doc.error(path, f"{where}: expected {wanted}, got {_describe(instance)}{hint}")]
    if validator == "enum":
        guess = difflib.get_close_matches(str(instance), [str(v) for v in expected], n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        options = ", ".join(str(v) for v in expected)
        return [doc.error(path, f"{where}: {_short(instance)} is not one of: {options}{hint}")]
    if validator == "pattern":
        expected = expected.replace("\\Z", "$")
        if expected == SLUG_PATTERN:
            message = (
                f"{_short(instance)} is not a valid id: use lowercase Latin letters, digits and single hyphens, "
                "e.g. 'smolensk-2020'"
            )
        elif expected == "\\S":
            message = "must not be blank"
        elif "\\d{4}-\\d{2}-\\d{2}" in expected:
            message = f'{_short(instance)} is not a date; write it as "YYYY-MM-DD"'
        else:
            message = f"{_short(instance)} does not match the pattern {expected}"
        return [doc.error(path, f"{where}: {message}")]
    if validator == "minLength":
        return [doc.error(path, f"{where}: must not be empty")]
    if validator == "maxLength":
        return [doc.error(path, f"{where}: too long ({len(instance)} characters; at most {expected})")]
    if validator == "minItems":
        return [doc.error(path, f"{where}: needs at least {expected} item{'s' if expected > 1 else ''}")]
    if validator == "maxItems":
        return [doc.error(path, f"{where}: at most {expected} items allowed, found {len(instance)}")]
    if validator == "uniqueItems":
        return [doc.error(path, f"{where}: the same item is listed twice")]
    if validator in ("minimum", "maximum"):
        bound = "at least" if validator == "minimum" else "at most"
        return [doc.error(path, f"{where}: {instance} is out of range; expected {bound} {expected}")]
    return [doc.error(path, f"{where}: {error.message}")]


@cache
def _compiled(name: str) -> Callable[[Any], Any]:
    return fastjsonschema.compile(_python_schema(name))


def _is_valid(name: str, data: Any) -> bool:
    """A quick yes/no: fastjsonschema compiles the schema to Python and checks a valid file
    several times faster than jsonschema, which is then needed only to explain errors."""
    try:
        _compiled(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True

"""Write the draft as YAML that the project's strict reader accepts and people can edit."""

from __future__ import annotations

from typing import Any

import yaml

from ..content.errors import one_line
from ..content.yamlsafe import plain_is_text

HEADER = "# yaml-language-server: $schema=../../generator/content/schemas/plan.schema.json\n"


class _Dumper(yaml.SafeDumper):
    """Block style; multi-line text as literal blocks; short id lists in flow style."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value and not any(line != line.strip() for line in value.split("\n")):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    # «n», «y», «on», «2021-05-01»: text that YAML 1.1 tools read otherwise is quoted, as the strict reader asks.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain_is_text(value) else '"')


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = bool(value) and all(isinstance(v, str) and len(v) < 40 and "\n" not in v for v in value) and len(value) <= 12
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def dump(plan: dict[str, Any], source_name: str) -> str:
    """The plan as YAML text, with the schema line and a comment saying it is a draft."""
    body = yaml.dump(plan, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)
    comment = f"# Draft imported from {one_line(source_name)} by `python -m generator import`. Review every note."
    return HEADER + comment + "\n" + body

"""Contributors: every field is documented, and new-plan starts them off with a valid file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from generator.content import loader, schema

GUIDE = (ROOT / "docs" / "contribute.md").read_text(encoding="utf-8")


def test_every_schema_field_is_documented_in_the_guide() -> None:
    documented = set(re.findall(r"`([a-z_]+)`", GUIDE))
    for name in schema.SCHEMAS:
        for path, _ in schema.describe_fields(schema.load_schema(name)):
            field = path.split(".")[-1].removesuffix("[]")
            assert field in documented, f"{name}: field '{path}' is not described in docs/contribute.md"


def test_every_plugin_option_is_documented() -> None:
    from generator.mkdocs.config import PlansConfig

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _ in PlansConfig._schema:
        assert f"`{name}`" in readme, f"plugin option '{name}' is not described in README.md"


def _new_plan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "new-plan", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_new_plan_writes_a_valid_skeleton(content: Path) -> None:
    result = _new_plan("--region", "perm", "--year", "2031", "--content", str(content))
    assert result.returncode == 0, result.stderr
    plan = loader.load(content).plans["perm-2031"]
    assert plan.period == (2031, 2034) and len(plan.measures) == 1
    again = _new_plan("--region", "perm", "--year", "2031", "--content", str(content))
    assert again.returncode == 1 and "already exists; use --force" in again.stderr
    unknown = _new_plan("--region", "atlantis", "--content", str(content))
    assert unknown.returncode == 1 and "unknown region 'atlantis'" in unknown.stderr
    assert "Traceback" not in unknown.stderr

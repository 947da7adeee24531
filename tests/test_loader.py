"""Broken content gets a located, readable error, never a traceback."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, minimal_plan, write_plan

from generator.content import loader
from generator.content.errors import ContentErrors


def at(path: Path, needle: str, offset: int = 0) -> str:
    """'file:line:col' of the first occurrence of `needle` (plus `offset` columns) in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{path.name}:{number}:{line.index(needle) + 1 + offset}"
    raise AssertionError(f"{needle!r} not in {path}")


def errors_of(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        loader.load(content)
    return [f"{Path(e.path).name}:{e.line}:{e.column}: {e.message}" for e in info.value.errors]


def test_minimal_plan_loads(content: Path) -> None:
    write_plan(content, minimal_plan())
    catalog = loader.load(content)
    plan = catalog.plans["smolensk-2099"]
    measure = plan.measures[0]
    assert measure.key == "smolensk-2099/1-1"
    assert [r.agency.id for r in measure.responsible] == ["test-dept", "test-schools"]
    assert measure.responsible[1].by_agreement is True
    assert (measure.timeframe.start, measure.timeframe.end, measure.timeframe.quarters) == (2099, 2099, (2,))
    assert catalog.measures_by_agency["test-schools"] == (measure,)
    assert measure in catalog.measures_by_topic["professional-trials"]
    assert plan in catalog.plans_by_region["smolensk"]


YAML_CASES = {
    "duplicate key": (
        "id: a\nid: b\n",
        "broken.yaml:2:1: duplicate key 'id' (first given on line 1); each key may appear once",
    ),
    "unquoted no": (
        "id: x\nlevel: no\n",
        "broken.yaml:2:8: 'no' is read as true/false by some YAML tools; write it in quotes: \"no\"",
    ),
    "unquoted date": (
        "act:\n  date: 2021-05-01\n",
        "broken.yaml:2:9: '2021-05-01' is read as a date by some YAML tools; write it in quotes: \"2021-05-01\"",
    ),
    "sexagesimal": (
        "title: 12:30\n",
        "broken.yaml:1:8: '12:30' is read as a number by some YAML tools; write it in quotes: \"12:30\"",
    ),
    "alias bomb": (
        "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
        "broken.yaml:2:8: aliases (*name) are not allowed; write the value out",
    ),
    "python tag": (
        "id: !!python/object/apply:os.system [echo]\n",
        "broken.yaml:1:5: tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed; remove the tag",
    ),
    "syntax": ("id: [a, b\n", "broken.yaml:2:1: YAML syntax error: expected ',' or ']', but got '<stream end>'"),
    "control character": (
        "id: a\ntitle: b\x1fc\n",
        "broken.yaml:2:9: control character U+001F is not allowed; remove it",
    ),
    "escaped control character": (
        'id: a\ntitle: "b\\0c"\n',
        "broken.yaml:2:8: control character U+0000 (written as an escape) is not allowed; remove it",
    ),
    "escaped in a key": (
        'id: a\n"t\\x01": b\n',
        "broken.yaml:2:1: control character U+0001 (written as an escape) is not allowed; remove it",
    ),
    "deep nesting": ("a: " + "[" * 40 + "]" * 40 + "\n", "broken.yaml:1:36: nested more than 32 levels deep"),
}


@pytest.mark.parametrize("text, expected", YAML_CASES.values(), ids=YAML_CASES.keys())
def test_yaml_problems_are_located(content: Path, text: str, expected: str) -> None:
    write_plan(content, text, "broken")
    assert expected in errors_of(content)


def test_binary_and_non_utf8_files(content: Path) -> None:
    (content / "plans" / "binary.yaml").write_bytes(b"id: x\n\x00\x01")
    (content / "plans" / "latin1.yaml").write_bytes("id: x\ntitle: план\n".encode("cp1251"))
    errors = errors_of(content)
    assert "binary.yaml:2:1: binary data (a NUL byte); plan files are UTF-8 text" in errors
    assert "latin1.yaml:2:8: not valid UTF-8 text; save the file as UTF-8" in errors


def test_oversized_file(content: Path) -> None:
    (content / "plans" / "huge.yaml").write_bytes(b"title: " + b"x" * 2_100_000)
    assert "huge.yaml:1:1: file is too large (2100007 bytes; the limit is 2000000)" in errors_of(content)


def test_unknown_field_suggests_the_right_one(content: Path) -> None:
    plan = minimal_plan()
    plan["sections"][0]["measures"][0]["titel"] = plan["sections"][0]["measures"][0].pop("title")
    path = write_plan(content, plan)
    errors = errors_of(content)
    assert any(
        e.startswith(f"{at(path, 'titel:')}: sections[0].measures[0]: unknown field 'titel'; did you mean 'title'?")
        for e in errors
    ), errors
    assert f"{at(path, '- id: 1-1', 2)}: sections[0].measures[0]: missing required field 'title'" in errors


def test_wrong_types_and_values(content: Path) -> None:
    plan = minimal_plan(level="regionl", period={"start": "2099", "end": 2100})
    plan["sections"][0]["measures"][0]["topics"] = []
    path = write_plan(content, plan)
    errors = errors_of(content)
    assert (
        f"{at(path, 'regionl')}: level: 'regionl' is not one of: regional, municipal; did you mean 'regional'?"
        in errors
    )
    assert f"{at(path, chr(39) + '2099')}: period.start: expected a whole number, got text '2099'" in errors
    assert f"{at(path, '[]')}: sections[0].measures[0].topics: needs at least 1 item" in errors


def test_number_where_text_is_meant(content: Path) -> None:
    text = write_plan(content, minimal_plan()).read_text(encoding="utf-8").replace("number: 1.1.", "number: 1.1")
    path = write_plan(content, text, "smolensk-2099")
    assert (
        f"{at(path, 'number: 1.1', 8)}: sections[0].measures[0].number: expected text, got the number 1.1; "
        "write it in quotes"
    ) in errors_of(content)


def test_dangling_references(content: Path) -> None:
    plan = minimal_plan(region="smolenks")
    measure = plan["sections"][0]["measures"][0]
    measure["responsible"][0]["agency"] = "test-dep"
    measure["topics"] = ["profesional-trials"]
    measure["audiences"] = ["parent"]
    plan["agencies"][1]["kind"] = "schools"
    path = write_plan(content, plan)
    errors = errors_of(content)
    assert (
        f"{at(path, 'smolenks')}: unknown region 'smolenks'; did you mean 'smolensk'?; regions are listed in content/regions.yaml"
        in errors
    )
    assert (
        f"{at(path, 'agency: test-dep', 8)}: sections[0].measures[0].responsible[0].agency: "
        "agency 'test-dep' is not defined; did you mean 'test-dept'?. Hint: agencies are listed under 'agencies:' in any plan file"
    ) in errors
    assert (
        f"{at(path, 'profesional-trials')}: sections[0].measures[0].topics[0]: unknown topic 'profesional-trials'; "
        "did you mean 'professional-trials'?; topics are listed in content/topics.yaml"
    ) in errors
    assert (
        f"{at(path, '- parent', 2)}: sections[0].measures[0].audiences[0]: unknown audience 'parent'; did you mean 'parents'?; "
        "audiences are listed in content/audiences.yaml"
    ) in errors
    assert (
        f"{at(path, 'kind: schools', 6)}: unknown agency kind 'schools'; kinds are listed in content/agency-kinds.yaml"
    ) in errors


def test_duplicate_ids_and_numbers(content: Path) -> None:
    plan = minimal_plan()
    first = plan["sections"][0]["measures"][0]
    plan["sections"][0]["measures"].append(copy.deepcopy(dict(first, title="Другое мероприятие")))
    plan["agencies"].append({"id": "test-dept", "name": "Ещё раз", "kind": "regional-authority"})
    write_plan(content, plan)
    errors = errors_of(content)
    assert any("duplicate measure id '1-1' (also on line" in e for e in errors)
    assert any("duplicate measure number '1.1.' (also on line" in e for e in errors)
    assert any("duplicate agency id 'test-dept' (also in" in e for e in errors)


@pytest.mark.parametrize("bad_id", ["../x", "a/b", "Smolensk", "a--b", "plan 1", "-a"])
def test_path_like_and_unsafe_ids_are_rejected(content: Path, bad_id: str) -> None:
    plan = minimal_plan()
    plan["sections"][0]["measures"][0]["id"] = bad_id
    write_plan(content, plan)
    errors = errors_of(content)
    assert any("sections[0].measures[0].id:" in e and "is not a valid id" in e for e in errors), errors


def test_plan_id_must_match_file_name(content: Path) -> None:
    write_plan(content, minimal_plan(), "other-name")
    assert "other-name.yaml:1:5: plan id 'smolensk-2099' must match the file name 'other-name.yaml'" in errors_of(
        content
    )


def test_missing_source_text(content: Path) -> None:
    write_plan(content, minimal_plan(source={"file": "sources/nowhere.txt"}))
    assert any("source text 'sources/nowhere.txt' not found" in e for e in errors_of(content))


def test_every_error_is_reported_at_once(content: Path) -> None:
    write_plan(content, "id: a\nid: b\n", "one")
    write_plan(content, "level: no\n", "two")
    assert len(errors_of(content)) == 2


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "check", *args], cwd=ROOT, capture_output=True, text=True)


def test_check_command_on_real_content() -> None:
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("content: ok: 5 plans, 125 measures, ")


def test_check_command_prints_located_errors(content: Path) -> None:
    write_plan(content, "id: a\nid: b\n", "one")
    write_plan(content, "level: no\nx: [\n", "two")
    result = run_check(str(content))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("one.yaml:2:1: duplicate key 'id' (first given on line 1); each key may appear once")
    assert "Traceback" not in result.stdout + result.stderr


def test_check_command_github_annotations(content: Path) -> None:
    write_plan(content, "id: a\nid: b\n", "one")
    result = run_check("--format", "github", str(content))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].endswith(
        "one.yaml,line=2,col=1::duplicate key 'id' (first given on line 1); each key may appear once"
    )
    assert result.stdout.startswith("::error file=")


def test_a_plain_measure_field_is_declared_in_the_schema_and_the_model_only() -> None:
    """The loader copies every field a measure, target or event holds under its own name
    (loader.record): the schema's properties and the model's fields are the same names."""
    import dataclasses

    from generator.content import model, schema

    definitions = schema.load_schema("plan")["$defs"]
    for name, cls in (("measure", model.Measure), ("target", model.Target), ("event", model.Event)):
        fields = {f.name for f in dataclasses.fields(cls) if f.init} - {"line", "plan", "section"}
        assert set(definitions[name]["properties"]) == fields, name


def test_an_error_quoting_a_line_break_stays_one_located_line(content: Path) -> None:
    """A field name with a carriage return or a newline is quoted escaped: `check` prints one
    `path:line:col: message` line per error, which a terminal cannot rewind over."""
    plan = minimal_plan()
    plan["sections"][0]["measures"][0]["not\rsections[0]: fine"] = "текст"
    plan["sections"][0]["measures"][0]["note\n"] = "текст"
    write_plan(content, plan)
    with pytest.raises(ContentErrors) as caught:
        loader.load(content)
    lines = str(caught.value).split("\n")
    assert len(lines) == len(caught.value.errors) >= 2
    assert all(re.match(r"^[^:\r]+:\d+:\d+: ", line) and "\r" not in line for line in lines)
    assert any("unknown field 'not\\u000dsections[0]: fine'" in line for line in lines)

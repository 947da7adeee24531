"""Property-based: any mutation of a valid plan file gives a model or located errors, never a traceback.

The fast paths (libyaml's events, the compiled schema check, the renderer's printing) must
agree with the reference code they stand in for, on mutated files as on valid ones.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import markupsafe
import pytest
import yaml
from conftest import CONTENT, minimal_plan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content import loader, schema, yamlsafe
from generator.content.errors import ContentError, ContentErrors
from generator.site.render import Renderer

VALID = yaml.safe_dump(minimal_plan(), allow_unicode=True, sort_keys=False)
TEXTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.floats(allow_nan=False),
    TEXTS,
    st.sampled_from(["no", "on", "2021-05-01", "12:30", "{{ config }}", "../x", "<script>", "&a", "*a"]),
)


def mutate_data(data, draw) -> object:
    """Replace, delete or add one value somewhere in the plan data."""
    path = []
    node = data
    while isinstance(node, (dict, list)) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
        path.append(key)
        parent, node = node, node[key]
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if not path:
        return draw(SCALARS) if action == "replace" else data
    *head, last = path
    parent = data
    for key in head:
        parent = parent[key]
    if action == "replace":
        parent[last] = draw(
            st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(TEXTS, SCALARS, max_size=2))
        )
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[draw(TEXTS) or "x"] = draw(SCALARS)
    else:
        parent.append(draw(SCALARS))
    return data


@st.composite
def mutated_texts(draw) -> bytes:
    kind = draw(st.sampled_from(["data", "text", "bytes"]))
    if kind == "data":
        return yaml.safe_dump(mutate_data(minimal_plan(), draw), allow_unicode=True).encode("utf-8")
    raw = VALID.encode("utf-8")
    if kind == "text":
        text = VALID
        at = draw(st.integers(0, len(text)))
        return (text[:at] + draw(TEXTS) + text[at + draw(st.integers(0, 20)) :]).encode("utf-8")
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + draw(st.binary(max_size=8)) + raw[at:]


@given(mutated_texts())
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
def test_mutations_give_a_model_or_located_errors(tmp_path_factory, raw: bytes) -> None:
    content = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(CONTENT, content)
    (content / "plans" / "smolensk-2099.yaml").write_bytes(raw)
    try:
        loader.load(content)
    except ContentErrors as exc:
        assert exc.errors
        for error in exc.errors:
            assert isinstance(error, ContentError)
            assert error.line >= 1 and error.column >= 1 and error.message
            assert Path(error.path).suffix == ".yaml"


YAML_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "0",
        "1.5",
        "x y",
        ":",
        ": ",
        "-",
        "- ",
        "? ",
        "?",
        "#",
        " #c",
        " ",
        "  ",
        "\n",
        "\n  ",
        "\n- ",
        "\r\n",
        "\r",
        "\x85",
        "\u2028",
        "[",
        "]",
        "{",
        "}",
        ",",
        ", ",
        '"',
        "'",
        '"a"',
        "'b'",
        "|",
        ">",
        "|-",
        ">+",
        "|2",
        "\\",
        "\\n",
        "\\x4",
        "---",
        "...",
        "%YAML 1.1\n",
        "!",
        "!!str ",
        "! ",
        "&a ",
        "*a",
        "@",
        "~",
        "<<",
        "é",
        "\ufeff",
        "\t",
        "null",
        "no",
        "12:30",
        "a: b\n",
        "a: b\na: c\n",
        "1: x\n",
    ]
)
YAML_TEXTS = st.one_of(
    mutated_texts().map(lambda raw: raw.decode("utf-8", "replace")),
    st.lists(YAML_PIECES, max_size=14).map(lambda pieces: "".join(pieces) + "\n"),
)


@given(YAML_TEXTS)
@settings(max_examples=300, deadline=None)
def test_libyaml_reads_what_it_takes_as_the_reference_reader_does(text: str) -> None:
    fast = yamlsafe._read_fast("x.yaml", text)
    if fast is None:
        return
    reference = yamlsafe._read_reference("x.yaml", text)
    assert repr(fast.data) == repr(reference.data)  # repr tells 1 from 1.0 and True
    assert list(fast.values.items()) == list(reference.values.items())
    assert list(fast.keys.items()) == list(reference.keys.items())


REAL_PLANS = [
    yamlsafe.parse(p.name, p.read_text(encoding="utf-8")).data for p in sorted((CONTENT / "plans").glob("*.yaml"))
]


@st.composite
def mutated_plans(draw) -> object:
    plan = copy.deepcopy(draw(st.sampled_from([minimal_plan(), *REAL_PLANS])))
    for _ in range(draw(st.integers(0, 3))):
        plan = mutate_data(plan, draw)
    return plan


@given(mutated_plans())
@settings(max_examples=200, deadline=None)
def test_fast_schema_check_agrees_with_jsonschema(data) -> None:
    """Equal verdicts, except that the quick check takes 2099.0 for an integer: a document with a
    whole number written as a float is always left to jsonschema, which may only be stricter."""
    valid = schema._validator("plan").is_valid(data)
    if _whole_floats(data):
        assert schema._is_valid("plan", data) or not valid
    else:
        assert schema._is_valid("plan", data) == valid


def _whole_floats(data) -> bool:
    if isinstance(data, dict):
        return any(_whole_floats(v) for v in data.values())
    if isinstance(data, list):
        return any(_whole_floats(v) for v in data)
    return type(data) is float and data.is_integer()


PRINTED = st.text(
    alphabet=st.one_of(
        st.sampled_from("<>&\"' \n\t\r\u00a0{}%ая"), st.characters(codec="utf-8", exclude_categories=("Cs",))
    ),
    max_size=30,
)
PRINTING = Renderer().env.from_string(
    "{{ x }}|{{ x|attr }}|{{ x|link('index.md') }}|{% autoescape false %}{{ x }}{% endautoescape %}|{{ m }}|{{ n }}"
)


@given(PRINTED)
@settings(max_examples=500, deadline=None)
def test_printed_values_are_escaped_as_markupsafe_escapes_them(text: str) -> None:
    """`{{ }}` skips markupsafe for text with nothing to escape: what it prints must not change."""
    escaped = str(markupsafe.escape(text.strip()))
    shown = re.sub(r"\s*\n\s*", "<br>", escaped)
    one_line = re.sub(r"\s*\n\s*", " ", escaped)
    expected = f'{shown}|{one_line}|<a href="..">{shown}</a>|{shown}|<b>{text}</b>|12.5'
    assert PRINTING.render(x=text, m=markupsafe.Markup(f"<b>{text}</b>"), n=12.5, src="a/index.md") == expected


def test_printing_none_names_the_mistake() -> None:
    with pytest.raises(ValueError, match="printed None"):
        PRINTING.render(x=None, m="", n=1, src="index.md")

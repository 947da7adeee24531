"""Property-based: any mutation of a valid plan file gives a model or located errors, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, minimal_plan
from generator import loader
from generator.errors import ContentError, ContentErrors

VALID = yaml.safe_dump(minimal_plan(), allow_unicode=True, sort_keys=False)
TEXTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10, 3000), st.floats(allow_nan=False), TEXTS,
                    st.sampled_from(["no", "on", "2021-05-01", "12:30", "{{ config }}", "../x", "<script>", "&a", "*a"]))


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
        parent[last] = draw(st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(TEXTS, SCALARS, max_size=2)))
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
        return (text[:at] + draw(TEXTS) + text[at + draw(st.integers(0, 20)):]).encode("utf-8")
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + draw(st.binary(max_size=8)) + raw[at:]


@given(mutated_texts())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
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

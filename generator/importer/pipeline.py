"""Run the importer in memory: bytes in, a draft plan (as data), its source text and a log out.

Nothing here writes files, so the benchmark and the tests can import the real sources without
touching content/; `cli` does the writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..content import layout
from ..content.errors import ContentError
from ..content.loader import file_problem
from ..content.yamlsafe import decode, parse
from . import agencies, cleanup, draft, limits, metadata, table
from .errors import ImporterError
from .log import FIX, GUESS, Log
from .readers import read_source


@dataclass
class Vocabularies:
    """What the importer needs from the content folder: ids it may use and agencies already defined."""

    regions: dict[str, str]
    topics: dict[str, tuple[str, ...]]  # id → the keywords that suggest it, in the vocabulary's order
    audiences: list[str]
    kinds: list[str]
    glossary: dict[str, str] = field(default_factory=dict)
    known_agencies: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    agency_files: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def load(cls, content_dir: str | Path, exclude: Path | None = None) -> Vocabularies:
        """Read the vocabularies (and other plans' agencies) from a content folder.

        Each file is read on its own, so a half-edited plan elsewhere does not stop an import.
        """
        root = Path(content_dir)
        regions = {e["id"]: e["name"] for e in _vocabulary(root, "regions")}
        topics = {e["id"]: tuple(e.get("keywords", ())) for e in _vocabulary(root, "topics")}
        audiences = [e["id"] for e in _vocabulary(root, "audiences")]
        kinds = [e["id"] for e in _vocabulary(root, "agency-kinds")]
        glossary_path = root / layout.VOCABULARIES["glossary"][0]
        glossary = {e["abbr"]: e["expansion"] for e in _vocabulary(root, "glossary")} if glossary_path.is_file() else {}
        known: dict[str, tuple[str, list[str]]] = {}
        files: dict[str, Path] = {}
        plans = root / layout.PLANS_DIR
        for path in sorted(plans.glob("*.yaml")) if plans.is_dir() else []:
            # A pipe or a device would never end reading, and `check` refuses the folder anyway.
            if (problem := file_problem(path, root)) is not None:
                raise ImporterError(f"{path}:1:1: {problem} (other plans' agencies are read from {plans})")
            for agency_id, name, shorts in _agencies_of(path):
                known[agency_id] = (name, shorts)
                files[agency_id] = path
        vocabularies = cls(regions, topics, audiences, kinds, glossary, known, files)
        return vocabularies.without(exclude) if exclude is not None else vocabularies

    def without(self, path: Path) -> Vocabularies:
        """The same vocabularies, forgetting the agencies of the plan file `path` (about to be overwritten)."""
        target = path.resolve()
        keep = {i: v for i, v in self.known_agencies.items() if self.agency_files.get(i, Path()).resolve() != target}
        return replace(
            self, known_agencies=keep, agency_files={i: p for i, p in self.agency_files.items() if i in keep}
        )


def _agencies_of(path: Path) -> list[tuple[str, str, list[str]]]:
    """(id, name, short names) of a plan file's agencies; nothing for a file that does not parse."""
    try:
        data = _read(path)
    except (ContentError, OSError):
        return []
    entries = data.get("agencies") if isinstance(data, dict) else None
    out = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            shorts = entry.get("short_names") if isinstance(entry.get("short_names"), list) else []
            out.append((entry["id"], str(entry.get("name", "")), [str(x) for x in shorts]))
    return out


def _read(path: Path) -> Any:
    """A content YAML file's data, read by the project's strict reader (the one way the importer reads YAML)."""
    return parse(str(path), decode(str(path), path.read_bytes())).data


def _vocabulary(root: Path, name: str) -> list[dict[str, Any]]:
    """The entries of one shared vocabulary (content/layout.py names its file and list key)."""
    filename, key = layout.VOCABULARIES[name]
    path = root / filename
    try:
        data = _read(path)
    except OSError:
        raise ImporterError(f"cannot read {path}: the content folder needs it") from None
    except ContentError as exc:
        raise ImporterError(f"cannot read {exc}") from None
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ImporterError(f"{path} has no '{key}' list")
    return [e for e in entries if isinstance(e, dict)]


@dataclass
class ImportResult:
    """A draft plan and everything the report needs."""

    plan: dict[str, Any]
    source_text: str
    source_format: str
    source_name: str
    log: Log
    sections: int
    measures: int

    @property
    def plan_id(self) -> str:
        """The draft's id, which is also its file name."""
        return self.plan["id"]


def import_source(
    path: str | Path, region: str, vocabularies: Vocabularies, plan_id: str | None = None
) -> ImportResult:
    """Import a file; raise ImporterError for a missing file or bad input."""
    path = Path(path)
    if not path.exists():
        raise ImporterError(f"{path}: no such file")
    if not path.is_file():
        raise ImporterError(f"{path} is not a file")
    limits.check_size(path.stat().st_size, path.as_posix())
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImporterError(f"cannot read {path}: {exc.strerror}") from None
    return import_bytes(data, path.as_posix(), region, vocabularies, plan_id)


def import_bytes(
    data: bytes, name: str, region: str, vocabularies: Vocabularies, plan_id: str | None = None
) -> ImportResult:
    """Import a document given as bytes; `name` is only used in messages."""
    if region not in vocabularies.regions:
        known = ", ".join(sorted(vocabularies.regions))
        raise ImporterError(f"unknown region '{region}'; known regions: {known} (add it to content/regions.yaml first)")
    source = read_source(data, name)
    log = Log()
    for note in source.notes:
        log.add(GUESS, source.format, note)
    measures_table = table.build(source.rows, log, name)
    vocabulary = cleanup.Vocabulary(source.text)
    _clean(measures_table, vocabulary, log)
    meta = metadata.read_metadata(measures_table.preamble, source.text, log)
    definitions = agencies.find_definitions(source.text, log)
    plan = draft.build_plan(measures_table, meta, definitions, source.format, region, vocabularies, log, plan_id)
    return ImportResult(
        plan, source.text, source.format, name, log, len(measures_table.all_sections()), len(measures_table.measures())
    )


def _clean(measures_table: table.TableDraft, vocabulary: cleanup.Vocabulary, log: Log) -> None:
    """Fix artefacts in every cell of every measure and section heading, logging each fix."""
    for section in measures_table.all_sections():
        fragments = section.cells["title"]
        if fragments:
            text, fixes = cleanup.clean(table.join_fragments(fragments), vocabulary)
            section.cells["title"] = [text]
            for fix in fixes:
                log.add(FIX, section.where, fix, section.subject, section)
    for measure in measures_table.measures():
        for name, fragments in measure.cells.items():
            if not fragments:
                continue
            text, fixes = cleanup.clean(table.join_fragments(fragments), vocabulary, responsible=name == "responsible")
            measure.cells[name] = [text] if text else []
            for fix in fixes:
                log.add(FIX, measure.where, f"{name}: {fix}", measure.subject, measure)
        for event in measure.events:
            text, fixes = cleanup.clean(table.join_fragments(event.title), vocabulary)
            event.title = [text]
            timeframe, more = cleanup.clean(event.timeframe, vocabulary)
            event.timeframe = timeframe
            for fix in fixes + more:
                log.add(FIX, event.where, f"event: {fix}", measure.subject, measure)

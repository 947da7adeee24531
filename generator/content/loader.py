"""Read the content folder into a `Catalog`; every input problem is reported here, located.

Order of work: vocabularies, then plan files. Each file is decoded, parsed by the strict YAML
reader and validated against its JSON Schema; only schema-valid files are checked for
references and built. All errors of all files are collected and raised together, so a
contributor sees every mistake in one run.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from . import layout, schema, timeframes
from .errors import ContentError, ContentErrors
from .model import (
    Act,
    Agency,
    AgencyKind,
    Audience,
    Catalog,
    Concept,
    Event,
    Indicator,
    IndicatorGroup,
    Measure,
    NarrativePart,
    Plan,
    Region,
    Responsible,
    SearchVocabulary,
    Section,
    Stage,
    Target,
    Term,
    Topic,
)
from .yamlsafe import MAX_BYTES, Document, decode, parse

# A source text is published as it is: large enough for any plan document, small enough to copy.
MAX_SOURCE_BYTES = 10_000_000


def load(content_dir: str | Path, reserved: Mapping[str, Iterable[str]] | None = None) -> Catalog:
    """Load and validate everything under `content_dir`.

    `reserved` holds the ids that the site keeps for pages of its own, by kind ("region",
    "agency", "agency kind", "measure"; site/urls.py RESERVED_IDS): `check` and the build pass
    the same, so that an id the build would refuse is refused here, at its line.

    Raises:
        ContentErrors: with every problem found, each located as file:line:column.
    """
    return _Loader(Path(content_dir), reserved or {}).run()


def file_problem(path: Path, root: Path, limit: int = MAX_BYTES) -> str | None:
    """Why a content file may not be read, or None: it must be a regular file inside the content
    folder, not a link, and not larger than `limit`. Nothing of the file is read, so no message
    can quote what a link points at."""
    try:
        info = path.lstat()
    except OSError:
        return "not found"
    if stat.S_ISLNK(info.st_mode):
        return "the file is a symbolic link; content files must be regular files in the repository"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file; content files must be regular files in the repository"
    if not path.resolve().is_relative_to(root.resolve()):
        return "the file is outside the content folder; content files must be regular files in the repository"
    if info.st_size > limit:
        return f"file is too large ({info.st_size} bytes; the limit is {limit})"
    return None


def read_document(
    path: Path, display: str, schema_name: str, root: Path | None = None
) -> tuple[Document | None, list[ContentError]]:
    """Read one YAML file (a regular file inside `root`) and validate it against `schema_name`;
    never raises on bad input."""
    problem = file_problem(path, root if root is not None else path.parent)
    if problem is not None:
        return None, [ContentError(display, 1, 1, problem)]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [ContentError(display, 1, 1, f"cannot read the file: {exc.strerror}")]
    try:
        doc = parse(display, decode(display, raw))
    except ContentError as exc:
        return None, [exc]
    if doc.data is None:
        return None, [ContentError(display, 1, 1, "the file is empty")]
    return doc, schema.validate(doc, schema_name)


def _looks(text: str) -> str:
    """What a name looks like on a page: the reader has made it NFC; spaces of any kind are one."""
    return " ".join(text.split())


def _suggest(value: str, known: Iterable[str]) -> str:
    guess = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{guess[0]}'?" if guess else ""


class _Loader:
    def __init__(self, root: Path, reserved: Mapping[str, Iterable[str]]) -> None:
        self.root = root
        self.reserved = {kind: frozenset(ids) for kind, ids in reserved.items()}
        self.errors: list[ContentError] = []
        self.agency_objects: dict[str, Agency] = {}
        self.named_agencies: set[str] = set()

    def check_reserved(self, doc: Document, path: tuple, kind: str, value: str) -> None:
        """An id the site keeps for a page of its own (a list page, a folder's index) is refused."""
        reserved = self.reserved.get(kind, frozenset())
        if value in reserved:
            self.errors.append(
                doc.error(
                    path,
                    f"{schema.field_path(path)}: '{value}' is taken by a page of the site "
                    f"itself; choose another {kind} id (reserved: {', '.join(sorted(reserved))})",
                )
            )

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()

    def run(self) -> Catalog:
        if not self.root.is_dir():
            raise ContentErrors([ContentError(self.display(self.root), 1, 1, "content folder not found")])
        vocab = {name: self.vocabulary(name) for name in layout.VOCABULARIES}
        regions = [Region(e["id"], e["name"], e["iso"], e["federal_district"], e.get("note")) for e in vocab["regions"]]
        topics = [Topic(e["id"], e["title"], e["description"], e.get("note")) for e in vocab["topics"]]
        kinds = [
            AgencyKind(e["id"], e["title"], e["description"], e.get("group", False), e.get("note"))
            for e in vocab["agency-kinds"]
        ]
        audiences = [
            Audience(
                e["id"],
                e["title"],
                e["description"],
                (e["grades"]["from"], e["grades"]["to"]) if "grades" in e else None,
                e.get("note"),
            )
            for e in vocab["audiences"]
        ]
        terms = [Term(e["abbr"], e["expansion"], e.get("note")) for e in vocab["glossary"]]
        self.regions = {r.id: r for r in regions}
        self.topics = {t.id: t for t in topics}
        self.kinds = {k.id: k for k in kinds}
        self.audiences = {a.id: a for a in audiences}

        vocabulary = self.search_vocabulary()
        docs = self.plan_documents()
        self.agencies = self.collect_agencies(docs)
        plans = [plan for doc in docs if (plan := self.build_plan(doc)) is not None]
        self.check_plan_ids(docs)
        self.check_agencies_named(docs)
        if self.errors:
            raise ContentErrors(self.errors)
        return Catalog.build(regions, topics, audiences, kinds, plans, terms, vocabulary)

    # -- vocabularies -------------------------------------------------------------------

    def vocabulary(self, name: str) -> list[dict[str, Any]]:
        filename, key = layout.VOCABULARIES[name]
        path = self.root / filename
        if not os.path.lexists(path):
            self.errors.append(ContentError(self.display(path), 1, 1, f"missing vocabulary file {filename}"))
            return []
        doc, errors = read_document(path, self.display(path), name, self.root)
        self.errors.extend(errors)
        if doc is None or errors:
            return []
        entries = doc.data[key]
        id_field = "abbr" if name == "glossary" else "id"
        # Two entries whose titles look the same cannot be told apart on the site.
        fields = [id_field] + [f for f in ("name", "title") if entries and f in entries[0]]
        for field in fields:
            seen: dict[str, int] = {}
            for i, entry in enumerate(entries):
                value = entry[field] if field == id_field else _looks(entry[field])
                if value in seen:
                    self.errors.append(
                        doc.error((key, i, field), f"duplicate {field} '{entry[field]}' (also {key}[{seen[value]}])")
                    )
                seen.setdefault(value, i)
        kind = {"regions": "region", "agency-kinds": "agency kind"}.get(name)
        for i, entry in enumerate(entries if kind else ()):
            self.check_reserved(doc, (key, i, "id"), kind, entry["id"])
        return entries

    def search_vocabulary(self) -> SearchVocabulary:
        """The optional search vocabulary; its topic and region ids must exist."""
        path = self.root / layout.SEARCH_VOCABULARY
        if not os.path.lexists(path):
            return SearchVocabulary()
        doc, errors = read_document(path, self.display(path), "search-vocabulary", self.root)
        self.errors.extend(errors)
        if doc is None or errors:
            return SearchVocabulary()
        data = doc.data
        for i, entry in enumerate(data["concepts"]):
            if "topic" in entry:
                self.lookup(doc, ("concepts", i, "topic"), entry["topic"], self.topics, "topic", "content/topics.yaml")
        for i, entry in enumerate(data["regions"]):
            self.lookup(doc, ("regions", i, "region"), entry["region"], self.regions, "region", "content/regions.yaml")
        return SearchVocabulary(
            concepts=tuple(
                Concept(
                    e["term"],
                    e.get("topic"),
                    tuple(e.get("plans", ())),
                    tuple(e.get("abbr", ())),
                    tuple(e.get("people", ())),
                    bool(e.get("audience", False)),
                )
                for e in data["concepts"]
            ),
            synonyms=dict(data.get("synonyms", {})),
            region_aliases={e["region"]: tuple(e["aliases"]) for e in data["regions"]},
        )

    # -- plans ---------------------------------------------------------------------------

    def plan_documents(self) -> list[Document]:
        folder = self.root / layout.PLANS_DIR
        if not folder.is_dir():
            self.errors.append(ContentError(self.display(folder), 1, 1, "plans folder not found"))
            return []
        paths = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            if path.suffix != ".yaml" or path.is_dir():
                self.errors.append(
                    ContentError(
                        self.display(path), 1, 1, "only plan files named <plan-id>.yaml belong in content/plans"
                    )
                )
                continue
            paths.append(path)
        read = [read_document(path, self.display(path), "plan", self.root) for path in paths]
        docs = []
        for doc, errors in read:
            self.errors.extend(errors)
            if doc is not None and not errors:
                docs.append(doc)
        return docs

    def check_plan_ids(self, docs: list[Document]) -> None:
        for doc in docs:
            stem = Path(doc.path).stem
            if doc.data["id"] != stem:
                self.errors.append(
                    doc.error(("id",), f"plan id '{doc.data['id']}' must match the file name '{stem}.yaml'")
                )

    def collect_agencies(self, docs: list[Document]) -> dict[str, tuple[Document, int]]:
        """Agency ids are global: a plan may name agencies another plan introduces."""
        found: dict[str, tuple[Document, int]] = {}
        names: dict[tuple[str, str], tuple[Document, int]] = {}
        for doc in docs:
            for i, entry in enumerate(doc.data["agencies"]):
                self.check_reserved(doc, ("agencies", i, "id"), "agency", entry["id"])
                name = (doc.data["region"], _looks(entry["name"]))
                if name in names:
                    other, j = names[name]
                    line = other.locate(("agencies", j, "name"))[0]
                    self.errors.append(
                        doc.error(
                            ("agencies", i, "name"),
                            f"agency '{entry['id']}' has the same name as agency '{other.data['agencies'][j]['id']}' "
                            f"({other.path} line {line}); one agency is one entry, named by its id",
                        )
                    )
                names.setdefault(name, (doc, i))
                if entry["id"] in found:
                    other, j = found[entry["id"]]
                    line = other.locate(("agencies", j, "id"))[0]
                    self.errors.append(
                        doc.error(
                            ("agencies", i, "id"),
                            f"duplicate agency id '{entry['id']}' (also in {other.path} line {line})",
                        )
                    )
                    continue
                if entry["kind"] not in self.kinds:
                    self.errors.append(
                        doc.error(
                            ("agencies", i, "kind"),
                            f"unknown agency kind '{entry['kind']}'{_suggest(entry['kind'], self.kinds)}; "
                            "kinds are listed in content/agency-kinds.yaml",
                        )
                    )
                found[entry["id"]] = (doc, i)
        return found

    def check_agencies_named(self, docs: list[Document]) -> None:
        """An agency no measure names would have a page with nothing on it."""
        for doc in docs:
            for i, entry in enumerate(doc.data["agencies"]):
                if entry["id"] not in self.named_agencies and self.agencies.get(entry["id"], (None,))[0] is doc:
                    self.errors.append(
                        doc.error(
                            ("agencies", i, "id"),
                            f"agency '{entry['id']}' is not named by any measure; name it under a measure's "
                            "'responsible' or remove it",
                        )
                    )

    def agency(self, agency_id: str) -> Agency:
        if agency_id not in self.agency_objects:
            doc, i = self.agencies[agency_id]
            entry = doc.data["agencies"][i]
            region = self.regions.get(doc.data["region"]) or Region(doc.data["region"], doc.data["region"], "", "")
            kind = self.kinds.get(entry["kind"]) or AgencyKind(entry["kind"], entry["kind"], "")
            self.agency_objects[agency_id] = Agency(
                entry["id"],
                entry["name"],
                tuple(entry.get("short_names", ())),
                kind,
                region,
                doc.data["id"],
                doc.locate(("agencies", i))[0],
                entry.get("note"),
            )
        return self.agency_objects[agency_id]

    def build_plan(self, doc: Document) -> Plan | None:
        data = doc.data
        before = len(self.errors)
        region = self.regions.get(data["region"])
        if region is None:
            self.errors.append(
                doc.error(
                    ("region",),
                    f"unknown region '{data['region']}'{_suggest(data['region'], self.regions)}; "
                    "regions are listed in content/regions.yaml",
                )
            )
        period = (data["period"]["start"], data["period"]["end"]) if "period" in data else None
        if period is not None and period[0] > period[1]:
            self.errors.append(doc.error(("period",), f"period starts ({period[0]}) after it ends ({period[1]})"))
        source = data["source"]["file"]
        problem = file_problem(self.root / source, self.root, MAX_SOURCE_BYTES)
        if problem == "not found":
            self.errors.append(
                doc.error(("source", "file"), f"source text '{source}' not found in {self.display(self.root)}")
            )
        elif problem is not None:
            self.errors.append(doc.error(("source", "file"), f"source text '{source}': {problem}"))
        date = data.get("act", {}).get("date")
        if date is not None:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                self.errors.append(doc.error(("act", "date"), f"act.date: '{date}' is not a date of the calendar"))
        for i, part in enumerate(data.get("narrative", [])):
            if any(p["id"] == part["id"] for p in data["narrative"][:i]):
                self.errors.append(doc.error(("narrative", i, "id"), f"duplicate narrative id '{part['id']}'"))

        self.measure_ids: dict[str, tuple] = {}
        self.measure_numbers: dict[str, tuple] = {}
        sections = tuple(
            self.section(doc, s, ("sections", i), period, f"s{i + 1}") for i, s in enumerate(data["sections"])
        )
        if len(self.errors) > before:
            return None
        act = data.get("act")
        plan = Plan(
            id=data["id"],
            region=region,
            level=data["level"],
            title=data["title"],
            path=doc.path,
            source_file=data["source"]["file"],
            period=period,
            agencies=tuple(self.agency(a["id"]) for a in data["agencies"] if self.agencies[a["id"]][0] is doc),
            sections=sections,
            columns=dict(data.get("columns", {})),
            municipality=data.get("municipality"),
            source_format=data["source"].get("format"),
            source_url=data["source"].get("url"),
            act=Act(
                act.get("issuer"),
                act.get("type"),
                act.get("date"),
                act.get("number"),
                act.get("title"),
                act.get("signatory", {}).get("name"),
                act.get("signatory", {}).get("position"),
                act.get("note"),
            )
            if act
            else None,
            period_text=data.get("period", {}).get("text"),
            period_note=data.get("period", {}).get("note"),
            goals=tuple(data.get("goals", ())),
            tasks=tuple(data.get("tasks", ())),
            narrative=tuple(
                NarrativePart(p["id"], p["title"], p["text"], p.get("note")) for p in data.get("narrative", ())
            ),
            stages=tuple(
                Stage(s["title"], s["start"], s["end"], s.get("text"), s.get("note")) for s in data.get("stages", ())
            ),
            indicators=tuple(
                IndicatorGroup(
                    g["criterion"],
                    tuple(Indicator(x["text"], x.get("number"), x.get("unit"), x.get("note")) for x in g["items"]),
                    g.get("note"),
                )
                for g in data.get("indicators", ())
            ),
            note=data.get("note"),
        )
        for section in plan.all_sections:
            for measure in section.measures:
                object.__setattr__(measure, "plan", plan)
        return plan

    def section(self, doc: Document, data: dict, path: tuple, period: tuple[int, int] | None, anchor: str) -> Section:
        measures = tuple(
            self.measure(doc, m, path + ("measures", i), period) for i, m in enumerate(data.get("measures", ()))
        )
        subs = tuple(
            self.section(doc, s, path + ("sections", i), period, f"{anchor}-{i + 1}")
            for i, s in enumerate(data.get("sections", ()))
        )
        if not measures and not subs:
            self.errors.append(
                doc.error(path, f"{schema.field_path(path)}: a section needs measures or nested sections")
            )
        section = Section(data.get("number"), data.get("title"), measures, subs, anchor, data.get("note"))
        for m in measures:
            object.__setattr__(m, "section", section)
        for s in subs:
            object.__setattr__(s, "parent", section)
        return section

    def measure(self, doc: Document, data: dict, path: tuple, period: tuple[int, int] | None) -> Measure:
        where = schema.field_path(path)
        self.check_reserved(doc, path + ("id",), "measure", data["id"])
        for key, seen, label in (("id", self.measure_ids, "id"), ("number", self.measure_numbers, "number")):
            value = data[key]
            if value in seen:
                line = doc.locate(seen[value])[0]
                self.errors.append(
                    doc.error(path + (key,), f"{where}: duplicate measure {label} '{value}' (also on line {line})")
                )
            seen.setdefault(value, path + (key,))
        responsible = []
        for i, entry in enumerate(data["responsible"]):
            agency_id = entry["agency"]
            if agency_id not in self.agencies:
                at = path + ("responsible", i, "agency")
                self.errors.append(
                    doc.error(
                        at,
                        f"{schema.field_path(at)}: agency '{agency_id}' is not defined"
                        f"{_suggest(agency_id, self.agencies)}. "
                        "Hint: agencies are listed under 'agencies:' in any plan file",
                    )
                )
                continue
            self.named_agencies.add(agency_id)
            responsible.append(
                Responsible(
                    self.agency(agency_id), entry.get("role"), entry.get("by_agreement", False), entry.get("note")
                )
            )
        ids = [r.agency.id for r in responsible]
        for i, agency_id in enumerate(ids):
            if agency_id in ids[:i]:
                self.errors.append(
                    doc.error(path + ("responsible", i), f"{where}: agency '{agency_id}' is listed twice")
                )
        topics = tuple(
            self.lookup(doc, path + ("topics", i), t, self.topics, "topic", "content/topics.yaml")
            for i, t in enumerate(data["topics"])
        )
        audiences = tuple(
            self.lookup(doc, path + ("audiences", i), a, self.audiences, "audience", "content/audiences.yaml")
            for i, a in enumerate(data["audiences"])
        )
        grades = None
        if "grades" in data:
            grades = (data["grades"]["from"], data["grades"]["to"])
            if grades[0] > grades[1]:
                self.errors.append(
                    doc.error(
                        path + ("grades",),
                        f"{where}: grades run from {grades[0]} to {grades[1]}; 'from' must not exceed 'to'",
                    )
                )
        events = tuple(
            record(
                Event,
                e,
                timeframe=self.timeframe(doc, e["timeframe"], path + ("events", i, "timeframe"), period)
                if "timeframe" in e
                else None,
            )
            for i, e in enumerate(data.get("events", ()))
        )
        return record(
            Measure,
            data,
            responsible=tuple(responsible),
            timeframe=self.timeframe(doc, data["timeframe"], path + ("timeframe",), period),
            topics=tuple(t for t in topics if t),
            audiences=tuple(a for a in audiences if a),
            line=doc.locate(path)[0],
            events=events,
            targets=tuple(record(Target, t) for t in data.get("targets", ())),
            grades=grades,
        )

    def lookup(self, doc: Document, path: tuple, value: str, known: dict, label: str, where: str) -> Any:
        if value not in known:
            self.errors.append(
                doc.error(
                    path,
                    f"{schema.field_path(path)}: unknown {label} '{value}'{_suggest(value, known)}; "
                    f"{label}s are listed in {where}",
                )
            )
            return None
        return known[value]

    def timeframe(self, doc: Document, value: Any, path: tuple, period: tuple[int, int] | None) -> timeframes.Timeframe:
        fields = value if isinstance(value, dict) else {"text": value}
        parsed = timeframes.with_overrides(timeframes.parse(fields["text"], period), fields)
        if parsed.start is not None and parsed.end is not None and parsed.start > parsed.end:
            self.errors.append(
                doc.error(path, f"{schema.field_path(path)}: starts in {parsed.start} but ends in {parsed.end}")
            )
        return parsed


def record(cls: type, data: Mapping[str, Any], **resolved: Any) -> Any:
    """A model record from its schema-valid YAML mapping: a field the file holds under the field's
    own name is taken as it is, so a new plain field needs only the schema and the model; fields
    that need resolving (references, timeframes, positions) are passed in as `resolved`."""
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    plain = {key: value for key, value in data.items() if key in names and key not in resolved}
    return cls(**plain, **resolved)

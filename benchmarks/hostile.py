"""A held-out round of hostile and faulty inputs: does every one end as a located error or inert text?

Each case (benchmarks/hostile/cases/<NN-name>/) changes a copy of the project's content/, docs/,
overrides/ and mkdocs.yml (overlay files, exact text edits, a make.py that writes files at run
time), then runs what a contributor or the CI runs:

* target content: `python -m generator check` and `python -m mkdocs build -q -d site`;
* target import:  `python -m generator import INPUT --region REGION`, then `check` on the draft.

Verdicts (see benchmarks/hostile/README.md):

* rejected (good): check exits non-zero without a traceback and every line it prints is
  `path:line:col: message` (import: one clear `error:` line, non-zero exit); nothing from outside
  the project is quoted;
* inert (good): check and build pass and the built site carries no live payload, no invalid JSON,
  no formula cells, no leaked file, no unsafe file name, no generated page in place of another;
  import: the draft passes check and carries nothing injected;
* broken (bad): anything else; disagree (bad): check rejects what the build accepts.

Run: .venv/bin/python benchmarks/hostile.py [--only NAME[,NAME]] [--cases DIR] [--jobs N] [--rev REV] [--keep]
Standard library, PyYAML and BeautifulSoup only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import gzip
import importlib.util
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the cases' make.py use benchmarks.hostile_files and benchmarks.bounds
CASES = ROOT / "benchmarks" / "hostile" / "cases"
COPIED = ("content", "docs", "overrides", "mkdocs.yml")
CLASSES = ("injection", "unicode", "yaml", "numbers", "ids", "files", "formula", "exhaustion", "importer")

CHECK_TIMEOUT = 120
BUILD_TIMEOUT = 120
IMPORT_TIMEOUT = 60
MEMORY_LIMIT = 1536 * 1024 * 1024  # over this a run is broken
KILL_AT = 2048 * 1024 * 1024  # the watchdog stops a process group here: already broken, and the machine is spared
OUTPUT_LIMIT = 4 * 1024 * 1024  # bytes of stdout/stderr read back from each run
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

GOOD = ("rejected", "inert")
# What must never come out of the project: lines of files outside it.
LEAK_TOKENS = ("root:x:0:0", "OUTSIDE-SECRET", "Linux version ")
LOCATED = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): \S")
SUMMARY = re.compile(r"^\d+ errors? in \S.*$")
# The importer's last-resort handler: an exception it did not expect, named by its class.
IMPORT_CATCH_ALL = re.compile(r"^error: cannot import .*?: [A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b")
FORMULA_PREFIX = ("=", "+", "-", "@", "\t", "\r")
EXECUTABLE_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "srcdoc", "background", "poster", "data"}
# Attributes whose values the generator only fills with ids and fixed words: a payload's marker
# there means the payload wrote the attribute itself (<b class=MARK>).
MARKUP_ATTRIBUTES = {"class", "id", "name", "style", "http-equiv", "target", "rel", "type"} | URL_ATTRIBUTES
DANGEROUS_TAGS = ("iframe", "object", "embed", "base", "frame", "frameset", "applet")
SUSPICIOUS = re.compile(r"<\s*(?:iframe|object|embed|base|frame|applet)\b|javascript:|vbscript:", re.I)
UNSAFE_NAME = re.compile(r"[\s\x00-\x1f\x7f\u0085\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Pages whose first heading never changes: a different one means a generated page took their place.
FIXED_PAGES = (
    "index.html",
    "regions/index.html",
    "plans/index.html",
    "catalogue/index.html",
    "topics/index.html",
    "compare/index.html",
    "agencies/index.html",
    "agencies/collaboration/index.html",
    "glossary/index.html",
    "data/index.html",
    "search/index.html",
    "contribute/index.html",
)


# -- running a command ------------------------------------------------------------------------


@dataclass
class Run:
    """One command's outcome."""

    argv: list[str]
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0
    peak: int = 0  # bytes
    killed: str | None = None  # "timeout" or "memory"

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def ok(self) -> bool:
        return self.killed is None and self.returncode == 0


def _group_memory(pgid: int) -> int:
    """Proportional set size of every process in a process group (shared pages counted once)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
            fields = stat[stat.rindex(b")") + 2 :].split()
            if int(fields[2]) != pgid:
                continue
            try:
                with open(f"/proc/{entry.name}/smaps_rollup", "rb") as handle:
                    for line in handle:
                        if line.startswith(b"Pss:"):
                            total += int(line.split()[1]) * 1024
                            break
            except OSError:
                with open(f"/proc/{entry.name}/statm", "rb") as handle:
                    total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    return total


def _read_back(path: Path) -> str:
    """A run's output, at most OUTPUT_LIMIT bytes of it; a line cut by the limit is left out."""
    with open(path, "rb") as handle:
        data = handle.read(OUTPUT_LIMIT + 1)
    if len(data) > OUTPUT_LIMIT:
        data = data[: data.rfind(b"\n", 0, OUTPUT_LIMIT) + 1]
    return data.decode("utf-8", "replace")


def run(argv: list[str], cwd: Path, timeout: float, env: dict[str, str], scratch: Path, name: str) -> Run:
    """Run `argv` in its own process group with a timeout and a memory watchdog."""
    result = Run(argv)
    out, err, timing = scratch / f"{name}.out", scratch / f"{name}.err", scratch / f"{name}.time"
    full = [TIME, "-v", "-o", str(timing), *argv] if TIME else argv
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        start = time.monotonic()
        proc = subprocess.Popen(
            full, cwd=cwd, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, env=env, start_new_session=True
        )
        while True:
            try:
                result.returncode = proc.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                pass
            result.peak = max(result.peak, _group_memory(proc.pid))
            if time.monotonic() - start > timeout:
                result.killed = "timeout"
            elif result.peak > KILL_AT:
                result.killed = "memory"
            if result.killed:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # the group this run started, nothing else
                except ProcessLookupError:
                    pass
                proc.wait()
                break
        result.seconds = time.monotonic() - start
        try:  # the group's stragglers (a forked worker, Pagefind) go with it
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    result.stdout, result.stderr = _read_back(out), _read_back(err)
    if TIME and timing.exists():
        report = timing.read_text(errors="replace")
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
        if match:
            result.peak = max(result.peak, int(match.group(1)) * 1024)
        # GNU time's report goes to its own file; a note it prints on a signal goes to stderr.
        result.stderr = "\n".join(
            line
            for line in result.stderr.split("\n")
            if not line.startswith(("Command exited with non-zero status", "Command terminated by signal"))
        )
    return result


# -- cases ------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    path: Path
    klass: str
    description: str
    target: str
    region: str | None = None
    input: str | None = None
    edits: list[dict[str, str]] = field(default_factory=list)
    marker: str | None = None

    @classmethod
    def load(cls, path: Path) -> Case:
        data = yaml.safe_load((path / "case.yaml").read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("case.yaml is not a mapping")
        unknown = set(data) - {"class", "description", "target", "region", "input", "edits", "marker"}
        if unknown:
            raise ValueError(f"unknown fields in case.yaml: {sorted(unknown)}")
        case = cls(
            path.name,
            path,
            data["class"],
            str(data["description"]),
            data["target"],
            data.get("region"),
            data.get("input"),
            list(data.get("edits") or []),
            data.get("marker"),
        )
        if case.klass not in CLASSES:
            raise ValueError(f"class {case.klass!r} is not one of {', '.join(CLASSES)}")
        if case.target not in ("content", "import"):
            raise ValueError("target must be content or import")
        if case.target == "import" and not (case.region and case.input):
            raise ValueError("an import case needs region and input")
        return case


def _inside(root: Path, relative: str) -> Path:
    path = root / relative
    if Path(relative).is_absolute() or ".." in Path(relative).parts:
        raise ValueError(f"edit path {relative!r} leaves the project copy")
    return path


def prepare(case: Case, source: Path, scratch: Path) -> Path:
    """The project copy for a case: source files, then overlay, then edits, then make.py."""
    project = scratch / "project"
    project.mkdir()
    for name in COPIED:
        if (source / name).is_dir():
            shutil.copytree(source / name, project / name, symlinks=True)
        else:
            shutil.copy2(source / name, project / name)
    overlay = case.path / "overlay"
    if overlay.is_dir():
        shutil.copytree(overlay, project, dirs_exist_ok=True, symlinks=True)
    for edit in case.edits:
        path = _inside(project, edit["file"])
        text = path.read_text(encoding="utf-8")
        if edit["find"] not in text:
            raise ValueError(f"edit of {edit['file']}: text to find is not there: {edit['find'][:60]!r}")
        path.write_text(text.replace(edit["find"], edit["replace"], 1), encoding="utf-8")
    maker = case.path / "make.py"
    if maker.is_file():
        spec = importlib.util.spec_from_file_location(f"hostile_make_{case.name.replace('-', '_')}", maker)
        module = importlib.util.module_from_spec(spec)
        assert spec.loader is not None
        spec.loader.exec_module(module)
        module.make(project)
    return project


# -- judging ----------------------------------------------------------------------------------


def _outside_lines() -> list[str]:
    lines = []
    try:
        lines = [line for line in Path("/etc/passwd").read_text(errors="replace").splitlines() if len(line) >= 12]
    except OSError:
        pass
    return lines


OUTSIDE_LINES = _outside_lines()


def leaks(text: str) -> list[str]:
    """What in `text` comes from files outside the project."""
    found = [token for token in LEAK_TOKENS if token in text]
    found += [line[:40] for line in OUTSIDE_LINES if line in text and "root:x:0:0" not in line]
    return found


def short(text: str, limit: int = 150) -> str:
    text = " ".join(text.replace("|", "¦").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _strict_json(text: str) -> None:
    def refuse(name: str) -> Any:
        raise ValueError(f"non-standard JSON constant {name}")

    json.loads(text, parse_constant=refuse)


def _scheme(value: str) -> str:
    return re.sub(r"[\x00-\x20\x7f]+", "", value).lower()


_HEAD_TITLE = re.compile(r"(<head\b.*?<title\b[^>]*>)(.*?)(</title)", re.I | re.S)


def _rcdata(match: re.Match[str]) -> str:
    """The document title as a browser reads it (RCDATA: text up to the first </title), escaped
    for html.parser, which would otherwise see elements in it."""
    inner = match.group(2).replace("<", "&lt;").replace(">", "&gt;")
    return match.group(1) + inner + match.group(3)


def _html_findings(rel: str, text: str, marker: str | None) -> list[str]:
    found: list[str] = []
    if not rel.endswith(".svg"):
        text = _HEAD_TITLE.sub(_rcdata, text, count=1)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(True):
        name = tag.name.lower()
        if name in DANGEROUS_TAGS:
            found.append(f"{rel}: <{name}> element")
        if marker and marker in tag.name:
            found.append(f"{rel}: element <{tag.name[:40]}> made by the payload")
        if name == "script" and marker and marker in tag.get_text():
            found.append(f"{rel}: <script> carries the payload")
        if name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            found.append(f"{rel}: <meta http-equiv=refresh>")
        for attribute, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            attribute = attribute.lower()
            if marker and marker in attribute:
                found.append(f"{rel}: attribute {attribute[:40]!r} made by the payload")
            elif attribute.startswith("on") and (not marker or marker in value):
                found.append(f"{rel}: <{name} {attribute}=…> event handler")
            elif (
                attribute in URL_ATTRIBUTES
                and _scheme(value).startswith(EXECUTABLE_SCHEMES)
                and not (name in ("img", "source") and _scheme(value).startswith("data:image/"))
            ):
                found.append(f"{rel}: <{name} {attribute}={short(value, 40)!r}>")
            elif marker and attribute in MARKUP_ATTRIBUTES and marker in value:
                found.append(f"{rel}: <{name} {attribute}=…> written by the payload")
    return found


def _xlsx_findings(rel: str, data: bytes, marker: str | None) -> tuple[list[str], str | None]:
    """Formula cells, and text cells that start like a formula, carrying the marker (openpyxl)."""
    if not marker:
        return [], None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not any(marker.encode() in archive.read(name) for name in archive.namelist() if name.endswith(".xml")):
                return [], None
    except zipfile.BadZipFile:
        return [f"{rel}: not a readable workbook"], None
    try:
        import openpyxl
    except ImportError:
        return [], ".xlsx files not read: openpyxl is not installed"
    found: list[str] = []
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str) or marker not in value:
                    continue
                if cell.data_type == "f":
                    found.append(f"{rel}: {sheet.title}!{cell.coordinate}: formula {short(value, 40)!r}")
                elif value.startswith(FORMULA_PREFIX) and not cell.quotePrefix:
                    found.append(
                        f"{rel}: {sheet.title}!{cell.coordinate}: text cell {short(value, 40)!r} starts like a formula"
                    )
    return found, None


def scan_site(site: Path, marker: str | None, baseline: dict[str, str] | None) -> tuple[list[str], list[str]]:
    """(findings that make a case broken, notes) about a built site."""
    findings: list[str] = []
    notes: list[str] = []
    carrying = 0
    fragments = 0
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if UNSAFE_NAME.search(path.name):
            findings.append(f"unsafe file name in the site: {rel!r}")
        if not path.is_file() or path.is_symlink():
            if path.is_symlink():
                findings.append(f"symlink in the site: {rel}")
            continue
        suffix = path.suffix.lower()
        if rel.startswith("pagefind/"):
            if suffix == ".pf_fragment":
                fragments += 1
                try:
                    raw = gzip.decompress(path.read_bytes())
                    fragment = json.loads(raw[raw.index(b"{") :])
                except (OSError, ValueError) as exc:
                    findings.append(f"{rel}: unreadable Pagefind fragment ({exc})")
                    continue
                url = str(fragment.get("url", ""))
                if _scheme(url).startswith(EXECUTABLE_SCHEMES) or UNSAFE_NAME.search(url):
                    findings.append(f"{rel}: Pagefind result URL {url!r}")
                if leaks(raw.decode("utf-8", "replace")):
                    findings.append(f"{rel}: search index holds text from outside the project")
            continue
        if path.stat().st_size > 300 * 1024 * 1024:
            notes.append(f"{rel}: {path.stat().st_size // 2**20} MB, not scanned")
            continue
        data = path.read_bytes()
        text = data.decode("utf-8", "replace")
        leaked = leaks(text)
        if leaked:
            findings.append(f"{rel}: text from outside the project ({leaked[0]!r})")
        if marker and marker in text:
            carrying += 1
        if suffix in (".html", ".htm", ".svg", ".xml"):
            if (marker and marker in text) or SUSPICIOUS.search(text):
                findings += _html_findings(rel, text, marker)
        elif suffix == ".json":
            try:
                _strict_json(data.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                findings.append(f"{rel}: invalid JSON ({short(str(exc), 70)})")
        elif suffix == ".csv":
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig", "replace"), newline="")))
            width = len(rows[0]) if rows else 0
            for number, row in enumerate(rows, 1):
                if len(row) != width:
                    findings.append(f"{rel}: row {number} has {len(row)} cells, the header {width}")
                    break
                for cell in row:
                    if cell.startswith(FORMULA_PREFIX) and marker and marker in cell:
                        findings.append(f"{rel}: row {number}: formula cell {short(cell, 40)!r}")
                        break
        elif suffix == ".xlsx":
            found, note = _xlsx_findings(rel, data, marker)
            findings += found
            if note and note not in notes:
                notes.append(note)
    if baseline is not None:
        for page, heading in baseline.items():
            now = _first_heading(site / page)
            if now != heading:
                findings.append(
                    f"{page}: first heading is {short(str(now), 50)!r}, not {heading!r}: another page took its place"
                )
    if marker:
        notes.append(f"payload shown as text in {carrying} files" if carrying else "the marker is nowhere in the site")
    notes.append(f"{fragments} search fragments read, nothing live")
    return findings, notes


def _first_heading(path: Path) -> str | None:
    if not path.is_file():
        return None
    h1 = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser").find("h1")
    return " ".join(h1.get_text().replace("¶", "").split()) if h1 else ""


def _tracebacks(*runs: Run) -> bool:
    return any("Traceback (most recent call last)" in r.output for r in runs if r)


def _killed(label: str, r: Run) -> str | None:
    if r.killed == "timeout":
        return f"{label} timed out after {r.seconds:.0f} s"
    if r.killed == "memory":
        return f"{label} stopped at {r.peak // 2**20} MB"
    if r.peak > MEMORY_LIMIT:
        return f"{label} used {r.peak // 2**20} MB (limit {MEMORY_LIMIT // 2**20} MB)"
    return None


def _last_error(r: Run) -> str:
    """The line that says what went wrong: MkDocs's ERROR line, else an exception's last line."""
    lines = [line for line in r.output.split("\n") if line.strip()]
    for pattern in (r"^ERROR\b", r"^\w[\w.]*(?:Error|Exception)\b", r"Error|error|Aborted"):
        for line in reversed(lines):
            if re.search(pattern, line) and not line.startswith(" "):
                return re.sub(r"^ERROR\s+-\s+", "", line.strip())
    return lines[-1].strip() if lines else "(no output)"


def check_lines(r: Run) -> tuple[list[str], list[str]]:
    """(located error lines, lines that are not) of a failed check."""
    located, other = [], []
    for line in r.stdout.split("\n"):
        if not line:
            continue
        (located if LOCATED.match(line) and "\r" not in line else other).append(line)
    for line in r.stderr.split("\n"):
        if line and not SUMMARY.match(line):
            other.append(line)
    return located, other


def judge_content(
    case: Case, project: Path, env: dict[str, str], scratch: Path, baseline: dict[str, str] | None
) -> dict[str, Any]:
    py = sys.executable
    check = run([py, "-m", "generator", "check"], project, CHECK_TIMEOUT, env, scratch, "check")
    build = None
    if not check.killed:
        build = run([py, "-m", "mkdocs", "build", "-q", "-d", "site"], project, BUILD_TIMEOUT, env, scratch, "build")
    out: dict[str, Any] = {"check": check, "build": build}
    problem = _killed("check", check) or (build and _killed("build", build))
    if problem:
        return {**out, "verdict": "broken", "sees": problem}
    assert build is not None
    if _tracebacks(check, build):
        who = "check" if _tracebacks(check) else "build"
        return {
            **out,
            "verdict": "broken",
            "sees": f"{who} crashes: {short(_last_error(check if who == 'check' else build), 120)}",
        }
    if check.returncode != 0:
        located, other = check_lines(check)
        leaked = leaks(check.output)
        if leaked:
            return {
                **out,
                "verdict": "broken",
                "sees": f"check quotes a file outside the project: {short(located[0] if located else leaked[0], 120)}",
            }
        if other or not located:
            bad = other[0] if other else "(nothing printed)"
            return {**out, "verdict": "broken", "sees": f"check prints a line that is not path:line:col: {bad[:100]!r}"}
        if build.returncode == 0:
            return {**out, "verdict": "disagree", "sees": f"check: {short(located[0], 100)}; but the build passes"}
        counted = re.search(r"^(\d+) errors? in ", check.stderr, re.M)
        total = int(counted.group(1)) if counted else len(located)
        return {
            **out,
            "verdict": "rejected",
            "sees": _relative(located[0], project) + (f" (+{total - 1} more)" if total > 1 else ""),
        }
    if build.returncode != 0:
        return {**out, "verdict": "broken", "sees": f"check says ok, build fails: {short(_last_error(build), 120)}"}
    findings, notes = scan_site(project / "site", case.marker, baseline)
    out["notes"] = notes
    if findings:
        more = f" (+{len(findings) - 1} more)" if len(findings) > 1 else ""
        return {**out, "verdict": "broken", "sees": f"site: {short(findings[0], 130)}{more}", "findings": findings}
    return {**out, "verdict": "inert", "sees": f"check ok, site built; {notes[0]}"}


def _relative(line: str, project: Path) -> str:
    return short(line.replace(str(project) + "/", ""), 150)


def _snapshot(project: Path) -> dict[str, bytes]:
    files = {}
    for folder in ("content/plans", "content/sources"):
        for path in (project / folder).glob("*"):
            try:
                files[path.relative_to(project).as_posix()] = path.read_bytes() if path.is_file() else b""
            except OSError:
                files[path.relative_to(project).as_posix()] = b"?"
    return files


def _strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in [str(k), *_strings(v)]]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [str(data)] if data is not None else []


def judge_import(case: Case, project: Path, env: dict[str, str], scratch: Path) -> dict[str, Any]:
    py = sys.executable
    before = _snapshot(project)
    imp = run(
        [py, "-m", "generator", "import", str(case.input), "--region", str(case.region)],
        project,
        IMPORT_TIMEOUT,
        env,
        scratch,
        "import",
    )
    out: dict[str, Any] = {"import": imp}
    problem = _killed("import", imp)
    if problem:
        return {**out, "verdict": "broken", "sees": problem}
    if _tracebacks(imp):
        return {**out, "verdict": "broken", "sees": f"import crashes: {short(_last_error(imp), 120)}"}
    after = _snapshot(project)
    written = sorted(p for p in after if before.get(p) != after[p])
    if imp.returncode != 0:
        lines = [line for line in imp.stderr.split("\n") if line.strip()]
        if written:
            return {**out, "verdict": "broken", "sees": f"import fails but leaves {', '.join(written)}"}
        if leaks(imp.output):
            return {
                **out,
                "verdict": "broken",
                "sees": f"import quotes a file outside the project: {short(lines[0] if lines else '', 100)}",
            }
        if len(lines) != 1 or not lines[0].startswith("error: ") or imp.stdout.strip():
            return {
                **out,
                "verdict": "broken",
                "sees": f"import prints {len(lines)} lines: {short(' / '.join(lines), 110)}",
            }
        if IMPORT_CATCH_ALL.match(lines[0]):
            return {**out, "verdict": "broken", "sees": f"internal error surfaced: {short(lines[0], 120)}"}
        if "importer bug" in lines[0]:
            return {**out, "verdict": "broken", "sees": f"the importer's own draft fails check: {short(lines[0], 110)}"}
        return {**out, "verdict": "rejected", "sees": short(lines[0].replace(str(project) + "/", ""), 150)}
    drafts = [p for p in written if p.startswith("content/plans/") and p.endswith(".yaml")]
    if not drafts:
        return {**out, "verdict": "broken", "sees": "import exits 0 but writes no draft"}
    check = run([py, "-m", "generator", "check", drafts[0]], project, CHECK_TIMEOUT, env, scratch, "check")
    out["check"] = check
    problem = _killed("check of the draft", check)
    if problem:
        return {**out, "verdict": "broken", "sees": problem}
    if _tracebacks(check):
        return {**out, "verdict": "broken", "sees": f"check of the draft crashes: {short(_last_error(check), 110)}"}
    if check.returncode != 0:
        located, _ = check_lines(check)
        return {
            **out,
            "verdict": "broken",
            "sees": f"the draft fails check: {short(located[0] if located else check.output, 120)}",
        }
    texts = "\n".join((project / p).read_bytes().decode("utf-8", "replace") for p in written)
    if leaks(texts + imp.output):
        return {
            **out,
            "verdict": "broken",
            "sees": "the draft or its source text holds a file from outside the project",
        }
    draft = yaml.safe_load((project / drafts[0]).read_text(encoding="utf-8"))
    if case.marker and case.marker in str(case.input):
        # The marker is in the file's name, which must never become data of the draft.
        carried = [s for s in _strings(draft) if case.marker in s]
        if carried:
            return {
                **out,
                "verdict": "broken",
                "sees": f"the file name became YAML of the draft: {short(carried[0], 90)!r}",
            }
    found = next((line for line in imp.stdout.split("\n") if line.startswith("Found ")), "")
    return {**out, "verdict": "inert", "sees": f"draft {drafts[0]} passes check; {short(found, 80)}"}


# -- the round --------------------------------------------------------------------------------


def environment(code: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0", LC_ALL="C.UTF-8")
    if code is not None:
        env["PYTHONPATH"] = str(code) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def resolve_revision(rev: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def export_revision(rev: str, into: Path) -> Path:
    """The project's files at a commit, for a run that concurrent edits of the work tree cannot disturb."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    _shim_entry_point(into)
    return into


def _shim_entry_point(code: Path) -> None:
    """MkDocs finds the plugin through the installed entry point; if the installed one names a
    module the exported revision does not have, a shim there points it at the revision's plugin."""
    from importlib.metadata import entry_points

    for point in entry_points(group="mkdocs.plugins"):
        if point.name != "plans":
            continue
        module, _, attribute = point.value.partition(":")
        target = code / Path(*module.split(".")).with_suffix(".py")
        if target.exists() or (code / Path(*module.split("."))).is_dir():
            return
        found = [p for p in (code / "generator").rglob("*.py") if f"class {attribute}(" in p.read_text("utf-8")]
        if not found:
            return
        real = ".".join(found[0].relative_to(code).with_suffix("").parts)
        folder = target.parent
        while folder != code and not (folder / "__init__.py").exists():
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "__init__.py").write_text("", encoding="utf-8")
            folder = folder.parent
        target.write_text(f"from {real} import {attribute}  # noqa: F401  (hostile.py shim)\n", encoding="utf-8")


def run_case(
    case: Case, source: Path, env: dict[str, str], workdir: Path, keep: bool, baseline: dict[str, str] | None
) -> dict[str, Any]:
    scratch = Path(tempfile.mkdtemp(prefix=f"{case.name}-", dir=workdir))
    start = time.monotonic()
    try:
        try:
            project = prepare(case, source, scratch)
        except Exception as exc:  # a stale case is the round's problem, not the project's
            return {"verdict": "error", "sees": f"case could not be prepared: {type(exc).__name__}: {exc}"}
        result = (
            judge_content(case, project, env, scratch, baseline)
            if case.target == "content"
            else judge_import(case, project, env, scratch)
        )
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    runs = [r for r in (result.get("check"), result.get("build"), result.get("import")) if isinstance(r, Run)]
    result["seconds"] = time.monotonic() - start
    result["peak"] = max((r.peak for r in runs), default=0)
    result["scratch"] = str(scratch) if keep else None
    return result


def baseline_headings(source: Path, env: dict[str, str], workdir: Path) -> dict[str, str]:
    """Build the unchanged project once: it must pass, and gives the fixed pages' headings."""
    case = Case("00-baseline", workdir, "files", "the project as it is", "content")
    scratch = Path(tempfile.mkdtemp(prefix="baseline-", dir=workdir))
    try:
        project = prepare(case, source, scratch)
        result = judge_content(case, project, env, scratch, None)
        if result["verdict"] != "inert":
            raise SystemExit(f"the unchanged project does not build cleanly: {result['sees']}")
        return {
            page: heading for page in FIXED_PAGES if (heading := _first_heading(project / "site" / page)) is not None
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="comma-separated case names (or unique prefixes / numbers)")
    parser.add_argument("--cases", type=Path, default=CASES, help="folder of cases (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=3, help="cases run at once (default: 3)")
    parser.add_argument(
        "--rev", help="run against this commit's files (exported with git archive) instead of the work tree"
    )
    parser.add_argument("--keep", action="store_true", help="keep each case's project copy and outputs")
    parser.add_argument("--json", type=Path, help="write every case's result to this file")
    parser.add_argument("--markdown", type=Path, help="write the results as a Markdown table to this file")
    args = parser.parse_args(argv)
    sys.dont_write_bytecode = True  # the cases' make.py leave no __pycache__ behind

    cases = []
    for path in sorted(p for p in args.cases.iterdir() if p.is_dir() and (p / "case.yaml").is_file()):
        try:
            cases.append(Case.load(path))
        except Exception as exc:
            print(f"{path.name}: bad case.yaml: {exc}", file=sys.stderr)
            return 2
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        cases = [
            c for c in cases if any(c.name == w or c.name.startswith(w) or c.name.split("-", 1)[1] == w for w in wanted)
        ]
        if not cases:
            print(f"no case matches {args.only!r}", file=sys.stderr)
            return 2

    workdir = Path(tempfile.mkdtemp(prefix="hostile-"))
    source = ROOT
    code = None
    if args.rev:
        args.rev = resolve_revision(args.rev)
        source = code = export_revision(args.rev, workdir / "rev")
    env = environment(code)
    started = time.monotonic()
    print(
        f"hostile round: {len(cases)} cases against {'revision ' + args.rev if args.rev else 'the work tree'}"
        f" ({source}); memory by {'/usr/bin/time -v and ' if TIME else ''}/proc",
        flush=True,
    )
    baseline = baseline_headings(source, env, workdir)

    results: dict[str, dict[str, Any]] = {}
    lock = threading.Lock()

    def one(case: Case) -> None:
        result = run_case(case, source, env, workdir, args.keep, baseline)
        with lock:
            results[case.name] = result
            print(
                f"  {case.name:<42} {result['verdict']:<9} {result['seconds']:6.1f} s  {short(result['sees'], 90)}",
                flush=True,
            )

    # The slow ones first, so that they run beside the quick ones instead of after them.
    slow_first = sorted(cases, key=lambda c: (c.klass not in ("exhaustion", "importer"), c.name))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(one, slow_first))
    if args.keep:
        print(f"kept: {workdir}", flush=True)
    else:
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    header = f"{'case':<42} {'class':<10} {'target':<7} {'verdict':<9} {'time':>7} {'peak':>8}  what the user sees"
    print(header)
    print("-" * len(header))
    for case in cases:
        r = results[case.name]
        print(
            f"{case.name:<42} {case.klass:<10} {case.target:<7} {r['verdict']:<9} {r['seconds']:6.1f}s "
            f"{r['peak'] / 2**20:6.0f}MB  {short(r['sees'], 160)}"
        )
    totals: dict[str, int] = {}
    by_class: dict[str, dict[str, int]] = {}
    for case in cases:
        verdict = results[case.name]["verdict"]
        totals[verdict] = totals.get(verdict, 0) + 1
        by_class.setdefault(case.klass, {}).setdefault(verdict, 0)
        by_class[case.klass][verdict] += 1
    summary = {
        "cases": len(cases),
        "good": sum(totals.get(v, 0) for v in GOOD),
        "verdicts": totals,
        "by_class": by_class,
        "broken": [c.name for c in cases if results[c.name]["verdict"] not in GOOD],
        "seconds": round(time.monotonic() - started, 1),
        "against": args.rev or "work tree",
    }
    print()
    print(json.dumps(summary, ensure_ascii=False))

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    c.name: {
                        "class": c.klass,
                        "target": c.target,
                        "description": c.description,
                        "verdict": results[c.name]["verdict"],
                        "sees": results[c.name]["sees"],
                        "seconds": round(results[c.name]["seconds"], 1),
                        "peak_mb": round(results[c.name]["peak"] / 2**20),
                        "findings": results[c.name].get("findings", []),
                        "notes": results[c.name].get("notes", []),
                        "scratch": results[c.name].get("scratch"),
                    }
                    for c in cases
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    if args.markdown:
        lines = [
            "| case | class | target | verdict | time | peak | what the user sees |",
            "|---|---|---|---|---|---|---|",
        ]
        for c in cases:
            r = results[c.name]
            lines.append(
                f"| `{c.name}` | {c.klass} | {c.target} | **{r['verdict']}** | {r['seconds']:.0f} s | "
                f"{r['peak'] / 2**20:.0f} MB | {short(r['sees'], 170).replace('`', chr(39))} |"
            )
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0 if not summary["broken"] else 1


if __name__ == "__main__":
    sys.exit(main())

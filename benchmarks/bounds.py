"""Bounded work: the build with the most agencies a measure may name, and the importer on bombs.

    python benchmarks/bounds.py                  # both
    python benchmarks/bounds.py --agencies 8 30  # builds with one measure naming 8 and 30 agencies
    python benchmarks/bounds.py --importer       # the importer only

Each build or import runs in a fresh interpreter that reports its own peak memory (VmHWM: the
process's high-water mark, not counting the parent it was started from) and time. Prints one
line per case, then one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

_MEASURED = """
import re, sys, time
from pathlib import Path
start = time.perf_counter()
try:
    if sys.argv[1] == "build":
        from mkdocs.__main__ import cli
        cli(sys.argv[2:])
    else:
        from generator.__main__ import main
        sys.exit(main(sys.argv[1:]))
except SystemExit as exit:
    code = exit.code or 0
else:
    code = 0
peak = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))
print(f"PEAK {peak} TIME {time.perf_counter() - start:.2f}", file=sys.stderr)
sys.exit(code)
"""


def measured(args: list[str], cwd: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000"),
        check=False,
    )
    peak, seconds = re.search(r"PEAK (\d+) TIME ([\d.]+)", result.stderr).groups()
    error = next((line for line in result.stderr.splitlines() if line.startswith(("error:", "ERROR"))), "")
    return {
        "exit": result.returncode,
        "peak_mb": round(int(peak) / 1024),
        "seconds": float(seconds),
        "message": error[:110],
        "traceback": "Traceback" in result.stderr,
    }


def build_with_agencies(work: Path, count: int) -> dict:
    """The real project and content, plus a plan whose one measure names `count` agencies."""
    project = work / f"agencies-{count}"
    for name in ("docs", "overrides", "content"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("content_dir: content", "content_dir: content\n      search_index: false"), encoding="utf-8"
    )
    agencies = [{"id": f"bench-{i}", "name": f"Исполнитель {i}", "kind": "regional-authority"} for i in range(count)]
    plan = {
        "id": "smolensk-2099",
        "region": "smolensk",
        "level": "regional",
        "title": "План",
        "source": {"file": "sources/smolensk-2020.txt"},
        "period": {"start": 2099, "end": 2100},
        "agencies": agencies,
        "sections": [
            {
                "measures": [
                    {
                        "id": "1-1",
                        "number": "1.1.",
                        "title": "Мероприятие",
                        "timeframe": "2099 год",
                        "responsible": [{"agency": a["id"]} for a in agencies],
                        "topics": ["professional-trials"],
                        "audiences": [],
                    }
                ]
            }
        ],
    }
    (project / "content/plans/smolensk-2099.yaml").write_text(
        yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8"
    )
    figures = measured(["build", "build", "-q", "-d", str(project / "site")], project)
    pages = [p.stat().st_size for p in (project / "site/agencies").glob("bench-*/index.html")]
    figures.update(
        largest_agency_page_kb=round(max(pages, default=0) / 1024),
        agencies_dir_mb=round(sum(p.stat().st_size for p in (project / "site/agencies").rglob("*")) / 2**20, 1),
    )
    shutil.rmtree(project)
    return figures


def docx_bomb(path: Path, size: int, declared: int | None = None) -> None:
    """A .docx whose document part expands to `size` bytes; with `declared`, its zip directory lies."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    chunk = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 30_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, source.read(info))
                continue
            head, tail = source.read(info).split(b"<w:body>")
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head + b"<w:body>")
                for _ in range(size // len(chunk)):
                    part.write(chunk)
                part.write(tail)
    if declared is not None:
        data = bytearray(path.read_bytes())
        at = data.find(b"PK\x01\x02")
        while at >= 0:
            length = int.from_bytes(data[at + 28 : at + 30], "little")
            if data[at + 46 : at + 46 + length] == b"word/document.xml":
                data[at + 24 : at + 28] = declared.to_bytes(4, "little")
            at = data.find(b"PK\x01\x02", at + 4)
        path.write_bytes(bytes(data))


def table_text(rows: int) -> bytes:
    lines = [
        "План мероприятий («дорожная карта») по профориентации обучающихся Пермского края на 2021-2024 годы",
        "",
        "№ п/п\tНаименование мероприятия\tОтветственный исполнитель\tСрок исполнения\tОжидаемый результат",
    ]
    lines += [
        f"{i}.\tПроведение профессиональных проб для обучающихся 8-11 классов номер {i}\t"
        f"Министерство образования и науки Пермского края\t2022 год\tНе менее {i} обучающихся прошли пробы"
        for i in range(1, rows + 1)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def importer_cases(work: Path) -> dict[str, dict]:
    sources = work / "sources"
    sources.mkdir()
    cases = {}
    docx_bomb(sources / "bomb.docx", 1_200_000_000)
    docx_bomb(sources / "hidden.docx", 1_200_000_000, declared=1000)
    with (sources / "huge.txt").open("wb") as f:
        f.truncate(50_000_000)
    (sources / "much.txt").write_bytes(table_text(20_000)[:3_000_000])
    for rows in (500, 1000, 2000):
        (sources / f"rows-{rows}.txt").write_bytes(table_text(rows))
    for name, label in (
        ("bomb.docx", "docx expanding to 1.2 GB"),
        ("hidden.docx", "docx hiding a 1.2 GB part"),
        ("huge.txt", "50 MB file"),
        ("much.txt", "3 MB of text"),
        ("rows-500.txt", "500 rows (150 KB)"),
        ("rows-1000.txt", "1000 rows (300 KB)"),
        ("rows-2000.txt", "2000 rows (600 KB)"),
    ):
        content = work / f"content-{name}"
        shutil.copytree(ROOT / "content", content)
        for old in ("plans/perm-2021.yaml", "sources/perm-2021.txt"):
            (content / old).unlink()
        figures = measured(["import", str(sources / name), "--region", "perm", "--content", str(content)], ROOT)
        figures["input_mb"] = round((sources / name).stat().st_size / 2**20, 2)
        cases[label] = figures
        shutil.rmtree(content)
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, nargs="*", help="agencies in one measure, one build each")
    parser.add_argument("--importer", action="store_true", help="the importer cases only")
    args = parser.parse_args(argv)
    counts = args.agencies if args.agencies is not None else ([] if args.importer else [8, 30])
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bounds-") as scratch:
        work = Path(scratch)
        for count in counts:
            out[f"build, one measure naming {count} agencies"] = figures = build_with_agencies(work, count)
            print(
                f"{'build, ' + str(count) + ' agencies in a measure':<40} exit {figures['exit']}  "
                f"{figures['seconds']:6.1f} s  {figures['peak_mb']:5d} MB peak  largest agency page "
                f"{figures['largest_agency_page_kb']} KB  agencies/ {figures['agencies_dir_mb']} MB  "
                f"{figures['message']}"
            )
        if args.importer or args.agencies is None:
            for label, figures in importer_cases(work).items():
                out[f"import, {label}"] = figures
                print(
                    f"{'import, ' + label:<40} exit {figures['exit']}  {figures['seconds']:6.1f} s  "
                    f"{figures['peak_mb']:5d} MB peak  {figures['message']}"
                )
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

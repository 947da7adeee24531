"""What a reader cites: the dataset's title, licences, version and dates.

The version and the dates come from the repository, never from the clock, so that the same
commit publishes the same files: SOURCE_DATE_EPOCH (reproducible builds) or the last commit's
date, a tag when the commit has one, and for each plan the date its file last changed.
`CITATION.cff` at the repository's root repeats the title and the licence (a test holds them equal).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

TITLE = "Профориентация в регионах: региональные планы по профориентации обучающихся"
PUBLISHER = "Участники проекта «Профориентация в регионах»"
DESCRIPTION = (
    "Региональные и муниципальные планы («дорожные карты») по профориентации обучающихся, "
    "переведённые из документов в таблицы: мероприятия, исполнители, сроки, показатели."
)
KEYWORDS = ("профориентация", "дорожная карта", "регионы России", "образование", "открытые данные")


@dataclass(frozen=True)
class License:
    """One licence of the dataset; `name` is an Open Definition id (Data Package `licenses`)."""

    name: str
    title: str
    path: str | None = None


# The plans are official documents (art. 1259 of the Civil Code: not subject to copyright);
# the markup, the exports and the code carry the project's licence, as mkdocs.yml's copyright line says.
LICENSES = (
    License("MIT", "Разметка, выгрузки и код — лицензия MIT", "https://opensource.org/licenses/MIT"),
    License(
        "other-pd",
        "Тексты планов — официальные документы органов власти: по статье 1259 ГК РФ "
        "они не являются объектами авторских прав",
    ),
)


@dataclass(frozen=True)
class Release:
    """The version of the data a build publishes."""

    version: str
    date: date
    commit: str | None = None
    changed: Mapping[str, date] = field(default_factory=dict)
    """The date each content file (path under content/, "plans/x.yaml") last changed."""

    @property
    def created(self) -> datetime:
        """The release date as a moment (midnight UTC), for file properties."""
        return datetime(self.date.year, self.date.month, self.date.day, tzinfo=UTC)

    def date_of(self, content_path: str) -> date:
        return self.changed.get(content_path, self.date)


def read(project_dir: Path, content_dir: Path, environ: Mapping[str, str] = os.environ) -> Release:
    """The release of the checkout at `project_dir`, whose content lives in `content_dir`."""
    head = _git(project_dir, "log", "-1", "--format=%H %ct")
    commit, _, committed = head.partition(" ") if head else (None, "", "")
    day = _build_day(committed, content_dir, environ)
    tag = _git(project_dir, "describe", "--tags", "--exact-match", "HEAD")
    return Release(
        tag or day.isoformat(), day, commit[:12] if commit else None, _changed(project_dir, content_dir, day)
    )


def _build_day(committed: str, content_dir: Path, environ: Mapping[str, str]) -> date:
    """SOURCE_DATE_EPOCH, else the last commit's time (`committed`), else the newest content file."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _day(int(epoch))
    if committed:
        return _day(int(committed))
    # No repository: the newest content file, which stays the same for the same files.
    return _day(int(max((p.stat().st_mtime for p in content_dir.rglob("*") if p.is_file()), default=0)))


def _changed(project_dir: Path, content_dir: Path, latest: date) -> dict[str, date]:
    """Each content file's last commit date, no later than the release date: one `git log` for all."""
    try:
        relative = content_dir.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return {}
    changed: dict[str, date] = {}
    stamp = 0
    for line in _git(project_dir, "log", "--format=@%ct", "--name-only", "--", relative).splitlines():
        if line.startswith("@"):
            stamp = int(line[1:])
        elif line.startswith(relative + "/"):
            changed.setdefault(line[len(relative) + 1 :], min(_day(stamp), latest))
    return changed


def _day(stamp: int) -> date:
    return datetime.fromtimestamp(stamp, UTC).date()


def _git(cwd: Path, *args: str) -> str:
    """A git command's output, or "" outside a repository or without git."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""

"""`python -m generator new-plan`: a valid plan file to start a new region's plan from."""

from __future__ import annotations

import datetime
from pathlib import Path

from .content import layout, loader
from .content.errors import ContentErrors
from .site.render import Renderer


class SkeletonError(Exception):
    """The skeleton cannot be written (unknown region, file exists)."""


def write_skeleton(
    content_dir: Path, region_id: str, year: int | None = None, level: str = "regional", force: bool = False
) -> Path:
    """Write content/plans/<region>-<year>.yaml and an empty source text; return the plan path."""
    year = year or datetime.date.today().year
    try:
        catalog = loader.load(content_dir)
    except ContentErrors as exc:
        raise SkeletonError(f"the content has errors; fix them first:\n{exc}") from None
    region = catalog.regions.get(region_id)
    if region is None:
        known = ", ".join(catalog.regions)
        raise SkeletonError(
            f"unknown region '{region_id}'. Known regions: {known}. Add the region to content/regions.yaml first."
        )
    plan_id = f"{region_id}-{year}"
    path = content_dir / layout.PLANS_DIR / f"{plan_id}.yaml"
    if path.exists() and not force:
        raise SkeletonError(f"{path} already exists; use --force to overwrite it")
    source = content_dir / layout.SOURCES_DIR / f"{plan_id}.txt"
    renderer = Renderer()
    text = renderer.env.get_template("new-plan.yaml.j2").render(
        plan_id=plan_id, region_id=region_id, region_name=region.name, level=level, year=year, path=path.as_posix()
    )
    if not source.exists():
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text("Вставьте сюда текст документа, из которого составлен план.\n", encoding="utf-8")
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path

"""The Frictionless Data Package (`datapackage.json`) that describes every download.

Tools that read data packages (frictionless, Open Data portals, CKAN) learn from it what each
file is, how big it is, its checksum, its licence, and for each CSV the table schema made from
the same column declarations as the files themselves (`export.Table`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import release as rel
from .export import Column, Table

MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "yaml": "application/yaml",
    "txt": "text/plain",
}


@dataclass(frozen=True)
class Resource:
    """One downloadable file: its path under data/, its bytes, and for a CSV the table it holds."""

    path: str
    content: bytes
    title: str
    table: Table | None = None

    @property
    def name(self) -> str:
        return self.path.replace("/", "-").lower()

    @property
    def format(self) -> str:
        return self.path.rsplit(".", 1)[-1]


def schema_path(table: Table) -> str:
    """Where a table's schema is published, beside datapackage.json: one file for every CSV of that table."""
    return f"schemas/{table.name}.tableschema.json"


def table_schema(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(c) for c in table.columns], "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fields), "reference": {"resource": f"{other}.csv", "fields": list(there)}}
            for fields, other, there in table.foreign_keys
        ]
    return schema


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "title": column.header, "description": column.description}
    field.update({"type": "string", "format": "uri"} if column.type == "url" else {"type": column.type})
    if column.required:
        field["constraints"] = {"required": True}
    return field


def resource_dict(resource: Resource) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": resource.name,
        "path": resource.path,
        "title": resource.title,
        "type": "table" if resource.table else "json" if resource.format == "json" else "file",
        "format": resource.format,
        "mediatype": MEDIA_TYPES[resource.format],
        "bytes": len(resource.content),
        "hash": "sha256:" + hashlib.sha256(resource.content).hexdigest(),
    }
    if resource.format in ("csv", "json", "yaml", "txt"):
        data["encoding"] = "utf-8"
    if resource.table:
        data["dialect"] = {"delimiter": ",", "header": True}
        data["schema"] = schema_path(resource.table)
    return data


def package(
    release: rel.Release, homepage: str, resources: Iterable[Resource], sources: Iterable[dict[str, str]]
) -> dict[str, Any]:
    """The data package of the release; `homepage` is the data page's address."""
    return {
        "name": "proforientation-plans",
        "title": rel.TITLE,
        "description": rel.DESCRIPTION,
        "version": release.version,
        "created": release.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "homepage": homepage,
        "keywords": list(rel.KEYWORDS),
        "licenses": [
            {"name": lic.name, "title": lic.title, "path": lic.path or f"{homepage}#license"} for lic in rel.LICENSES
        ],
        "contributors": [{"title": rel.PUBLISHER, "role": "publisher"}],
        "sources": list(sources),
        "resources": [resource_dict(r) for r in resources],
    }

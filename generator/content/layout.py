"""Where each content file lives: the one place that spells content/'s file and folder names.

The loader, the importer, `new-plan` and the benchmarks all find files through these names.
"""

from __future__ import annotations

PLANS_DIR = "plans"
SOURCES_DIR = "sources"
SEARCH_VOCABULARY = "search-vocabulary.yaml"

# Each shared vocabulary: its schema name -> (file in content/, the key holding its list).
VOCABULARIES = {
    "regions": ("regions.yaml", "regions"),
    "topics": ("topics.yaml", "topics"),
    "agency-kinds": ("agency-kinds.yaml", "kinds"),
    "audiences": ("audiences.yaml", "audiences"),
    "glossary": ("glossary.yaml", "terms"),
}
VOCABULARY_FILES = tuple(filename for filename, _ in VOCABULARIES.values()) + (SEARCH_VOCABULARY,)


def plan_file(plan_id: str) -> str:
    """A plan's YAML file, as a path in content/."""
    return f"{PLANS_DIR}/{plan_id}.yaml"


def source_file(plan_id: str) -> str:
    """The source text a plan was transcribed from, as a path in content/."""
    return f"{SOURCES_DIR}/{plan_id}.txt"

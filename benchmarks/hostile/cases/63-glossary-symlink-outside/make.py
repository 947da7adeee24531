"""Creates this case's files at run time (big, binary or special files)."""

import os


def make(root):
    outside = root.parent / "outside-glossary.yaml"
    outside.write_text(
        "terms:\n  - abbr: СЕКРЕТ\n    expansion: OUTSIDE-SECRET-83 из файла вне проекта\n", encoding="utf-8"
    )
    (root / "content/glossary.yaml").unlink()
    os.symlink("../../outside-glossary.yaml", root / "content/glossary.yaml")

"""Regenerate the pdftotext tuning set: real `pdftotext -layout` output of every tuning PDF.

    python benchmarks/layouts/tune-pdftotext/make.py

For each `*.pdf` under the tune, heldout and heldout2 sets it writes
`<plan>/text-pdftotext-<pdf-stem>.txt` and copies `<pdf-stem>.expected.yaml` next to it as
`text-pdftotext-<pdf-stem>.expected.yaml`. It never reads any other set. Needs poppler-utils.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAYOUTS = HERE.parent
SETS = ("tune", "heldout", "heldout2")  # the sets a developer may read; nothing else


def main() -> int:
    for name in SETS:
        for pdf in sorted((LAYOUTS / name).glob("*/*.pdf")):
            folder = HERE / pdf.parent.name
            folder.mkdir(exist_ok=True)
            stem = f"text-pdftotext-{pdf.stem}"
            subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(folder / f"{stem}.txt")], check=True)
            shutil.copyfile(pdf.with_name(f"{pdf.stem}.expected.yaml"), folder / f"{stem}.expected.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())

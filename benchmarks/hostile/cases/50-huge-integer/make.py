"""Creates this case's files at run time (big, binary or special files)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent


def make(root):
    base = (HERE / "base.yaml").read_text(encoding="utf-8")
    (root / "content/plans/smolensk-2099.yaml").write_text(
        base.replace("start: 2099", "start: 2" + "0" * 4999), encoding="utf-8"
    )

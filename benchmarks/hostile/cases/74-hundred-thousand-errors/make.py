"""Creates this case's files at run time (big, binary or special files)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent


def make(root):
    head = (HERE / "head.yaml").read_text(encoding="utf-8")
    (root / "content/plans/smolensk-2099.yaml").write_text(
        head + "goals: [" + ",".join(["1"] * 100000) + "]\nagencies: []\nsections: []\n", encoding="utf-8"
    )

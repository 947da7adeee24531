"""Creates this case's files at run time (big, binary or special files)."""


def source(root):
    return (root / "content/sources/smolensk-2020.txt").read_text(encoding="utf-8")


import os


def make(root):
    (root / "plan.txt").write_text(source(root), encoding="utf-8")
    os.mkfifo(root / "content/plans/zz-pipe.yaml")

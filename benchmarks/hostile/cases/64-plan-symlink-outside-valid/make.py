"""Creates this case's files at run time (big, binary or special files)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
import os
import shutil


def make(root):
    shutil.copy(HERE / "outside.yaml", root.parent / "outside-plan.yaml")
    os.symlink(str(root.parent / "outside-plan.yaml"), root / "content/plans/smolensk-2099.yaml")

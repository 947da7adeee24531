"""Creates this case's files at run time (big, binary or special files)."""

import os


def make(root):
    os.mkfifo(root / "content/plans/smolensk-2099.yaml")

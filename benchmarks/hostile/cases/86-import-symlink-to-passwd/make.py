"""Creates this case's files at run time (big, binary or special files)."""

import os


def make(root):
    os.symlink("/etc/passwd", root / "plan.txt")

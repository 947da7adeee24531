"""Creates this case's files at run time (big, binary or special files)."""

import os


def make(root):
    os.symlink("/nonexistent/hostile.txt", root / "content/sources/smolensk-2099.txt")

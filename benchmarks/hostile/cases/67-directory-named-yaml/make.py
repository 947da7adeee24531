"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    (root / "content/plans/smolensk-2099.yaml").mkdir()
    (root / "content/sources/dir.txt").mkdir()

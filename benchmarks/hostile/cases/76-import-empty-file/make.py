"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    (root / "plan.txt").write_bytes(b"")

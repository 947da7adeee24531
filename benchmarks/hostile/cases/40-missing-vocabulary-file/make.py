"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    (root / "content/agency-kinds.yaml").unlink()

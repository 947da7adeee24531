"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    with open(root / "content/sources/smolensk-2099.txt", "wb") as f:
        f.truncate(1600 * 1024 * 1024)

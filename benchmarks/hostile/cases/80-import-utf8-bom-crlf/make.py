"""Creates this case's files at run time (big, binary or special files)."""


def source(root):
    return (root / "content/sources/smolensk-2020.txt").read_text(encoding="utf-8")


def make(root):
    (root / "plan.txt").write_bytes(b"\xef\xbb\xbf" + source(root).replace("\n", "\r\n").encode("utf-8"))

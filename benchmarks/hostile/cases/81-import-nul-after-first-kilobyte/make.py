"""Creates this case's files at run time (big, binary or special files)."""


def source(root):
    return (root / "content/sources/smolensk-2020.txt").read_text(encoding="utf-8")


def make(root):
    text = source(root)
    at = text.index("\n", 2000)
    (root / "plan.txt").write_text(text[:at] + "\x00\x1b[2J\x00" + text[at:], encoding="utf-8")

"""Creates this case's files at run time (big, binary or special files)."""


def source(root):
    return (root / "content/sources/smolensk-2020.txt").read_text(encoding="utf-8")


def make(root):
    text = source(root).replace("Департамент", "\x1b]0;HOSTILE\x07\x1b[2J\x1b[31mДепартамент", 3)
    (root / "plan.txt").write_text(text, encoding="utf-8")

"""Creates this case's files at run time (big, binary or special files)."""


def source(root):
    return (root / "content/sources/smolensk-2020.txt").read_text(encoding="utf-8")


def make(root):
    text = source(root).replace("–", "-").replace("«", '"').replace("»", '"').replace("—", "-")
    (root / "plan.txt").write_bytes(text.encode("cp1251", "replace"))

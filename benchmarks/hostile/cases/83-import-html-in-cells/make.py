"""Creates this case's files at run time (big, binary or special files)."""


def source(root):
    return (root / "content/sources/smolensk-2020.txt").read_text(encoding="utf-8")


def make(root):
    text = source(root).replace(
        "Департамент", "<script>alert('XSS90X')</script> &amp; {{ config }} key: *alias !!tag Департамент", 5
    )
    (root / "plan.txt").write_text(text, encoding="utf-8")

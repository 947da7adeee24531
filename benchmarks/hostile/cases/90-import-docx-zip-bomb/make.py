"""Creates this case's files at run time (big, binary or special files)."""

from benchmarks.bounds import docx_bomb


def make(root):
    # A .docx whose document part expands to 1 GiB.
    docx_bomb(root / "plan.docx", 1024 * 1024 * 1024)

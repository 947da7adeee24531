"""Creates this case's files at run time (big, binary or special files)."""

from benchmarks.hostile_files import pdf


def make(root):
    pdf(root / "plan.pdf", 40000)

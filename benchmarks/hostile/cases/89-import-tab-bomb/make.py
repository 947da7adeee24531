"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    (root / "plan.txt").write_text(
        "План мероприятий на 2021-2024 годы\n№\tНаименование мероприятия\tОтветственный\tСрок\n1."
        + "\t" * 3_000_000
        + "x\n",
        encoding="utf-8",
    )

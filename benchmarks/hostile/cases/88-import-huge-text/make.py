"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    with open(root / "plan.txt", "w", encoding="utf-8") as f:
        f.write(
            "План мероприятий по профориентации на 2021-2024 годы\n№ п/п\tНаименование мероприятия\tОтветственный исполнитель\tСрок исполнения\n"
        )
        row = "\tПроведение профессиональных проб для обучающихся\tДепартамент образования\t2021 год\n"
        f.writelines(f"{i}.{row}" for i in range(1, 1_300_000))

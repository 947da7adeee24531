"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    text = (root / "content/plans/smolensk-2020.yaml").read_text(encoding="utf-8")
    (root / "content/plans/smolensk-2099.yaml").write_text(
        text.replace("id: smolensk-2020", "id: smolensk-2099"), encoding="utf-16"
    )

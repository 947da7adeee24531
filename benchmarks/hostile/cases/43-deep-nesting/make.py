"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    (root / "content/plans/smolensk-2099.yaml").write_text(
        "id: smolensk-2099\ngoals: " + "[" * 200000 + "]" * 200000 + "\n", encoding="utf-8"
    )

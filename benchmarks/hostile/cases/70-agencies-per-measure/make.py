"""Creates this case's files at run time (big, binary or special files)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent


def make(root):
    head = (HERE / "head.yaml").read_text(encoding="utf-8")
    lines = [head, "agencies:\n"]
    lines += [f'  - {{id: hostile-a{i}, name: "Организация {i}", kind: employers}}\n' for i in range(400)]
    lines.append(
        'sections:\n  - measures:\n      - id: "1"\n        number: "1"\n        title: "Все вместе"\n        responsible:\n'
    )
    lines += [f"          - agency: hostile-a{i}\n" for i in range(400)]
    lines.append('        timeframe: "2099 год"\n        topics: [coordination]\n        audiences: []\n')
    (root / "content/plans/smolensk-2099.yaml").write_text("".join(lines), encoding="utf-8")

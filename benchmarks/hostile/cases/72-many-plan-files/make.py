"""Creates this case's files at run time (big, binary or special files)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent


def make(root):
    head = (HERE / "head.yaml").read_text(encoding="utf-8")
    for i in range(500):
        pid = f"smolensk-{3000 + i}"
        (root / f"content/plans/{pid}.yaml").write_text(
            head.replace("smolensk-2099", pid)
            + f'agencies:\n  - {{id: hostile-a{i}, name: "Организация {i}", kind: employers}}\n'
            f'sections:\n  - measures:\n      - {{id: "1", number: "1", title: "Мероприятие {i}", responsible: [{{agency: hostile-a{i}}}], '
            f'timeframe: "2099 год", topics: [coordination], audiences: []}}\n',
            encoding="utf-8",
        )

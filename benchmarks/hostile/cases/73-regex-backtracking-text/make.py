"""Creates this case's files at run time (big, binary or special files)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent


def make(root):
    head = (HERE / "head.yaml").read_text(encoding="utf-8")
    bad = "a\\nb" + " " * 4990 + "c"
    lines = [
        head,
        'agencies:\n  - {id: hostile-dept, name: "Департамент", kind: regional-authority}\nsections:\n  - measures:\n',
    ]
    for i in range(40):
        lines.append(
            f'      - {{id: "m{i}", number: "{i}", title: "{bad}", result: "{bad}", document: "{bad}", note: "{bad}", '
            f'responsible: [{{agency: hostile-dept}}], timeframe: "2099 год", topics: [professional-trials], audiences: [middle-school]}}\n'
        )
    (root / "content/plans/smolensk-2099.yaml").write_text("".join(lines), encoding="utf-8")

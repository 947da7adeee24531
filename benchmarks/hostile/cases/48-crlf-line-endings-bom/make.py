"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    text = (root / "content/plans/smolensk-2020.yaml").read_text(encoding="utf-8")
    text = text.replace("id: smolensk-2020", "id: smolensk-2099", 1).replace("- id: smolensk-", "- id: smolensk-x-")
    text = text.replace("agency: smolensk-", "agency: smolensk-x-")
    (root / "content/plans/smolensk-2099.yaml").write_bytes(
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    )

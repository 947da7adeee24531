"""Creates this case's files at run time (big, binary or special files)."""


def make(root):
    (root / "plan.pdf").write_bytes(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"
    )

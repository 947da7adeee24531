"""Creates this case's files at run time (big, binary or special files)."""


def pdf(path, pages, text=True, password=None):
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=10)
    for i in range(pages):
        doc.add_page()
        if text:
            doc.cell(text=f"Plan page {i} 2021")
        else:
            doc.rect(20, 20, 100, 60, style="F")
    if password:
        doc.set_encryption(owner_password=password, user_password=password)
    doc.output(str(path))


def make(root):
    pdf(root / "plan.pdf", 40000)

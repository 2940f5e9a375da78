"""The audit report: a PDF built with reportlab, in French or English (see :mod:`.build`).

Nothing is imported here, so that importing one part (the signing, say) does not pull in
reportlab and the photo code.
"""

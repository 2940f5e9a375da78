"""The audit report: a French PDF built with reportlab (see :mod:`auditor_app.report.build`).

Nothing is imported here, so that importing one part (the signing, say) does not pull in
reportlab and the photo code.
"""

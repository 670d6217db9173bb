"""Documents the system writes: .xlsx lists and import templates (and, later, .docx and .pdf)."""

"""The periodic reports: builders that read the data (award figures through
`tdkt.reports.stats`) and write a .docx in the administrative format (`tdkt.documents.docx`) or a
workbook (`tdkt.documents.xlsx`). `catalogue.make` is the one entry point."""

"""Bulk listing from a spreadsheet: a seller's products, variants and stock from one XLSX or CSV file.

reading (bytes → cells, row limit, file-level refusals) → checking (cells → a plan or row-numbered
errors, nothing written) → writing (the plan, in one transaction) → tasks (the Celery job).
"""

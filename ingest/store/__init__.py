"""The database: records, raw pages, failures, runs and the near-duplicate index on
SQLite or PostgreSQL, the run lock, site chrome statistics, and export.
"""

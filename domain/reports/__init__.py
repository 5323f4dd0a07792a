"""Reports, pure: a report's contents and CBS open-data tables."""

"""Reports: the progress report, its charts and delivery, the coordinator's overview, indicators compared."""

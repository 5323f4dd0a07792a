"""Database-facing services: loading, exporting and querying the register."""

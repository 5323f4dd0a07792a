"""SQLModel tables, settings and the database session."""

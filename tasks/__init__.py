"""Prefect tasks: thin wrappers with retries, caching and logging around one plain function."""

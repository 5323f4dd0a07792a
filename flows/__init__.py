"""Prefect flows: one flow per module, thin; they put tasks in order."""

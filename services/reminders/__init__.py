"""Reminders: the daily check's facts, the simulation and the status of the programmes."""

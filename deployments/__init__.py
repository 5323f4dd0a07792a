"""Deployments: when and where flows run (schedules in Europe/Amsterdam)."""

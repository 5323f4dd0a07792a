"""Channel helpers for importers outside the outbox (diagnosis, loading); sending is the outbox's."""

from services.outbox.channels import email_address, hide_secrets

__all__ = ["email_address", "hide_secrets"]

"""``python -m deployments``: serve the service's deployments."""

from deployments import serve

serve()

"""The `regie` command."""

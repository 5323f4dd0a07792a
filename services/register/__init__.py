"""The register: reading, checking, loading and exporting register files, and its history."""

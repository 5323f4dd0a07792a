"""The register contract, pure: the models, their Dutch errors, YAML with line numbers, value checks."""

"""The document importer: a programme document becomes a draft register."""

"""The progress report: its model and parser, its JSON Schema, date hints and evidence placeholders."""

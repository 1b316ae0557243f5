"""Reading inputs: files, sheets, headers, cells -> models and Problems."""

"""The command line: Typer apps, rendering, exit codes and the process-wide settings of a run."""

from needscli.cli.app import app, main

__all__ = ["app", "main"]

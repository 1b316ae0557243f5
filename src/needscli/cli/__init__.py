"""The command line: Typer apps, rendering, exit codes and the process-wide settings of a run.

main, the console entry point, imports the command line (needscli.cli.app, a few tenths of a second of modules)
only when called, so that a Ctrl-C while they load is said as in a command, not as a traceback."""

import signal

__all__ = ["main"]


def main() -> None:
    """Console entry point: the command line run, no traceback ever reaching the user. A Ctrl-C while its modules
    load (a command started and stopped at once) is said as a command that wrote nothing says it: exit 130."""
    try:
        from needscli.cli.app import main as run
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # one message, however often it is pressed while it is said
        from needscli.cli.app import stopped_while_loading

        stopped_while_loading()
    run()

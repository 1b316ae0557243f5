"""Start-up checks that the XML stack refuses entity attacks."""

from __future__ import annotations

import importlib.util
import os

from .errors import NeedsError


def check_xml_stack() -> None:
    """openpyxl must parse through defusedxml: it does when defusedxml is installed and not switched off.

    Checked the way openpyxl decides it (openpyxl.xml.DEFUSEDXML), without importing openpyxl,
    which would cost a third of a second on every run.
    """
    if importlib.util.find_spec("openpyxl") is None:  # openpyxl absent: nothing parses XML through it
        return
    switched_off = os.environ.get("OPENPYXL_DEFUSEDXML", "True") != "True"
    if switched_off or importlib.util.find_spec("defusedxml") is None:
        raise NeedsError("openpyxl is not using defusedxml, so untrusted workbooks are unsafe to open; "
                         "install defusedxml (pip install defusedxml) and unset OPENPYXL_DEFUSEDXML, "
                         "then run again")

"""Start-up checks that the XML stack refuses entity attacks."""

from __future__ import annotations

from .errors import NeedsError


def check_xml_stack() -> None:
    """openpyxl must parse through defusedxml (it does when defusedxml is installed)."""
    try:
        from openpyxl import xml as openpyxl_xml
    except ImportError:  # openpyxl absent: nothing parses XML through it
        return
    if not getattr(openpyxl_xml, "DEFUSEDXML", False):
        raise NeedsError("openpyxl is not using defusedxml, so untrusted workbooks are unsafe to open; "
                         "install defusedxml (pip install defusedxml) and run again")

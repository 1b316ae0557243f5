"""The --pseudonymize key: from a file or the environment, never written anywhere."""

from __future__ import annotations

import os
from pathlib import Path

from needscli.errors import NeedsError

KEY_ENV = "NEEDSCLI_PSEUDONYM_KEY"
MIN_KEY_BYTES = 16


def read_key(key_file: Path | None) -> bytes:
    """The key from a file, else from the environment; never written anywhere."""
    if key_file is not None:
        try:
            key = key_file.read_bytes().strip()
        except OSError:
            raise NeedsError(f"{key_file.name}: the pseudonym key file cannot be read") from None
    else:
        key = os.environ.get(KEY_ENV, "").encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise NeedsError(f"--pseudonymize needs a key of at least {MIN_KEY_BYTES} bytes: "
                         f"give --pseudonym-key FILE or set {KEY_ENV}")
    return key

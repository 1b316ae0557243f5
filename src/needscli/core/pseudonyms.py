"""--pseudonymize: stable keyed tokens (HMAC-SHA256) in place of ids and names in every output."""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from needscli.errors import NeedsError
from needscli.models import Cadre

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


def token(key: bytes, kind: str, value: str) -> str:
    """'ID-3f2a...' / 'NM-9c1b...': the same value and key always give the same token."""
    digest = hmac.new(key, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind.upper()}-{digest[:16]}"


def pseudonymize(cadres: list[Cadre], key: bytes) -> None:
    """Replace ids and names in place, before any need or output is derived from them."""
    for cadre in cadres:
        cadre.id = token(key, "id", cadre.id)
        cadre.name = token(key, "nm", cadre.name)

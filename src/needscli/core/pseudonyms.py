"""--pseudonymize: stable keyed tokens (HMAC-SHA256) in place of ids and names in every output."""

from __future__ import annotations

import hashlib
import hmac

from needscli.models import Cadre


def token(key: bytes, kind: str, value: str) -> str:
    """'ID-3f2a...' / 'NM-9c1b...': the same value and key always give the same token."""
    digest = hmac.new(key, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind.upper()}-{digest[:16]}"


def pseudonymize(cadres: list[Cadre], key: bytes) -> list[Cadre]:
    """Copies of the cadres with ids and names replaced, before any need or output is derived from them."""
    return [c.model_copy(update={"id": token(key, "id", c.id), "name": token(key, "nm", c.name)})
            for c in cadres]

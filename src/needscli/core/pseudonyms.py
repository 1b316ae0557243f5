"""--pseudonymize: stable keyed tokens (HMAC-SHA256) in place of ids and names in every output.

Applied once, to the roster's cadres and to every record the joined inputs (the ledger) keyed by a
cadre's id, before any need, class or output is derived from them: nothing that leaves the run
can carry an original id or name, and nothing ties a token back to one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from typing import NamedTuple

from needscli.models import Cadre, LedgerDiff
from needscli.text import clean


def token(key: bytes, kind: str, value: str) -> str:
    """'ID-3f2a...' / 'NM-9c1b...': the same value and key always give the same token."""
    digest = hmac.new(key, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()
    return f"{kind.upper()}-{digest[:16]}"


def tokened_name(name: str) -> str:
    """The name a token is made of, as clean() gives it: 王　伟 (a two-character name padded with a full-width space,
    kept so) as 王 伟, as it was before names kept their full-width spaces. Names compared across runs, pseudonymized
    or not, are compared so (reports.rollup)."""
    return clean(name)


def name_token(key: bytes, name: str) -> str:
    """A name's token, made of tokened_name(name)."""
    return token(key, "nm", tokened_name(name))


def pseudonymize(cadres: list[Cadre], key: bytes) -> list[Cadre]:
    """Copies of the cadres with ids and names replaced, before any need or output is derived from them."""
    return [c.model_copy(update={"id": token(key, "id", c.id), "name": name_token(key, c.name)})
            for c in cadres]


class Joined(NamedTuple):
    """The inputs once joined, keyed by a cadre's id: the roster's cadres and the ledger's differences."""

    cadres: list[Cadre]
    ledger_diffs: list[LedgerDiff]


def pseudonymize_joined(joined: Joined, key: bytes) -> Joined:
    """The joined inputs with every id and name a token: the cadres and each ledger difference's cadre."""
    return Joined(pseudonymize(joined.cadres, key),
                  [dataclasses.replace(d, cadre_id=token(key, "id", d.cadre_id)) for d in joined.ledger_diffs])

"""--pseudonymize on the joined inputs: a cadre and its ledger differences under one token, no original left."""

from __future__ import annotations

from builders import make_cadre

from needscli.core.pseudonyms import Joined, pseudonymize_joined, token
from needscli.models import LedgerDiff

KEY = b"k3y-for-tests-0123456789"


def joined() -> Joined:
    cadres = [make_cadre("110105194912310021", name="测试张三"), make_cadre("C2", name="测试李四")]
    diffs = [LedgerDiff("110105194912310021", "hours_year", "20", "36", "56"),
             LedgerDiff("C2", "completed", "党性教育 2025-06-01", "党性教育 2026-03-07", "党性教育 2026-03-07")]
    return Joined(cadres, diffs)


def test_a_cadre_and_its_ledger_differences_share_one_token() -> None:
    done = pseudonymize_joined(joined(), KEY)
    assert [c.id for c in done.cadres] == [d.cadre_id for d in done.ledger_diffs]
    assert [c.id for c in done.cadres] == [token(KEY, "id", "110105194912310021"), token(KEY, "id", "C2")]
    assert [c.name for c in done.cadres] == [token(KEY, "nm", "测试张三"), token(KEY, "nm", "测试李四")]
    # the figures stay: only who they belong to is hidden
    assert [(d.field, d.roster, d.ledger, d.used) for d in done.ledger_diffs] == [
        (d.field, d.roster, d.ledger, d.used) for d in joined().ledger_diffs]


def test_no_original_id_or_name_is_left() -> None:
    text = repr(pseudonymize_joined(joined(), KEY))
    assert [w for w in ("110105194912310021", "'C2'", "测试张三", "测试李四") if w in text] == []


def test_the_same_key_gives_the_same_tokens_and_another_key_others() -> None:
    first, again = pseudonymize_joined(joined(), KEY), pseudonymize_joined(joined(), KEY)
    other = pseudonymize_joined(joined(), b"another-key-9876543210")
    assert first == again
    assert {c.id for c in first.cadres}.isdisjoint({c.id for c in other.cadres})

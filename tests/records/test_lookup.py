"""records show's cadre: by id in the ledger or on the roster, else by name on the roster, as explain finds one."""

from __future__ import annotations

import datetime as dt

from builders import add_records, hand_record, make_cadre

from needscli.records.lookup import Candidate, find_cadre
from needscli.records.store import Ledger

ID_X = "11010119900101123x"


def test_an_id_or_a_name_finds_the_cadre(ledger: Ledger) -> None:
    add_records(ledger, hand_record(ID_X, dt.date(2026, 5, 1), 8), hand_record("C9", dt.date(2026, 5, 1), 8))
    roster = [make_cadre(ID_X.upper(), name="李　华"), make_cadre("C2", name="王建国")]
    # the roster writes X, the ledger x: the ledger's spelling, the roster's cadre
    for asked in (ID_X.upper(), ID_X, "李华", "李　华", "李 华"):
        found = find_cadre(ledger, asked, roster)
        assert (found.cadre_id, found.cadre) == (ID_X, roster[0]), asked
    assert find_cadre(ledger, "王建国", roster).cadre_id == "C2"  # on the roster, nothing in the ledger
    assert find_cadre(ledger, "Ｃ９", roster).cadre_id == "C9"  # in the ledger alone, typed full-width
    assert find_cadre(ledger, "C9").cadre_id == "C9"


def test_a_name_several_share_or_nobody_has_is_not_found(ledger: Ledger) -> None:
    roster = [make_cadre("C1", name="张敏"), make_cadre("C2", name="张　敏"), make_cadre("C3", name="刘洋")]
    # the padding is typesetting (as explain reads it): 张敏 and 张　敏 are namesakes, however either is asked for
    for asked in ("张敏", "张　敏", "张 敏"):
        padded = find_cadre(ledger, asked, roster)
        assert (padded.cadre_id, padded.several, padded.candidates) == (
            None, True, [Candidate("C1", "张敏"), Candidate("C2", "张　敏")]), asked
    twice = [make_cadre("C1", name="张敏"), make_cadre("C2", name="张敏")]
    both = find_cadre(ledger, "张敏", twice)
    assert (both.cadre_id, both.several, both.candidates) == (None, True, [Candidate("C1", "张敏"), Candidate("C2", "张敏")])
    nobody = find_cadre(ledger, "刘阳", roster)
    assert (nobody.cadre_id, nobody.several, nobody.candidates) == (None, False, [Candidate("C3", "刘洋")])
    assert find_cadre(ledger, "李华").cadre_id is None  # no roster: a name names nobody

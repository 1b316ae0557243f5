"""Obligations: appointment, initial, rotation and the Art. 14 hours standards, with deadline and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from builders import make_cadre

from needscli.config import Config
from needscli.core.hours import add_months, cycle_end
from needscli.core.needs import NeedsEngine, NeedsResult, find_needs
from needscli.core.obligations import Obligation
from needscli.io.catalog_file import build_catalog
from needscli.io.rules_file import load_rules
from needscli.models import Cadre, Completion, Need, Priority

AS_OF = dt.date(2026, 11, 1)


def run(cadres: Iterable[Cadre], *, config: Config | None = None, priorities: Iterable[Priority] = (),
        explain: set[str] | None = None, lang: str = "zh", as_of: dt.date = AS_OF) -> NeedsResult:
    config = config or Config()
    catalog = build_catalog([], config.needs.match_cutoff)
    engine = NeedsEngine(config, catalog, load_rules(catalog, config).rules, [], list(priorities), as_of, lang)
    return find_needs(list(cadres), engine, explain)


def needs_of(result: NeedsResult, cadre_id: str) -> list[Need]:
    return [n for n in result.needs if n.cadre_id == cadre_id]


def obligation(result: NeedsResult, cadre_id: str, kind: str) -> list[Obligation]:
    return [o for o in result.obligations if o.cadre_id == cadre_id and o.kind == kind]


# --- appointment ------------------------------------------------------------------------------------

def test_a_leader_18_months_in_post_without_appointment_training_is_overdue_and_ranks_first() -> None:
    leader = make_cadre("L", level="县处级副职", appointed=dt.date(2025, 5, 1), hours_five_year=600.0,
                        wishes=["公文写作"], category="领导干部")
    result = run([leader], priorities=[Priority(id="P1", topic="应急管理", priority=5)])
    needs = needs_of(result, "L")
    first = needs[0]
    assert (first.topic_id, first.source, first.status) == ("appointment-county", "obligation", "overdue")
    assert first.deadline == dt.date(2026, 5, 1)
    assert first.reasons[0].text.endswith("，已逾期 6 个月")
    discretionary = [n for n in needs if n.source != "obligation"]
    assert discretionary and all(first.priority > n.priority for n in discretionary)
    (held,) = obligation(result, "L", "appointment")
    assert (held.status, held.overdue_months, held.deadline) == ("overdue", 6, dt.date(2026, 5, 1))


def test_appointment_training_done_within_a_year_before_the_post_counts() -> None:
    before = make_cadre("B", level="乡科级副职", appointed=dt.date(2026, 1, 1),
                        completed=[Completion(topic="乡科级任职培训", date=dt.date(2025, 6, 1))])
    stale = make_cadre("S", level="乡科级副职", appointed=dt.date(2026, 1, 1),
                       completed=[Completion(topic="乡科级任职培训", date=dt.date(2023, 6, 1))])
    result = run([before, stale])
    assert [o.status for o in obligation(result, "B", "appointment")] == ["met"]
    assert [o.status for o in obligation(result, "S", "appointment")] == ["due"]


def test_a_lower_bands_appointment_course_does_not_meet_a_higher_bands() -> None:
    """A 县处级 deputy whose only appointment course is the 15-day 乡科级任职培训 of his last post owes the 30-day county
    course (县处级 and 乡科级 appointees never share one); a county course meets a township post's; a course of no band
    (任职培训, its level not said) meets either."""
    cadres = [
        make_cadre("C", level="县处级副职", appointed=dt.date(2026, 6, 1),
                   completed=[Completion(topic="乡科级任职培训", date=dt.date(2025, 9, 1))]),
        make_cadre("T", level="乡科级副职", appointed=dt.date(2026, 6, 1),
                   completed=[Completion(topic="县处级任职培训", date=dt.date(2025, 9, 1))]),
        make_cadre("G", level="县处级副职", appointed=dt.date(2026, 6, 1),
                   completed=[Completion(topic="任职培训", date=dt.date(2026, 7, 1))]),
    ]
    result = run(cadres)
    (owed,) = obligation(result, "C", "appointment")
    assert (owed.topic_id, owed.status, owed.deadline) == ("appointment-county", "due", dt.date(2027, 6, 1))
    assert "appointment-county" in [n.topic_id for n in needs_of(result, "C")]
    assert [o.status for o in obligation(result, "T", "appointment")] == ["met"]
    assert [o.status for o in obligation(result, "G", "appointment")] == ["met"]


def test_appointment_bands_and_durations_come_from_the_config() -> None:
    config = Config.model_validate({"obligations": {
        "appointment_months": 6,
        "appointment_bands": [{"topic": "appointment-training", "tiers": ["县处级", "乡科级"], "days": 20}]}})
    result = run([make_cadre("L", level="乡科级正职", appointed=dt.date(2026, 4, 1))], config=config)
    (held,) = obligation(result, "L", "appointment")
    assert (held.topic_id, held.status, held.deadline) == ("appointment-training", "overdue", dt.date(2026, 10, 1))


def test_an_appointment_need_is_as_long_as_its_bands_course_in_the_config() -> None:
    # 20 and 10 days where the catalog's topics are 180 and 90 hours (30 and 15 days): the need asks for the band's
    config = Config.model_validate({"obligations": {"appointment_bands": [
        {"topic": "appointment-county", "tiers": ["省部级", "厅局级", "县处级"], "days": 20},
        {"topic": "appointment-township", "tiers": ["乡科级", "企业"], "days": 10}]}})
    cadres = [make_cadre("C", level="县处级副职", appointed=dt.date(2026, 4, 1), hours_five_year=600.0),
              make_cadre("T", level="乡科级副职", appointed=dt.date(2026, 4, 1), hours_year=90.0)]
    needs = run(cadres, config=config).needs
    assert [(n.cadre_id, n.topic_id, n.hours) for n in needs if n.training_type == "appointment"] == [
        ("C", "appointment-county", 120.0), ("T", "appointment-township", 60.0)]
    assert {n.cadre_id: n.reasons[0].text.endswith("不少于 20 天" if n.cadre_id == "C" else "不少于 10 天")
            for n in needs if n.training_type == "appointment"} == {"C": True, "T": True}


def test_a_leader_with_no_appointment_date_is_unknown_not_silent() -> None:
    result = run([make_cadre("L", level="县处级正职")])
    (held,) = obligation(result, "L", "appointment")
    assert (held.status, held.missing) == ("unknown", ("appointed",))
    assert not [n for n in needs_of(result, "L") if n.topic_id == "appointment-county"]


def test_a_leader_past_the_window_is_said_unchecked_among_the_rules_that_did_not_fire() -> None:
    """钱志明, 党委书记 since 2023.03 with no 任职培训 on record: his post is older than obligations.window_months, so
    no appointment obligation is found, and explain says so (and why) where it lists what did not apply."""
    old = make_cadre("Q", level="乡科级正职", post="党委书记", appointed=dt.date(2023, 3, 1))
    recent = make_cadre("R", level="乡科级正职", post="党委书记", appointed=dt.date(2024, 3, 1))
    staff = make_cadre("S", appointed=dt.date(2020, 3, 1))  # a non-leading post has no appointment training
    result = run([old, recent, staff], explain={"Q", "R", "S"})
    assert obligation(result, "Q", "appointment") == []
    unchecked = [s for s in result.not_fired["Q"] if s.rule_id.startswith("obligation:")]
    assert [(s.rule_id, s.name, s.failed) for s in unchecked] == [("obligation:appointment", "任职培训", [
        "任现职时间 2023-03-01，已超过 36 个月的补训期限（obligations.window_months），不再检查任职培训"])]
    assert [o.status for o in obligation(result, "R", "appointment")] == ["overdue"]
    for cadre_id in ("R", "S"):
        assert not [s for s in result.not_fired[cadre_id] if s.rule_id.startswith("obligation:")]
    wider = Config.model_validate({"obligations": {"window_months": 48}})
    assert [o.status for o in obligation(run([old], config=wider), "Q", "appointment")] == ["overdue"]
    english = run([old], explain={"Q"}, lang="en").not_fired["Q"][0]
    assert (english.name, english.failed) == ("Appointment training", [
        "Appointed to current post 2023-03-01: more than 36 months ago, past the window in which appointment "
        "training is checked (obligations.window_months)"])


def test_an_entry_past_the_window_or_after_the_as_of_date_is_said_unchecked() -> None:
    old = make_cadre("O", recorded=dt.date(2019, 8, 1))
    later = make_cadre("L", recorded=dt.date(2027, 1, 1))
    by_entry = make_cadre("E", entry_date=dt.date(2018, 8, 1))  # 参加工作时间 stands in for a non-leading post
    result = run([old, later, by_entry], explain={"O", "L", "E"})
    said = {cadre_id: [(s.rule_id, s.failed) for s in result.not_fired[cadre_id] if s.rule_id.startswith("obligation:")]
            for cadre_id in ("O", "L", "E")}
    assert said == {
        "O": [("obligation:initial", ["录用时间 2019-08-01，已超过 36 个月的补训期限（obligations.window_months），不再检查初任培训"])],
        "L": [("obligation:initial", ["录用时间 2027-01-01 晚于分析基准日 2026-11-01，试用期尚未开始，不检查初任培训"])],
        "E": [("obligation:initial", ["参加工作时间 2018-08-01，已超过 36 个月的补训期限（obligations.window_months），"
                                      "不再检查初任培训"])]}
    assert all(obligation(result, cadre_id, "initial") == [] for cadre_id in ("O", "L", "E"))
    english = run([old], explain={"O"}, lang="en").not_fired["O"][0].failed
    assert english == ["Civil service entry 2019-08-01: more than 36 months ago, past the window in which initial "
                       "training is checked (obligations.window_months)"]


# --- initial ----------------------------------------------------------------------------------------

def test_a_probationer_not_yet_graded_has_initial_training_and_the_staff_hours_standard() -> None:
    recruit = make_cadre("P", level="试用期人员", recorded=dt.date(2026, 8, 1), hours_year=12.0)
    result = run([recruit])
    (held,) = obligation(result, "P", "initial")
    assert (held.status, held.deadline) == ("due", dt.date(2027, 8, 1))
    assert result.compliance[0].standing.standard == "annual"
    assert result.compliance[0].standing.required == Config().hours.annual_required
    assert obligation(result, "P", "appointment") == []

def test_a_bureau_chief_who_entered_in_1990_gets_no_initial_training() -> None:
    chief = make_cadre("J", level="厅局级正职", post="局长", entry_date=dt.date(1990, 7, 1))
    recorded = make_cadre("R", level="厅局级正职", post="局长", recorded=dt.date(1990, 7, 1))
    result = run([chief, recorded])
    for cadre_id in ("J", "R"):
        assert "initial-training" not in {n.topic_id for n in needs_of(result, cadre_id)}
        assert obligation(result, cadre_id, "initial") == []


def test_initial_training_is_keyed_on_the_civil_service_entry_date() -> None:
    # came from an enterprise: first job in 2012, recorded as a civil servant in March 2026
    moved = make_cadre("M", entry_date=dt.date(2012, 7, 1), recorded=dt.date(2026, 3, 1))
    # a leading post has no fallback on 参加工作时间
    leader = make_cadre("L", level="乡科级副职", entry_date=dt.date(2026, 3, 1), appointed=dt.date(2026, 3, 1))
    result = run([moved, leader])
    (held,) = obligation(result, "M", "initial")
    assert (held.status, held.deadline) == ("due", dt.date(2027, 3, 1))
    need = next(n for n in needs_of(result, "M") if n.topic_id == "initial-training")
    assert need.reasons[0].text.startswith("初任培训：录用时间 2026-03-01")
    assert obligation(result, "L", "initial") == []


def test_an_enterprises_new_hire_owes_no_initial_training() -> None:
    """初任培训 is for new civil servants: a state enterprise's 一般管理人员 hired in March (tier 企业) has no civil-service
    probation, and was given initial training, overdue, from 参加工作时间."""
    hire = make_cadre("H", level="一般管理人员", post="管理培训生", entry_date=dt.date(2026, 3, 1))
    result = run([hire], explain={"H"})
    assert obligation(result, "H", "initial") == []
    assert "initial-training" not in {n.topic_id for n in needs_of(result, "H")}
    said = [s.failed for s in result.not_fired["H"] if s.rule_id == "obligation:initial"]
    assert said == [["层级「企业」的人员不是新录用公务员，不检查初任培训（obligations.initial_exempt_tiers）"]]
    # a locality whose enterprise staff are recorded as civil servants may say so
    every = Config.model_validate({"obligations": {"initial_exempt_tiers": []}})
    (held,) = obligation(run([hire], config=every), "H", "initial")
    assert held.deadline == dt.date(2027, 3, 1)


def test_initial_training_past_probation_is_overdue() -> None:
    result = run([make_cadre("N", recorded=dt.date(2025, 6, 15))])
    (held,) = obligation(result, "N", "initial")
    assert (held.status, held.deadline, held.overdue_months) == ("overdue", dt.date(2026, 6, 15), 4)
    done = run([make_cadre("D", recorded=dt.date(2025, 6, 15),
                           completed=[Completion(topic="初任培训", date=dt.date(2025, 9, 30))])])
    assert [o.status for o in obligation(done, "D", "initial")] == ["met"]


def test_initial_training_before_the_civil_service_entry_does_not_meet_it() -> None:
    """The probation starts on entry (录用时间): a 初任培训 of the September before a May entry was no new civil
    servant's, and the reason names it; the appointment course's year before the post is no grace here."""
    early = [Completion(topic="初任培训", date=dt.date(2025, 9, 1))]
    recruit = make_cadre("N", recorded=dt.date(2026, 5, 1), completed=early)
    on_entry = make_cadre("E", recorded=dt.date(2026, 5, 1),
                          completed=[Completion(topic="初任培训", date=dt.date(2026, 5, 1))])
    # a course of the entry's month, written as the month alone (read as its first day), for an entry of 05-20
    same_month = make_cadre("M", recorded=dt.date(2026, 5, 20),
                            completed=[Completion(topic="初任培训", date=dt.date(2026, 5, 1))])
    result = run([recruit, on_entry, same_month])
    assert [o.status for o in obligation(result, "M", "initial")] == ["met"]
    (held,) = obligation(result, "N", "initial")
    assert (held.status, held.deadline) == ("due", dt.date(2027, 5, 1))
    need = next(n for n in needs_of(result, "N") if n.topic_id == "initial-training")
    assert need.reasons[0].text == ("初任培训：录用时间 2026-05-01，须在 12 个月试用期内（2027-05-01 前）完成；"
                                    "记录中的初任培训（2025-09-01）早于录用时间，不计入")
    assert [o.status for o in obligation(result, "E", "initial")] == ["met"]
    english = run([recruit], lang="en")
    (said,) = [n.reasons[0].text for n in needs_of(english, "N") if n.topic_id == "initial-training"]
    assert said.endswith("; the initial training on record (2025-09-01) predates the civil service entry and does "
                         "not count")


# --- hours (Art. 14) --------------------------------------------------------------------------------

def test_twelve_party_school_days_meet_the_annual_standard() -> None:
    result = run([make_cadre("D", hours_year=72.0, days_year=12.0), make_cadre("H", hours_year=72.0)])
    assert [o.status for o in obligation(result, "D", "hours")] == ["met"]
    assert result.compliance[0].standing.deficit == 0.0
    assert "hours-top-up" not in {n.topic_id for n in needs_of(result, "D")}
    # the same 72 hours without the days on record are 18 short
    assert result.compliance[1].standing.deficit == 18.0


def test_days_short_state_the_shortfall_as_the_smaller_of_days_and_hours() -> None:
    result = run([make_cadre("D", hours_year=30.0, days_year=10.0)])
    # 60 h short by hours, 2 days (12 h at 6 a day) short by days
    assert result.compliance[0].standing.deficit == 12.0


def test_online_hours_do_not_close_a_concentrated_deficit_but_meet_the_online_duty() -> None:
    cadre = make_cadre("O", hours_year=8.0, online_hours_year=100.0)
    result = run([cadre])
    standing = result.compliance[0].standing
    assert (standing.done, standing.deficit, standing.online_deficit) == (8.0, 82.0, 0.0)
    assert [o.status for o in obligation(result, "O", "hours")] == ["due"]
    assert [o.status for o in obligation(result, "O", "online")] == ["met"]
    counted = run([cadre], config=Config.model_validate({"hours": {"online_counts_toward_concentrated": True}}))
    assert [o.status for o in obligation(counted, "O", "hours")] == ["met"]


def test_the_online_duty_is_its_own_and_unknown_when_not_reported() -> None:
    result = run([make_cadre("S", hours_year=95.0, online_hours_year=20.0), make_cadre("U", hours_year=95.0)])
    assert [(o.status, o.deadline) for o in obligation(result, "S", "online")] == [("due", dt.date(2026, 12, 31))]
    assert [(o.status, o.missing) for o in obligation(result, "U", "online")] == [("unknown", ("online_hours_year",))]
    assert result.compliance[0].standing.online_deficit == 30.0


def test_a_promoted_cadre_short_of_550_hours_is_due_one_grace_period_after_promotion() -> None:
    promoted = make_cadre("P", level="县处级副职", appointed=dt.date(2026, 3, 15), hours_five_year=400.0,
                          completed=[Completion(topic="县处级以上任职培训", date=dt.date(2026, 4, 1))])
    late = make_cadre("Q", level="县处级副职", appointed=dt.date(2025, 4, 1), hours_five_year=400.0,
                      completed=[Completion(topic="县处级以上任职培训", date=dt.date(2025, 6, 1))])
    settled = make_cadre("S", level="县处级副职", appointed=dt.date(2019, 4, 1), hours_five_year=400.0)
    rank = make_cadre("R", level="四级调研员", appointed=dt.date(2026, 3, 15), hours_five_year=400.0)
    result = run([promoted, late, settled, rank])
    assert [(o.status, o.deadline) for o in obligation(result, "P", "hours")] == [("due", dt.date(2027, 3, 15))]
    assert [(o.status, o.deadline) for o in obligation(result, "Q", "hours")] == [("overdue", dt.date(2026, 4, 1))]
    # promoted before this cycle, or to a rank that is no leading post: the cycle's end
    assert [o.deadline for o in obligation(result, "S", "hours")] == [dt.date(2027, 12, 31)]
    assert [o.deadline for o in obligation(result, "R", "hours")] == [dt.date(2027, 12, 31)]
    need = next(n for n in needs_of(result, "Q") if n.topic_id == "hours-top-up")
    assert (need.source, need.status, need.hours) == ("obligation", "overdue", 150.0)


def test_the_grace_period_comes_from_the_config() -> None:
    config = Config.model_validate({"hours": {"promotion_grace_months": 24}})
    result = run([make_cadre("Q", level="县处级正职", appointed=dt.date(2025, 4, 1), hours_five_year=400.0)],
                 config=config)
    assert [(o.status, o.deadline) for o in obligation(result, "Q", "hours")] == [("due", dt.date(2027, 4, 1))]


def test_blank_hours_are_unknown_compliance() -> None:
    result = run([make_cadre("B", level="县处级副职", hours_year=40.0)])
    (held,) = obligation(result, "B", "hours")
    assert (held.status, held.missing) == ("unknown", ("hours_five_year",))
    assert "hours-top-up" not in {n.topic_id for n in needs_of(result, "B")}


def test_cycles_and_months() -> None:
    config = Config()
    assert cycle_end(dt.date(2026, 11, 1), config.hours) == dt.date(2027, 12, 31)
    assert cycle_end(dt.date(2028, 1, 1), config.hours) == dt.date(2032, 12, 31)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 3, 31), -13) == dt.date(2025, 2, 28)


# --- rotation on central decisions ----------------------------------------------------------------

def test_a_central_decision_priority_ranks_as_an_obligation_whatever_its_number() -> None:
    central = Priority(id="P1", topic="学习贯彻党的二十届四中全会精神", source_kind="中央重大决策部署", priority=1,
                       deadline=dt.date(2027, 3, 31))
    reform = Priority(id="P2", topic="营商环境优化", source_kind="改革难点问题", priority=5)
    result = run([make_cadre("C", hours_year=95.0)], priorities=[central, reform])
    needs = needs_of(result, "C")
    rotation = needs[0]
    assert (rotation.source, rotation.status, rotation.deadline) == ("obligation", "due", dt.date(2027, 3, 31))
    reform_need = next(n for n in needs if n.rule_ids == ["priority:P2"])
    assert reform_need.source == "organizational" and rotation.priority > reform_need.priority
    assert [(o.kind, o.status, o.source_id) for o in obligation(result, "C", "rotation")] == [
        ("rotation", "due", "P1")]


def test_a_rotation_past_its_deadline_is_overdue_and_one_done_is_met() -> None:
    central = Priority(id="P1", topic="学习贯彻党的二十届四中全会精神", source_kind="中央重大决策部署",
                       deadline=dt.date(2026, 9, 30))
    done = make_cadre("D", completed=[Completion(topic="学习贯彻党的二十届四中全会精神", date=dt.date(2026, 9, 1))])
    result = run([make_cadre("C"), done], priorities=[central])
    (late,) = obligation(result, "C", "rotation")
    assert (late.status, late.overdue_months) == ("overdue", 1)
    assert [o.status for o in obligation(result, "D", "rotation")] == ["met"]
    assert not [n for n in needs_of(result, "D") if n.rule_ids == ["priority:P1"]]


def test_a_rotation_is_one_round_met_by_a_record_of_it_whatever_the_as_of_date() -> None:
    """A rotation due 2027-03-31 is met by a record within its topic's validity (1 year, a topic made from the priority)
    back from the deadline, or after it, late; the same at every as-of date. A record of 2026-06 read met in November
    and overdue the July after, as a record of 2025-12 read met, then due: both were counted back from the as-of date.
    A record after the as-of date is not done by then (LATE, 2027-05-01, meets it as of July only)."""
    central = Priority(id="P1", topic="学习贯彻党的二十届四中全会精神", source_kind="中央重大决策部署",
                       deadline=dt.date(2027, 3, 31))

    def attended(cadre_id: str, day: dt.date) -> Cadre:
        return make_cadre(cadre_id, completed=[Completion(topic="学习贯彻党的二十届四中全会精神", date=day)])

    cadres = [attended("IN", dt.date(2026, 6, 1)), attended("EARLY", dt.date(2025, 12, 1)),
              attended("LATE", dt.date(2027, 5, 1))]
    for as_of, late in ((dt.date(2026, 11, 1), False), (dt.date(2027, 1, 15), False), (dt.date(2027, 7, 15), True)):
        result = run(cadres, priorities=[central], as_of=as_of)
        statuses = {c.id: [o.status for o in obligation(result, c.id, "rotation")] for c in cadres}
        assert statuses == {"IN": ["met"], "EARLY": ["overdue" if late else "due"],
                            "LATE": ["met" if late else "due"]}, as_of
        assert not [n for n in needs_of(result, "IN") if n.rule_ids == ["priority:P1"]]
        (need,) = [n for n in needs_of(result, "EARLY") if n.rule_ids == ["priority:P1"]]
        assert need.reasons[0].text.endswith("；记录中的本专题培训（2025-12-01）早于本轮起点 2026-03-31"
                                             "（专题有效期 1 年，自完成期限倒推），不计入本轮")
    english = run(cadres, priorities=[central], lang="en")
    (need,) = [n for n in needs_of(english, "EARLY") if n.rule_ids == ["priority:P1"]]
    assert need.reasons[0].text.endswith("; the record of this topic (2025-12-01) predates this round's start, "
                                         "2026-03-31 (the topic's 1-year validity counted back from the deadline), "
                                         "and does not count for it")


def test_a_rotation_whose_priority_gives_its_start_is_met_by_a_record_from_that_start() -> None:
    """The 四中全会 of October 2025, its rotation due 2027-03-31 and begun 2025-10-23 (开始时间): a record of 2025-12
    meets it, where the topic's year counted back from the deadline (2026-03-31) left him called to a class he attended;
    a record before the start still does not, its reason naming the start the sheet gave; one after the deadline meets
    it late, as before. The same at every as-of date."""
    central = Priority(id="P01", topic="学习贯彻党的二十届四中全会精神", source_kind="中央重大决策部署",
                       start=dt.date(2025, 10, 23), deadline=dt.date(2027, 3, 31))

    def attended(cadre_id: str, day: dt.date) -> Cadre:
        return make_cadre(cadre_id, completed=[Completion(topic="学习贯彻党的二十届四中全会精神", date=day)])

    cadres = [attended("DEC", dt.date(2025, 12, 1)), attended("ON", dt.date(2025, 10, 23)),
              attended("BEFORE", dt.date(2025, 9, 1)), attended("LATE", dt.date(2027, 5, 1))]
    for as_of, late in ((dt.date(2026, 11, 1), False), (dt.date(2027, 7, 15), True)):
        result = run(cadres, priorities=[central], as_of=as_of)
        statuses = {c.id: [o.status for o in obligation(result, c.id, "rotation")] for c in cadres}
        assert statuses == {"DEC": ["met"], "ON": ["met"], "BEFORE": ["overdue" if late else "due"],
                            "LATE": ["met" if late else "due"]}
        assert not [n for n in needs_of(result, "DEC") if n.rule_ids == ["priority:P01"]]
        (need,) = [n for n in needs_of(result, "BEFORE") if n.rule_ids == ["priority:P01"]]
        assert need.reasons[0].text.endswith("；记录中的本专题培训（2025-09-01）早于本轮起点 2025-10-23"
                                             "（组织需求 P01 的开始时间），不计入本轮")
    english = run(cadres, priorities=[central], lang="en")
    (need,) = [n for n in needs_of(english, "BEFORE") if n.rule_ids == ["priority:P01"]]
    assert need.reasons[0].text.endswith("; the record of this topic (2025-09-01) predates this round's start, "
                                         "2025-10-23 (the start date of priority P01), and does not count for it")


def test_a_record_after_the_as_of_date_meets_no_obligation_and_no_topic_until_that_date() -> None:
    """A course of 2027 on the record of an analysis as of 2026-11-01 is planned, or its year mistyped: it meets
    neither the rotation, the appointment nor the initial training, nor leaves its topic done; as of a day after it,
    it does."""
    central = Priority(id="P1", topic="学习贯彻党的二十届四中全会精神", source_kind="中央重大决策部署",
                       deadline=dt.date(2027, 3, 31))
    cadres = [make_cadre("ROT", level="县处级正职", completed=[
                  Completion(topic="学习贯彻党的二十届四中全会精神", date=dt.date(2027, 3, 1))]),
              make_cadre("APP", level="县处级副职", appointed=dt.date(2026, 3, 1), hours_five_year=600.0,
                         completed=[Completion(topic="县处级以上任职培训", date=dt.date(2027, 2, 1))]),
              make_cadre("INI", level="一级科员", recorded=dt.date(2026, 5, 1),
                         completed=[Completion(topic="初任培训", date=dt.date(2027, 1, 10))]),
              make_cadre("CORE", level="一级科员", completed=[Completion(topic="党性教育", date=dt.date(2027, 1, 10))])]
    for as_of, status in ((AS_OF, "due"), (dt.date(2027, 3, 2), "met")):
        result = run(cadres, priorities=[central], as_of=as_of)
        assert [o.status for o in obligation(result, "ROT", "rotation")] == [status], as_of
        assert [o.status for o in obligation(result, "APP", "appointment")] == [status], as_of
        assert [o.status for o in obligation(result, "INI", "initial")] == [status], as_of
        assert ("party-spirit" in {n.topic_id for n in needs_of(result, "CORE")}) == (status == "due"), as_of


def test_a_start_given_a_priority_that_is_no_rotation_changes_nothing() -> None:
    """An organizational priority's topic is done within its validity back from the as-of date, start or none."""
    reform = Priority(id="P2", topic="营商环境优化", source_kind="改革难点问题", start=dt.date(2026, 6, 1),
                      deadline=dt.date(2027, 6, 30))
    done = make_cadre("D", completed=[Completion(topic="营商环境优化", date=dt.date(2026, 1, 1))])
    assert not [n for n in needs_of(run([done], priorities=[reform]), "D") if n.rule_ids == ["priority:P2"]]
    assert not obligation(run([done], priorities=[reform]), "D", "rotation")


def test_a_rotation_without_a_deadline_is_the_years_and_met_by_a_record_within_it() -> None:
    central = Priority(id="P1", topic="学习贯彻党的二十届四中全会精神", source_kind="中央重大决策部署")
    this_year = make_cadre("Y", completed=[Completion(topic="学习贯彻党的二十届四中全会精神", date=dt.date(2026, 2, 1))])
    before = make_cadre("B", completed=[Completion(topic="学习贯彻党的二十届四中全会精神", date=dt.date(2025, 11, 1))])
    result = run([this_year, before], priorities=[central])
    assert [(o.status, o.deadline) for o in obligation(result, "Y", "rotation")] == [("met", dt.date(2026, 12, 31))]
    assert [(o.status, o.deadline) for o in obligation(result, "B", "rotation")] == [("due", dt.date(2026, 12, 31))]

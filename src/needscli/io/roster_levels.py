"""A roster's 职级 read against the ladder: what a clerk may write, and the probationer whose 职级 is blank.

A new civil servant is graded (定级) only after initial training, inside the probation counted from 录用时间: until
then a roster writes 试用期, 未定级 ... (the aliases of the ladder's probation level) or leaves 职级 blank. A blank
职级 is read as the probation level only where 录用时间 is within the probation on the as-of date; any other blank
职级 skips its row, as a required cell left empty does.
"""

from __future__ import annotations

import datetime as dt

from needscli.config import Config, Level
from needscli.core.hours import add_months
from needscli.text import fold, strip_parens
from needscli.vocab import level_named

EXAMPLE_LEVELS = ("县处级副职", "一级主任科员")  # the levels a message gives as examples, named in the roster's language
PROBATION_WORDS = 3  # the probation level's name and first aliases a message names


def level_expected(config: Config, lang: str = "zh") -> str:
    """What a 职级 cell should hold, as an unknown or blank one's message says, in the language of the roster's
    headers (lang), as its cells are written: two levels of the ladder (县处级副职 or 一级主任科员; Deputy Division
    Director or Level-1 Principal Staff Member) and the words of its probation level (试用期人员, 试用期 or 未定级;
    its English name and English aliases), where it has one."""
    by_name = {level.name: level for level in config.levels}
    first, second = (level_named(by_name[name], lang) if name in by_name else name for name in EXAMPLE_LEVELS)
    examples = f"a level such as {first} or {second}"
    probation = config.probation_level()
    if probation is None:
        return examples
    words = _probation_words(probation, lang)[:PROBATION_WORDS]
    said = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
    return f"{examples} ({said} for a probationer not yet graded)"


def _probation_words(probation: Level, lang: str) -> list[str]:
    """The words a probationer's 职级 may be written in, in lang: its name and aliases; in English its English name
    and the aliases in Latin letters, each once (Probationer, probation, not yet graded), else its name where it has
    none. A word's bracketed gloss is left out where the word reads as the level without it: Probationer (not yet
    graded) is said Probationer, not nested in the brackets the message gives the words in."""
    if lang != "en":
        return [probation.name, *probation.aliases]
    accepted = {fold(word) for word in [probation.english, *probation.aliases] if word}
    words: dict[str, str] = {}
    for word in [probation.english, *probation.aliases]:
        if word and word.isascii():
            short = strip_parens(word).strip()
            said = short if fold(short) in accepted else word
            words.setdefault(fold(said), said)
    return list(words.values()) or [probation.name]


def probation_level(config: Config, recorded: dt.date | None, as_of: dt.date) -> Level | None:
    """The level a blank 职级 is read as: the ladder's probation level where the civil-service entry (录用时间) is
    on or before as_of and its probation (obligations.probation_months) has not ended; else None."""
    probation = config.probation_level()
    if probation is None or recorded is None:
        return None
    if recorded <= as_of <= add_months(recorded, config.obligations.probation_months):
        return probation
    return None


def probation_note(config: Config, level: Level, header: str, recorded: dt.date, kept: str) -> tuple[str, str]:
    """(what, expected) of the warning on a blank 职级 read as the probation level: the 录用时间 (its header as
    written) that puts the cadre in probation, then that only a probationer's blank 职级 is read so. kept (that the
    row was kept) follows the reading of this row, before the rule of the others: said after the rows skipped, it
    read as if it told of them."""
    months = config.obligations.probation_months
    what = (f"is empty; {header} {recorded.isoformat()} is within the {months}-month probation "
            f"(obligations.probation_months), so the cadre is read as {level.name}, not yet graded{kept}; other rows "
            "with a blank level outside the probation are skipped")
    return what, f"the level once graded, or {level.name} in probation"

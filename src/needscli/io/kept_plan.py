"""The classes of an earlier analyze run, read from its folder to keep as announced (analyze --keep-classes).

The run's classes.parquet gives each class (id, name, topic, type, organizer, band, first day, host) and its
assignments.parquet the members (the needs served in it, a member's core needs one seat). A folder without them
(no run's, or one written without Parquet: --formats csv) is an input that cannot be used (exit 2).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from needscli.errors import NeedsError
from needscli.io.output_folders import SNAPSHOT
from needscli.io.snapshot import arrow
from needscli.io.user_files import read_user_file
from needscli.models import UNASSIGNED, KeptClass

_CLASS_COLUMNS = ("class_id", "name", "topic_id", "training_type", "organizer", "band", "start_date", "end_date",
                  "resource")


def read_kept_classes(folder: Path, lang: str = "zh", pseudonymized: bool | None = None) -> list[KeptClass]:
    """Every dated class of the run whose outputs are in folder, with its members; raises NeedsError where the
    folder holds no run's classes.parquet and assignments.parquet, or they cannot be read, or (pseudonymized given)
    its run was pseudonymized where this one is not, or the other way round: its ids would be no cadre's."""
    pa = arrow()
    pq = pa.parquet
    classes_file, seats_file = folder / "classes.parquet", folder / "assignments.parquet"
    if not classes_file.is_file() or not seats_file.is_file():
        message = (f"{folder}：没有 classes.parquet 和 assignments.parquet；--keep-classes 应给出以前一次 analyze 的输出"
                   "文件夹（写出了 Parquet 文件：--formats 含 parquet，默认即含）" if lang != "en"
                   else f"{folder}: no classes.parquet and assignments.parquet here; --keep-classes takes the output "
                        "folder of an earlier analyze run that wrote its Parquet files (--formats with parquet, as by "
                        "default)")
        raise NeedsError(message, lang=lang)
    _same_kind(folder, lang, pseudonymized)
    try:
        classes, seats = (pq.read_table(pa.py_buffer(read_user_file(f, "table of an earlier run", str(f)))).to_pylist()
                          for f in (classes_file, seats_file))
    except (OSError, pa.ArrowException, ValueError):  # a damaged file: its reader's words are no clerk's
        raise NeedsError(f"{folder}：classes.parquet 或 assignments.parquet 已损坏，无法读取；请重新运行那一次 analyze"
                         if lang != "en" else f"{folder}: classes.parquet or assignments.parquet is damaged and cannot "
                                              "be read; run that analyze again", lang=lang) from None
    missing = [c for c in _CLASS_COLUMNS if classes and c not in classes[0]] + [
        c for c in ("cadre_id", "class_id") if seats and c not in seats[0]]
    if missing:
        raise NeedsError(f"{folder}：classes.parquet 或 assignments.parquet 缺少列 {'、'.join(missing)}：不是 needscli "
                         "写出的，或已被改动；请重新运行那一次 analyze" if lang != "en"
                         else f"{folder}: classes.parquet or assignments.parquet lacks the column(s) "
                              f"{', '.join(missing)}: not as needscli wrote it; run that analyze again", lang=lang)
    members: dict[str, dict[str, None]] = {}
    for seat in seats:
        if seat["class_id"]:
            members.setdefault(str(seat["class_id"]), {})[str(seat["cadre_id"])] = None
    names = _member_names(folder, pa)
    kept = []
    for row in classes:
        start = _day(row["start_date"])
        if start is None or not row["class_id"]:
            continue  # a class without dates was never announced
        cid = str(row["class_id"])
        who = tuple(members.get(cid, {}))
        host = str(row["resource"] or "")
        kept.append(KeptClass(cid, str(row["name"] or ""), str(row["topic_id"]), str(row["training_type"]),
                              str(row["organizer"]), str(row["band"] or ""), start, who,
                              "" if host == UNASSIGNED else host, _day(row["end_date"]),
                              tuple(names.get(c, ("", "")) for c in who)))
    return kept


def _member_names(folder: Path, pa: Any) -> dict[str, tuple[str, str]]:
    """Each cadre's (name, unit) as the earlier run wrote them (its needs.parquet), to name a member no longer on
    the roster; {} where the file is not there or cannot be read."""
    file = folder / "needs.parquet"
    try:
        data = pa.py_buffer(read_user_file(file, "table of an earlier run", str(file)))
        rows = pa.parquet.read_table(data, columns=["cadre_id", "name", "unit"]).to_pylist()
    except (OSError, NeedsError, pa.ArrowException, KeyError, ValueError):
        return {}
    return {str(r["cadre_id"]): (str(r["name"] or ""), str(r["unit"] or "")) for r in rows}


def _day(value: object) -> dt.date | None:
    """A start date as the file holds it: a date, a date and time (written back by pandas), or ISO text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _same_kind(folder: Path, lang: str, pseudonymized: bool | None) -> None:
    """NeedsError where the run in folder was pseudonymized (its analysis.json says) and this one is not, or the
    other way round: its ids and this roster's would never meet."""
    if pseudonymized is None:
        return
    try:
        raw = json.loads(read_user_file(folder / SNAPSHOT, "saved analysis", str(folder / SNAPSHOT)))
    except (OSError, ValueError):
        return  # no analysis.json to tell: the members are matched as they are
    except RecursionError:  # arrays nested thousands deep: no run wrote it
        raise NeedsError(f"{folder / SNAPSHOT}：分析结果文件已损坏（数组嵌套层数过多，无法读取）；请重新运行那一次 analyze"
                         if lang != "en" else f"{folder / SNAPSHOT}: damaged analysis file (nested more deeply than can "
                                              "be read); run that analyze again", lang=lang) from None
    theirs = bool(raw.get("pseudonymized")) if isinstance(raw, dict) else False
    if theirs != pseudonymized:
        said = (("以假名化方式写出（编号为代号）", "没有假名化") if theirs else ("没有假名化", "以假名化方式进行（编号为代号）"))
        raise NeedsError(f"{folder}：那一次运行{said[0]}，本次运行{said[1]}，两者的编号对不上；"
                         "请两次都加或都不加 --pseudonymize（并用同一密钥）" if lang != "en"
                         else f"{folder}: that run was {'' if theirs else 'not '}pseudonymized and this one is"
                              f"{' not' if theirs else ''}: their ids never meet; pseudonymize both runs (with one key) "
                              "or neither", lang=lang)

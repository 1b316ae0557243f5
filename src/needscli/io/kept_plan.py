"""The classes of an earlier analyze run, read from its folder to keep as announced (analyze --keep-classes).

The run's classes.parquet gives each class (id, name, topic, type, organizer, band, first day, host) and its
assignments.parquet the members (the needs served in it, a member's core needs one seat). A folder without them
(no run's, or one written without Parquet: --formats csv) is an input that cannot be used (exit 2).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from needscli.errors import NeedsError
from needscli.io.snapshot import arrow
from needscli.planner.model import KeptClass

_CLASS_COLUMNS = ("class_id", "name", "topic_id", "training_type", "organizer", "band", "start_date", "resource")


def read_kept_classes(folder: Path, lang: str = "zh") -> list[KeptClass]:
    """Every dated class of the run whose outputs are in folder, with its members; raises NeedsError where the
    folder holds no run's classes.parquet and assignments.parquet, or they cannot be read."""
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
    try:
        classes = pq.read_table(classes_file, columns=list(_CLASS_COLUMNS)).to_pylist()
        seats = pq.read_table(seats_file, columns=["cadre_id", "class_id"]).to_pylist()
    except (OSError, pa.ArrowException, KeyError, ValueError) as exc:  # a damaged file, a column missing
        message = (f"{folder}：classes.parquet 或 assignments.parquet 无法读取（{exc}）；请重新运行那一次 analyze" if lang != "en"
                   else f"{folder}: classes.parquet or assignments.parquet cannot be read ({exc}); run that analyze again")
        raise NeedsError(message, lang=lang) from None
    members: dict[str, dict[str, None]] = {}
    for seat in seats:
        if seat["class_id"]:
            members.setdefault(str(seat["class_id"]), {})[str(seat["cadre_id"])] = None
    kept = []
    for row in classes:
        start = row["start_date"]
        if not isinstance(start, dt.date) or not row["class_id"]:
            continue  # a class without dates was never announced
        cid = str(row["class_id"])
        kept.append(KeptClass(cid, str(row["name"] or ""), str(row["topic_id"]), str(row["training_type"]),
                              str(row["organizer"]), str(row["band"] or ""), start, tuple(members.get(cid, {})),
                              str(row["resource"] or "")))
    return kept

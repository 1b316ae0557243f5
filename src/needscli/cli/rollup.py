"""`needscli rollup FOLDER... -o OUT`: the outputs of several analyze runs combined into one summary.

Registered in cli/app.py with: app.command(name="rollup")(rollup_command)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from needscli.cli.options import Lang
from needscli.cli.render import (
    Format,
    err,
    fatal_lang,
    figure,
    handled,
    obligations_table,
    out,
    plain,
    print_json,
    say,
    set_run_lang,
)
from needscli.errors import ExitCode
from needscli.labels import label

# the library is imported when the command runs: --help needs none of it
if TYPE_CHECKING:
    from needscli.reports.rollup import Rollup

TOP_TOPICS = 10  # topics shown on the terminal; the workbook has them all


@handled
def rollup_command(
    runs: Annotated[list[Path], typer.Argument(metavar="FOLDER", help="Output folders of needscli analyze runs (each holds the "
                                                    "analysis.json its run wrote), one per unit, city or province.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FOLDER", help="Folder for rollup.xlsx and the "
                                         "tables.")] = Path("needscli-rollup"),
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language of rollup.xlsx's sheets and headers.",
                                              show_default=Lang.zh.value)] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table for people, json for scripts.")] = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors, warnings "
                                                              "(and --format json output).")] = False,
) -> None:
    """Combine the outputs of several analyze runs into one summary, without collecting any roster.

    \b
    Example: needscli rollup out-city-a out-city-b out-county-c -o province

    Each unit, city or province runs needscli analyze on its own rosters (--pseudonymize or not) and
    sends its output folder. rollup adds up their needs by topic, training type, source and level,
    their obligations and hours compliance by organizer and unit, and recomputes each topic's MWDS
    from the pooled ratings (never an average of the runs' MWDS). It writes rollup.xlsx and the same
    tables as Parquet files (CSV where pyarrow is not installed) into the output folder, all or none,
    never into a run's folder.

    Exit 0 done; 1 done with warnings (runs of different --as-of dates or topic catalogs, a cadre in
    two runs); 2 a folder is no needscli output, or a run is given twice; 3 the outputs could not be
    written.
    """
    from needscli.reports.files import check_output_path, safeguards
    from needscli.reports.rollup import rollup, run_files
    from needscli.reports.rollup_report import write_rollup

    words = lang.value if lang else fatal_lang()  # messages: --lang, else the locale's (errors' language)
    book_lang = lang.value if lang else "zh"
    set_run_lang(words)
    check_output_path(output, words)
    rolled = rollup(runs, lang=words)
    with safeguards([(path, "run") for path in run_files(rolled)], lang=words):
        outputs = write_rollup(rolled, output, book_lang)
    warnings = rolled.warnings(words)
    code = ExitCode.PROBLEMS if warnings else ExitCode.OK
    if fmt is Format.json:
        summary = rollup_json(rolled, outputs, int(code), book_lang)
        print_json({**summary, "warnings": [w.as_dict() for w in warnings]})
    elif not quiet:
        render_rollup(rolled, outputs, book_lang)
    for warning in warnings:
        say(label("rollup.col.warning", words) + ("：" if words == "zh" else ": ") + warning.message, err)
    raise typer.Exit(int(code))


def rollup_json(rolled: Rollup, outputs: list[Path], exit_code: int, lang: str) -> dict[str, object]:
    """The roll-up for scripts: its figures, the topics by demand with their MWDS, the runs, the outputs."""
    return {
        "counts": rolled.summary(),
        "topics": [{"rank": t.rank, "topic_id": t.key, "topic": rolled.topic_name(t.key, lang), "needs": t.needs,
                    "cadres": t.cadres, "demand": t.demand, "respondents": t.parts.respondents,
                    # null where no one rated the topic, as the workbook leaves them blank
                    "importance_sum": t.parts.importance if t.parts.respondents else None,
                    "discrepancy_sum": t.parts.discrepancy if t.parts.respondents else None, "mwds": t.mwds,
                    "rank_mwds": t.rank_mwds} for t in rolled.topics],
        "runs": [{"folder": str(r.folder), "as_of": r.as_of.isoformat(), "lang": r.lang, "cadres": r.cadres,
                  "needs": r.needs, "pseudonymized": r.pseudonymized} for r in rolled.runs],
        "outputs": [str(p) for p in outputs],
        "exit_code": exit_code,
    }


def render_rollup(rolled: Rollup, outputs: list[Path], lang: str) -> None:
    """The roll-up for people: its figures, obligations by status, the top topics, the files written."""
    from rich.table import Table as RichTable

    from needscli.cli.whole_words import Fitted

    figures = rolled.summary()
    table = RichTable(title=label("rollup.title", lang), show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    rate = figures["compliance_rate"]
    for key, value in (("rollup.runs", figures["runs"]), ("as_of", label("list_joiner", lang).join(figures["as_of"])),
                       ("cadres", figures["cadres"]), ("needs", figures["needs"]),
                       ("with_needs", figures["cadres_with_needs"]),
                       ("compliance_rate", "-" if rate is None else f"{rate:.1%}")):
        table.add_row(label(key, lang), figure(value) if isinstance(value, int | float) else str(value))
    out.print(table)
    out.print(Fitted(obligations_table(figures["obligations"], lang)))
    top = RichTable(title=label("top_topics", lang))
    for key in ("col.rank", "col.topic", "col.cadres", "col.demand", "col.mwds"):  # figures right, as analyze's
        top.add_column(label(key, lang), justify="left" if key == "col.topic" else "right", overflow="fold")
    for t in rolled.topics[:TOP_TOPICS]:
        top.add_row(*plain(str(t.rank), rolled.topic_name(t.key, lang), figure(t.cadres), figure(t.demand),
                           "" if t.mwds is None else f"{t.mwds:.2f}"))
    out.print(Fitted(top))  # a topic's name folded, not cut
    for path in outputs:
        say(label("cli.wrote", lang, path=path))

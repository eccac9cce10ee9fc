"""`yanglao classify`: the level of a set of risk points, explained, with the measures the seed expects."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    NO_FILE,
    ConfigOpt,
    Format,
    FormatOpt,
    app,
    fail,
    json_on_failure,
    load_config_or_fail,
    out,
    reader_may_stop,
    write_json,
)
from .common import esc as escape  # (Rich's own sent a name's ESC sequences to the terminal; review)


@app.command("classify")
def classify(
    file: Annotated[Path | None, typer.Argument(help="排查表或附件2（逐行判定）", dir_okay=False,
                                                show_default=False, metavar="文件")] = None,
    points: Annotated[str | None, typer.Option("--points", "-p", help="风险隐患点，如 \"1、7\"")] = None,
    category: Annotated[str | None, typer.Option("--category", help="类别 A/B/C")] = None,
    fmt: FormatOpt = Format.text,
    config: ConfigOpt = None,
) -> None:
    """按风险隐患点判定红/橙/黄/绿等级，说明每个风险隐患点，并列出应采取的打击整治措施及其依据。"""
    json_on_failure(fmt, "classify")
    import json

    from ..classify import NothingToClassify, classify_file, classify_points
    from ..inbox import UsageError

    if (file is None) == (points is None):
        fail("请给出一个文件，或用 --points 给出风险隐患点（二选一）")
    if file is not None and category is not None:  # not silently ignored: the file's rows say their own
        fail("--category 只和 --points 一起用；文件中每家机构的类别按其所填")
    # a file's units are the configuration's, as check reads them (./yanglao.toml adding 启东经济开发区 was not
    # read: its 排查表 was UNIT_UNKNOWN to classify only; audit of the commands)
    cfg = load_config_or_fail(config) if file is not None or config is not None else None
    try:
        if points is not None:
            facilities, findings = classify_points(points, category)
        else:
            facilities, findings = classify_file(file, cfg)  # type: ignore[arg-type]
    except NothingToClassify as e:
        if fmt == Format.json:  # one JSON object on stdout whatever happens, the reason on stderr
            data = {"facilities": [], "findings": [f.model_dump(mode="json") for f in e.findings]}
            write_json(json.dumps(data, ensure_ascii=False, indent=2))
        fail(str(e))
    except UsageError as e:
        fail(str(e))
    code = 1 if any(f.severity.value == "error" for f in findings) else 0
    with reader_may_stop():
        if fmt == Format.json:
            data = {"facilities": facilities, "findings": [f.model_dump(mode="json") for f in findings]}
            write_json(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            _render(facilities, findings, "（--points 给出的风险隐患点）" if points is not None else NO_FILE)
    raise typer.Exit(code)


LEVEL_STYLE = {"RED": "bold white on red", "ORANGE": "bold black on dark_orange", "YELLOW": "bold black on yellow",
               "GREEN": "bold black on green"}


def _render(facilities: list[dict], findings: list, no_file: str) -> None:
    from rich.panel import Panel
    from rich.segment import Segments
    from rich.table import Table

    from .common import render_findings

    console = out()
    # a county's 附件2 of thousands of rows repeats a few sets of points: each set's two tables are laid out once
    # and their lines printed again (20,000 rows took 32 s, nearly all of it Rich measuring the same tables)
    laid_out: dict[tuple, Segments] = {}

    def print_once(key: tuple, make: Callable[[], Table]) -> None:
        if (segments := laid_out.get(key)) is None:
            segments = laid_out[key] = Segments(list(console.render(make(), console.options)))
        console.print(segments)

    def points_table(rows: tuple[tuple[str, str, str], ...]) -> Table:
        table = Table(show_header=True, expand=False)
        table.add_column("风险隐患点", no_wrap=True)
        table.add_column("说明", overflow="fold")  # the seed's words in full: cut with … they said nothing
        table.add_column("对应等级", no_wrap=True)
        for row in rows:
            table.add_row(*row)
        return table

    def measures_table(rows: tuple[tuple[str, str, str], ...]) -> Table:
        mtable = Table(show_header=True, expand=False)
        mtable.add_column("应采取措施", overflow="fold")
        mtable.add_column("原因", overflow="fold")
        mtable.add_column("依据", overflow="fold")
        for row in rows:
            mtable.add_row(*row)
        return mtable

    for fac in facilities:
        explained = tuple((str(p["point"]), escape(p["text"] + (f"（排查所见：{p['note']}）" if p.get("note") else "")),
                           p["level_label"]) for p in fac["explained"])
        measures = tuple((escape(m["label"]), escape(m["reason"]), escape(m["clause"]))
                         for m in fac["expected_measures"])
        level = fac["level"]
        head = f"等级：[{LEVEL_STYLE[level]}] {escape(fac['level_label'])} [/]" if level else \
            f"等级：{escape(fac['level_label'])}"
        if fac.get("name"):
            head = f"{escape(fac['name'])}　" + head
        console.print(Panel(head, expand=False))
        if explained:  # 绿: no point to explain (its note says what follows)
            print_once(("points", explained), functools.partial(points_table, explained))
        if measures:
            print_once(("measures", measures), functools.partial(measures_table, measures))
        for note in fac.get("notes", []):
            console.print(f"·{escape(note)}")
    if findings:
        render_findings(findings, no_file=no_file)

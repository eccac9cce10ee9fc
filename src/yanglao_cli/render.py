"""The consolidated report (HTML and Markdown) from the Jinja2 templates in templates/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .consolidate import Consolidated, unit_order
from .findings import CATALOGUE, Severity
from .forms import F4
from .models import F4_FIELDS, LISTED_LEVELS, MEASURES, OTHER_MEASURE, RiskLevel, YesNo
from .normalize import visible_controls
from .safety import write_bytes_atomic


def templates_dir() -> Path:
    """templates/ inside the installed package, or the repository's own in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    # not an OSError: the CLI says those are outputs it could not write, and sends the clerk to the output folder
    raise RuntimeError("安装不完整，找不到报告模板 templates/report.html.j2；请重新安装 yanglao")


def _env(autoescape: bool):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(templates_dir())), autoescape=autoescape,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = _md_escape
    return env


def _md_escape(value: Any) -> str:
    text = "" if value is None else str(value)
    for ch in "\\|*_`[]<>#&~":  # CommonMark: a backslash before any of them shows it as written
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def chart_svg(cons: Consolidated, width: int = 760, bar_h: int = 220) -> dict[str, Any]:
    """Geometry of a stacked bar chart of levels by unit, for the inline SVG in the HTML report."""
    units = list(cons.status)
    # the legend has a band of its own above the bars (it sat among them: a bar's total read as the legend's;
    # blind audit of the report), and every unit at least 18 px, its name readable (200 units merged into a band)
    # the names are drawn at 40°, ending under their bars: room to the left of the first and below the longest
    # (海洋经济开发区 lost 江苏吕四 off the edge; audit of the report)
    ems = [sum(1 if ord(ch) > 0x2E7F else 0.6 for ch in s.unit) for s in units] or [0]
    top, bottom = 36, max(70, round(22 + 11 * 0.65 * max(ems)))
    n = max(len(units), 1)
    width = max(width, 50 + n * 18)
    step = (width - 50) / n
    left = max(40, round(11 * 0.77 * ems[0] - step / 2 + 12))
    width = max(width, left + 10 + n * 18)
    step = (width - left - 10) / n
    bw = max(min(step * 0.6, 40), 4)
    peak = max([sum(s.counts.values()) for s in units] + [1])
    scale = bar_h / peak
    bars = []
    for i, s in enumerate(units):
        x = left + i * step + (step - bw) / 2
        y: float = top + bar_h
        segs = []
        for lvl in reversed(LISTED_LEVELS):  # yellow at the bottom, red on top
            h = s.counts.get(lvl, 0) * scale
            y -= h
            if h:
                segs.append({"y": round(y, 1), "h": round(h, 1), "color": lvl.color, "label": lvl.label,
                             "count": s.counts.get(lvl, 0)})
        bars.append({"x": round(x, 1), "w": round(bw, 1), "segs": segs, "unit": s.unit,
                     "total": sum(s.counts.values()), "label_x": round(x + bw / 2, 1)})
    step = max(1, -(-peak // 5))
    ticks = list(range(0, peak + 1, step))
    return {"width": width, "height": top + bar_h + bottom, "left": left, "top": top, "base": top + bar_h,
            "bars": bars, "ticks": [{"v": t, "y": round(top + bar_h - t * scale, 1)} for t in ticks],
            "legend": [{"label": lvl.long_label, "color": lvl.color} for lvl in LISTED_LEVELS]}


def context(cons: Consolidated, changes: Any = None) -> dict[str, Any]:
    # (the official notation, and what a 合计 leaves out, as the workbook writes them)
    from .writer import _f4_left_out, _items_text, f1_total_notes, f4_sum_off

    by_unit: dict[str, list] = {}
    for f in sorted(cons.findings, key=unit_order(cons)):  # the configured units' order (SPEC), as 汇总's
        by_unit.setdefault(f.unit or "（未识别单位）", []).append(f)
    f3_by_seq: dict[int, Any] = {}  # an 附件3 line carries its facility's 附件2 number (namesakes told apart)
    for line3 in cons.f3:
        f3_by_seq.setdefault(line3.seq, line3)
    reds = []
    for n, line in enumerate(cons.f2, start=1):
        # a facility its points make 红 but declared lower (LEVEL_UNDERRATED) is listed too, said so: it was left
        # out of the red list while the report's own findings called it 红色机构 (blind audit of the report)
        if line.level != RiskLevel.RED and line.computed != RiskLevel.RED:
            continue
        f3 = f3_by_seq.get(n)
        declared = line.level.long_label if line.level is not None else "未定级"
        reds.append({
            "note": "" if line.level == RiskLevel.RED else f"（填报为{declared}，按风险隐患点应为红色，未计入红色名单数）",
            "unit": line.unit, "name": line.rec.name,
            "points": (_items_text(line.rec.points.items, line.rec.points.other_text, 15)
                       if "points" not in line.rec.invalid else "") or line.rec.raw.get("points", ""),
            # measure 11's own words too, as point 15's are kept (they were dropped: audit of the report)
            # (；: measure 9's own words hold 查处、取缔, and the list ran together; audit of the layout)
            "measures": "；".join(f"{MEASURES[m]}：{f3.rec.measures.other_text}" if m == OTHER_MEASURE
                                 and f3.rec.measures.other_text else MEASURES.get(m, str(m))
                                 for m in f3.rec.measures.items) if f3 else "（附件3 无记录）",
            # (no 附件3 row: 已化解 not said, not 否 — it read as reported and not resolved; audit of outputs)
            "progress": f3.rec.progress if f3 else "", "resolved": _resolved_said(f3) if f3 else "—",
        })
    extras = [{"unit": line.unit, "form": form, "where": f"{rec.file}!{rec.sheet} 第{rec.row}行", "column": column,
               "value": value}
              for form, lines in (("附件1", cons.f1), ("附件2", cons.f2), ("附件3", cons.f3), ("附件4", cons.f4))
              for line in lines for rec in (line.sources if hasattr(line, "sources") else [line.rec])
              for column, value in rec.extra.items()]
    totals = cons.level_totals()
    severities = {s: sum(1 for f in cons.findings if f.severity == s) for s in Severity}
    # 附件4's 合计, the campaign's results, as the workbook's 合计 row gives them (the report had none; audit)
    # each with the rows its 合计 leaves out, as the workbook's comment says (the report said 5 where a town's “-1” was
    # not counted, unsaid; blind audit of the figures)
    off = f4_sum_off(cons.f4)
    f4_totals = [(f"{c.group}（{c.header}）" if c.group else c.header, cons.f4_total.values.get(c.field),
                  "；".join(t for t in (_f4_left_out(cons.f4, c.field, "未计入："), off if c.field == "total" else "")
                           if t))
                 for c in F4.columns if c.field in F4_FIELDS]
    return {
        "cons": cons, "status": cons.status, "totals": totals, "unranked": cons.unranked,
        # the rows 附件1's 合计 leaves out, as its comment says: the report's 排查进度 said 100% without it (audit)
        "progress_left_out": f1_total_notes(cons.f1, "未计入：", "；"), "levels": LISTED_LEVELS, "reds": reds,
        "findings_by_unit": by_unit, "chart": chart_svg(cons), "errors": severities[Severity.ERROR],
        "warnings": severities[Severity.WARNING], "infos": severities[Severity.INFO], "changes": changes,
        # of them, units that sent some forms but not all four, and those late (audits: they counted as 已报送 like
        # the complete ones, and the late ones were 附件1–4齐全 with no count anywhere)
        "submitted": cons.submitted, "expected": cons.expected, "among": cons.among, "late": cons.late,
        "extras": extras, "f4_totals": f4_totals,
        # findings of files no unit could be told for (FILE_UNREADABLE, FORM_NOT_FOUND): a row of their own, or the
        # units' rows did not add up to 合计 (12 against 10; audit of the figures)
        "unattributed": (severities[Severity.ERROR] - sum(s.errors for s in cons.status),
                         severities[Severity.WARNING] - sum(s.warnings for s in cons.status)),
        # units not in the list are in the totals too: said beside 已报送单位 (audit of the layout)
        "unlisted": cons.unlisted,
        "titles": {code: info.title for code, info in CATALOGUE.items()},
    }


def write_reports(cons: Consolidated, html_path: Path, md_path: Path, changes: Any = None, atomic: bool = True
                  ) -> None:
    """Both reports, each atomically (unless the paths are temporary files already: see writer.write_consolidated)."""
    ctx = context(cons, changes)
    # (a township's control characters are shown, not sent: a report may be read in a terminal too)
    for path, text in ((html_path, _env(True).get_template("report.html.j2").render(**ctx)),
                       (md_path, _env(False).get_template("report.md.j2").render(**ctx))):
        data = visible_controls(text).encode("utf-8")
        if atomic:
            write_bytes_atomic(path, data)
        else:
            path.write_bytes(data)


def _resolved_said(f3: Any) -> str:
    """已化解 on the red list: 是 with a criterion; 是 without one (RESOLVED_NO_CRITERION) said so — the workbook keeps
    the township's 是, the report said 否 unexplained (audit of a first-time clerk)."""
    if f3.resolved:
        return "是"
    answer = f3.rec.resolved
    return "是（未写化解情形，不计为已化解）" if answer is not None and answer.value == YesNo.YES else "否"

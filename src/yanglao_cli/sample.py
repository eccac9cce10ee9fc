"""Workbooks filled the way a township clerk fills them, for tests, examples and benchmarks.

Layout follows the seed: 附件N label, merged title, 填报单位 line, header (two rows for 附件4), data rows,
pre-numbered blank rows, footer, 填报说明. Values are whatever a clerk types (strings like "1、7", "红色").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .forms import F1, F2, F3, F4, FormDef


@dataclass
class SheetSpec:
    form: FormDef
    rows: list[dict[str, Any]] = field(default_factory=list)  # field -> value as typed
    unit_line: str | None = None  # text after 填报单位（盖章）：; None = the unit
    footer_date: Any = "2022-06-15"
    blank_rows: int = 3  # pre-numbered empty rows after the data
    sheet_name: str | None = None
    columns: Sequence[str] | None = None  # field order (shuffle / drop columns)
    extra_columns: dict[str, list[Any]] = field(default_factory=dict)  # header -> values per row
    header_override: dict[str, str] = field(default_factory=dict)  # field -> header text written
    merge_lead_unit: bool = False  # 附件2: merge the 牵头排查单位 column over all data rows
    title: bool = True
    start_col: int = 1


def write_sheet(ws: Any, spec: SheetSpec, unit: str) -> dict[str, str]:
    """Fill one worksheet; returns field -> column letter of the data, for tests."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    form = spec.form
    fields = list(spec.columns or [c.field for c in form.columns])
    headers = [spec.header_override.get(f, form.column(f).header) for f in fields] + list(spec.extra_columns)
    ncols = len(headers)
    c0 = spec.start_col
    r = 1
    if spec.title:
        ws.cell(r, c0, f"附件{form.number}：" if form.number else "")
        r += 1
        ws.cell(r, c0, form.title)
        ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c0 + ncols - 1)
        ws.cell(r, c0).alignment = Alignment(horizontal="center")
        r += 1
    ws.cell(r, c0, f"{form.unit_label}{spec.unit_line if spec.unit_line is not None else unit}")
    if form.key == "F4":
        ws.cell(r, c0 + ncols - 2, f"填报时间：{spec.footer_date}")
        ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c0 + ncols - 3)
    else:
        ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c0 + min(ncols, 4) - 1)
    r += 1
    letters = {f: get_column_letter(c0 + i) for i, f in enumerate(fields)}
    if form.header_rows == 2:
        r = _f4_header(ws, r, c0, fields, headers, spec)
    else:
        for i, h in enumerate(headers):
            ws.cell(r, c0 + i, h).alignment = Alignment(wrap_text=True)
        r += 1
    first_data = r
    for n, row in enumerate(spec.rows, start=1):
        for i, f in enumerate(fields):
            v = row.get(f, n if f == "seq" else None)
            if v is not None:
                ws.cell(r, c0 + i, v)
        for j, (_h, vals) in enumerate(spec.extra_columns.items()):
            if n - 1 < len(vals) and vals[n - 1] is not None:
                ws.cell(r, c0 + len(fields) + j, vals[n - 1])
        r += 1
    if spec.merge_lead_unit and "lead_unit" in fields and len(spec.rows) > 1:
        col = c0 + fields.index("lead_unit")
        ws.merge_cells(start_row=first_data, start_column=col, end_row=r - 1, end_column=col)
    for k in range(spec.blank_rows):
        if "seq" in fields:
            ws.cell(r, c0 + fields.index("seq"), len(spec.rows) + k + 1)
        r += 1
    labels = list(form.footer)
    ws.cell(r, c0, f"{labels[0]}：张三")
    ws.cell(r, c0 + 2, f"{labels[1]}：李四")
    ws.cell(r, c0 + 3, f"{labels[2]}：0513-83123456")
    if form.key != "F4":
        ws.cell(r, c0 + min(5, ncols - 1), f"{labels[3]}：")
        ws.cell(r, c0 + min(6, ncols - 1) if ncols > 6 else c0 + ncols, spec.footer_date)
    r += 2
    if form.notes:
        ws.cell(r, c0, form.notes.splitlines()[0])
        for line in form.notes.splitlines()[1:6]:
            r += 1
            ws.cell(r, c0, line)
    return letters


def _f4_header(ws: Any, r: int, c0: int, fields: list[str], headers: list[str], spec: SheetSpec) -> int:
    """附件4's two-row header: 问题数 over 正在整治/整治完成/总计, the others merged vertically."""
    groups = [spec.form.column(f).group if f in {c.field for c in spec.form.columns} else "" for f in fields]
    groups += [""] * (len(headers) - len(groups))
    i = 0
    while i < len(headers):
        g = groups[i]
        if g:
            j = i
            while j + 1 < len(headers) and groups[j + 1] == g:
                j += 1
            ws.cell(r, c0 + i, g)
            if j > i:
                ws.merge_cells(start_row=r, start_column=c0 + i, end_row=r, end_column=c0 + j)
            for k in range(i, j + 1):
                ws.cell(r + 1, c0 + k, headers[k])
            i = j + 1
        else:
            ws.cell(r, c0 + i, headers[i])
            ws.merge_cells(start_row=r, start_column=c0 + i, end_row=r + 1, end_column=c0 + i)
            i += 1
    return r + 2


def write_workbook(path: Path, unit: str, specs: Sequence[SheetSpec]) -> Path:
    """One workbook holding the given forms, one sheet each."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in specs:
        ws = wb.create_sheet(spec.sheet_name or (f"附件{spec.form.number}" if spec.form.number else "排查表"))
        write_sheet(ws, spec, unit)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# ---- a clean month for one unit ----------------------------------------------------------------------


def clean_rows(unit: str, n_facilities: int = 3, seed: int = 0) -> dict[str, list[dict[str, Any]]]:
    """A consistent, error-free set of rows for 附件1–4 of one unit."""
    import random

    rnd = random.Random(f"{unit}-{seed}")
    kinds = [
        # (category, points, level, measures, clue, fundraising, case, resolved)
        ("A", "2、4", "黄", "1、2", "否", "不涉及", "否", "否"),
        ("B", "1、3", "黄色", "1、2", "否", "不涉及", "否", "是，3"),
        ("A", "6", "橙", "3、4", "是", "不涉及", "否", "否"),
        ("A", "7、2", "橙色", "3、4、6", "是", "不涉及", "否", "否"),
        ("C", "9", "橙", "3、4、8", "是", "不涉及", "否", "否"),
        ("C", "10", "红", "3、4、6、10", "是", "是", "否", "否"),
        ("A", "11、12", "红", "6、7", "是", "是", "是，2022年6月3日", "否"),
    ]
    names = ["幸福", "康乐", "福寿", "安康", "颐和", "夕阳红", "长青", "松鹤", "德馨", "仁和", "乐龄", "慈孝"]
    suffix = ["养老院", "护理院", "老年公寓", "日间照料中心", "颐养院"]
    f2, f3 = [], []
    used = set()
    for i in range(n_facilities):
        cat, pts, lvl, meas, clue, fund, case, res = kinds[rnd.randrange(len(kinds))]
        while True:
            name = f"{unit.removesuffix('镇')[:6]}{rnd.choice(names)}{rnd.choice(suffix)}"
            if name not in used:
                break
            name = f"{name}{i + 2}号"
            if name not in used:
                break
        used.add(name)
        f2.append({"seq": i + 1, "name": name, "category": cat, "points": pts, "level": lvl,
                   "lead_unit": f"{unit}民政办", "note": ""})
        f3.append({"seq": i + 1, "name": name, "points": pts, "clue": clue, "fundraising": fund,
                   "measures": meas, "progress": "已约谈负责人，正在整改" if lvl != "黄" else "已进行风险提示",
                   "case": case, "resolved": res})
    total = rnd.randint(max(12, n_facilities), max(30, n_facilities + 10))
    checked = rnd.randint(max(n_facilities, total - 3), total)
    f1 = [{"seq": 1, "township": unit, "total": total, "checked": checked,
           "percent": round(checked / total * 100, 1),
           "group": "是，王某某（副镇长）", "task_force": "是", "publicity": "是，微信公众号、宣传横幅",
           "info_sharing": "是，公安、市场监管", "complaints": "是，12345热线"}]
    referred = sum(1 for r in f3 if "7" in str(r["measures"]).split("、"))
    ongoing, done = rnd.randint(0, 3), rnd.randint(0, 3)
    total_q = ongoing + done
    early = max(total_q - referred, 0)
    f4: list[dict[str, Any]] = [{"label": "", "ongoing": ongoing, "done": done, "total": total_q, "early": early, "obvious": 0,
           "referred": total_q - early, "police_letters": 0, "procuratorate": 0, "judicial": 0, "supervision": 0}]
    if referred > f4[0]["referred"]:
        f4[0].update(ongoing=ongoing + referred, total=total_q + referred, referred=referred + f4[0]["referred"])
        f4[0]["early"] = f4[0]["total"] - f4[0]["referred"]
    return {"F1": f1, "F2": f2, "F3": f3, "F4": f4}


def clean_specs(unit: str, n_facilities: int = 3, seed: int = 0, date: Any = "2022-06-15") -> list[SheetSpec]:
    rows = clean_rows(unit, n_facilities, seed)
    return [SheetSpec(form, rows[form.key], footer_date=date) for form in (F1, F2, F3, F4)]

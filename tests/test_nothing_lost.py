"""Nothing lost (SPEC「必须成立」): every data row read appears in the consolidated workbook (flagged if wrong)
or in a finding, and rows read = rows written + rows not readable.

A property test: submissions of random shape — any number of rows, blank and pre-numbered rows in between,
a merged 牵头排查单位 column, bad values ('十二', '', 'abc') in any column, names that repeat within and
across units, forms left out — are consolidated and the output workbook is read back.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yanglao_cli.config import default_config
from yanglao_cli.forms import F1, F2, F3, F4, FormDef
from yanglao_cli.sample import SheetSpec, clean_rows, write_workbook
from yanglao_cli.service import run_consolidate

UNITS = default_config().unit_names[:4]
BAD = ["十二", "", "abc", " ", "１２家", "-3"]
NAMES = ["幸福养老院", "康乐护理院", "福寿老年公寓", "安康日间照料中心", "颐和颐养院", "长青养老院", "松鹤护理院"]
FIELDS = {form.key: [c.field for c in form.columns if c.field != "seq"] for form in (F1, F2, F3, F4)}


@st.composite
def rows_for(draw: Any, form: FormDef, unit: str, clean: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Data rows (clean ones spoiled at random), with blank and pre-numbered rows in between."""
    n = draw(st.integers(0, 5)) if form.key in ("F2", "F3") else draw(st.integers(0, 2))
    out: list[dict[str, Any]] = []
    for i in range(n):
        row = dict(clean[i % len(clean)])
        if form.key in ("F2", "F3"):
            row["name"] = draw(st.sampled_from(NAMES + [""]))
        if form.key == "F1":
            row["township"] = draw(st.sampled_from([unit, "", unit[:2]]))
        for f in draw(st.lists(st.sampled_from(FIELDS[form.key]), max_size=3)):
            row[f] = draw(st.sampled_from(BAD))
        row["seq"] = i + 1
        if draw(st.booleans()):
            out.append(draw(st.sampled_from([{}, {"seq": None}])))  # pre-numbered / fully blank row
        out.append(row)
    return out


@st.composite
def submission(draw: Any, unit: str) -> list[SheetSpec]:
    clean = clean_rows(unit, 5, seed=draw(st.integers(0, 3)))
    specs = []
    for form in (F1, F2, F3, F4):
        if form.key in ("F1", "F4") and draw(st.integers(0, 4)) == 0:
            continue  # this form was not sent
        rows = draw(rows_for(form, unit, clean[form.key]))
        specs.append(SheetSpec(form, rows, blank_rows=draw(st.integers(0, 3)),
                               merge_lead_unit=form.key == "F2" and draw(st.booleans())))
    return specs


@st.composite
def inbox(draw: Any) -> dict[str, list[SheetSpec]]:
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
    return {u: draw(submission(u)) for u in units}


def _has_value(row: dict[str, Any]) -> bool:
    return any(k != "seq" and v is not None and str(v).strip() for k, v in row.items())


def _written_rows(ws: Any) -> list[tuple[int, str]]:
    """(row, name) of the data rows of a consolidated 附件2/附件3: those with a 序号."""
    out = []
    for r in range(5, ws.max_row + 1):
        if isinstance(ws.cell(r, 1).value, int):
            out.append((r, ws.cell(r, 2).value or ""))
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inbox())
def test_every_row_read_is_written_or_in_a_finding(submissions: dict[str, list[SheetSpec]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        expected: dict[str, Counter[str]] = {"F2": Counter(), "F3": Counter()}
        data_rows = 0
        for unit, specs in submissions.items():
            write_workbook(root / "in" / f"{unit}.xlsx", unit, specs)
            for spec in specs:
                for row in spec.rows:
                    if _has_value(row):  # a value of its own: a merged cell above does not make a row data
                        data_rows += 1
                        if spec.form.key in expected:
                            expected[spec.form.key][str(row.get("name") or "").strip()] += 1
        report, cons = run_consolidate([root / "in"], root / "out", default_config(), "2022-06", workers=1)

        s = report.summary()
        assert s["rows_read"] == s["rows_written"] + s["rows_unreadable"]
        assert s["rows_unreadable"] == 0  # nothing this generator writes is unreadable: it is all kept
        assert s["rows_read"] == data_rows  # blank and pre-numbered rows are not data; every other row is

        # (a month's workbook, or a weekly round's — 启东市民政局_2022-06-15周_汇总.xlsx — when only 附件4 has rows)
        [book] = (root / "out").glob("启东市民政局_2022-06*_汇总.xlsx")
        wb = openpyxl.load_workbook(book)
        for key, sheet in (("F2", "附件2"), ("F3", "附件3")):
            written = _written_rows(wb[sheet])
            names = Counter(name for _, name in written)
            want = expected[key]
            # every named row is in the workbook, as many times as it was sent
            assert {n: c for n, c in names.items() if n} == {n: c for n, c in want.items() if n}, sheet
            # rows without a name are written too, and each is named in a finding (VALUE_REQUIRED)
            unnamed = sum(c for n, c in want.items() if not n)
            assert names.get("", 0) == unnamed, sheet
            required = [f for f in report.findings if f.code.value == "VALUE_REQUIRED" and f.sheet == sheet
                        and f.cell.startswith("B")]
            assert len(required) == unnamed, sheet
        assert len(cons.f2) == sum(expected["F2"].values()) and len(cons.f3) == sum(expected["F3"].values())


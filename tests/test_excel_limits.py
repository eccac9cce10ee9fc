"""What the written workbooks hold stays within Excel's limits: 32,767 characters a cell or comment, 409-point rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from yanglao_cli.config import default_config
from yanglao_cli.service import run_consolidate

from .conftest import specs_for, write


def test_row_heights_stay_within_excels_409_points(tmp_path: Path) -> None:
    """A 3,000-character facility name on a row with an error: its 校验问题 row was 425.25 points high (30 lines of
    14 points and 5), which Excel does not accept (audit of Excel's limits). Every row is at most 409."""
    specs = specs_for("南阳镇", n=2)
    name = "南阳仁和护理院（" + "地址：南阳镇人民路88号，法人：王某某，" * 150 + "）"
    specs["F2"].rows[0].update(name=name, level="黄")
    specs["F3"].rows[0].update(name=name, progress="已约谈负责人，责令整改，督促清退预付费资金。" * 400)
    write(tmp_path / "in" / "南阳镇.xlsx", "南阳镇", specs)
    run_consolidate([tmp_path / "in"], tmp_path / "out", default_config(), "2022-06", workers=1)
    wb = openpyxl.load_workbook(next((tmp_path / "out").glob("*_汇总.xlsx")))
    heights = {(ws.title, r): d.height for ws in wb for r, d in ws.row_dimensions.items() if d.height}
    assert max(heights.values()) <= 409, [k for k, h in heights.items() if h > 409]
    problems = wb["校验问题"]
    heads = [c.value for c in problems[1]]
    row = next(r for r in problems.iter_rows(min_row=2) if r[heads.index("代码")].value == "LEVEL_UNDERRATED")
    assert heights[("校验问题", row[0].row)] == 408.75  # (409 points as whole pixels, as xlsxwriter stores it)

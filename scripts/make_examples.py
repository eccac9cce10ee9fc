"""Regenerate examples/: one month (2022-06) of 启东市's township submissions, as clerks fill them.

Most units are clean; a few carry the mistakes clerks really make. Run from the repository root:
    python scripts/make_examples.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from yanglao_cli.forms import F1, F2, F3, F4
from yanglao_cli.sample import SheetSpec, clean_rows, write_workbook

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "2022-06"


def main() -> None:
    if INBOX.exists():
        shutil.rmtree(INBOX)
    units = ["汇龙镇", "南阳镇", "北新镇", "惠萍镇", "东海镇", "寅阳镇", "近海镇", "合作镇", "王鲍镇", "海复镇",
             "吕四港镇"]  # 启隆镇 has not sent yet
    for i, unit in enumerate(units):
        rows = clean_rows(unit, n_facilities=2 + i % 4, seed=2022)
        date = "2022-06-15"
        specs = {k: SheetSpec(form, rows[k], footer_date=date) for k, form in
                 (("F1", F1), ("F2", F2), ("F3", F3), ("F4", F4))}
        name = f"{unit}_2022年6月_附件1-4.xlsx"
        if unit == "南阳镇":
            # declared 黄 for a facility whose points include 7 (橙): LEVEL_UNDERRATED
            specs["F2"].rows[0].update(points="2、7", level="黄")
            specs["F3"].rows[0].update(points="2、7", measures="1、2", clue="否")
        elif unit == "惠萍镇":
            # full-width digits, circled numbers, a description instead of a number, no level typed
            specs["F2"].rows[0].update(points="①④", level=None)
            specs["F3"].rows[0].update(points="1、4", measures="风险提示、增加抽查检查频次")
            specs["F1"].rows[0].update(total="２０家", checked="１８", percent="90%")
        elif unit == "东海镇":
            # columns in another order, 牵头排查单位 merged over all rows, sheets named freely
            specs["F2"].columns = ["seq", "name", "level", "points", "category", "lead_unit", "note"]
            specs["F2"].merge_lead_unit = True
            for s, n in zip(specs.values(), ("进度表", "名单", "处置", "战果"), strict=True):
                s.sheet_name = n
        elif unit == "王鲍镇":
            for s in specs.values():
                s.unit_line = "王鲍镇人民政府"
            name = "王鲍.xlsx"
        elif unit == "海复镇":
            for s in specs.values():
                s.footer_date = "2022年6月22日"  # after the 20th: late
        elif unit == "吕四港镇":
            for s in specs.values():
                s.unit_line = "吕四"
            specs["F1"].rows[0].update(group="是")  # 是 without 负责人及职务: DETAIL_MISSING
        if unit == "北新镇":  # four separate workbooks
            for k, spec in specs.items():
                write_workbook(INBOX / unit / f"{unit}_附件{k[1]}.xlsx", unit, [spec])
        else:
            write_workbook(INBOX / name, unit, list(specs.values()))
    print(f"written: {INBOX}")


if __name__ == "__main__":
    main()

"""The pure rule engine: typed records in, findings out, no I/O. One module per family of the seed's rules.

- `levels`      risk points → level, 附件2 row checks (启民发〔2022〕66号 二（二）二；附件2 填报说明)
- `disposal`    expected measures, 附件3 row checks (启民发〔2022〕66号 二（二）三；附件3 填报说明)
- `progress`    附件1 row checks (启民发〔2022〕66号 二（二）一；附件1 备注)
- `statistics`  附件4 row checks (启民发〔2022〕66号 附件4 说明；三（五）)
- `facility`    the facility sheet: points ticked and points its facts imply
- `crossform`   checks across the forms of a submission and across units
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Ctx:
    """What a row check needs to know beyond the row: the unit reporting it and the form's 填报日期."""

    unit: str = ""
    report_date: dt.date | None = None  # 填报日期 of the form; later dates are DATE_IN_FUTURE
    consolidated: bool = False  # a consolidated workbook's rows (one level down): see levels.check_f2_row
    today: dt.date | None = None  # the bureau's today, where no report date bounds a date (disposal.case_date_in_future)


def as_written(raw: str, answer: object) -> str:
    """An answer quoted as the clerk wrote it (有, √, 已化解), not as read (是): they did not write 是 (audit of messages)."""
    text = " ".join(raw.split())
    if not text:
        return getattr(getattr(answer, "value", None), "label", "是")
    if len(text) <= 20:  # (是（2022年6月10日） cut at 12 read as 6月1日; audit of the codes)
        return text
    cut = text[:18]
    return re.sub(r"\d+$", "", cut) + "…"  # not inside a number: 2022年6月1… read as the 1st

"""The pure rule engine: typed records in, findings out, no I/O. One module per family of the seed's rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Ctx:
    unit: str = ""
    report_date: dt.date | None = None  # 填报日期 of the form; later dates are DATE_IN_FUTURE

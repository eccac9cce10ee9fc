"""附件1 排查工作进度表 checks (启民发〔2022〕66号 二（二）一 and 附件1 备注)."""

from __future__ import annotations

from ..findings import Code, Finding, make
from ..forms import F1
from ..models import Answer, F1Record, YesNo
from . import Ctx

TOLERANCE = 0.5  # percentage points
# How a full answer looks, per 附件1 question that asks for a detail.
EXAMPLES = {"group": "是，王某某（副镇长）", "publicity": "是，微信公众号、宣传横幅",
            "info_sharing": "是，公安、市场监管", "complaints": "是，12345热线"}


def expected_percent(total: int | None, checked: int | None) -> float | None:
    """已排查占比（%）= 已排查数 ÷ 总数 × 100; None when the total is unknown or 0, or checked unknown.

    启民发〔2022〕66号 附件1.
    """
    if not total or checked is None:
        return None
    return checked / total * 100


def check_f1_row(rec: F1Record, ctx: Ctx) -> list[Finding]:
    """Row checks of 附件1: CHECKED_EXCEEDS_TOTAL, PERCENT_MISMATCH (±0.5), DETAIL_MISSING.

    启民发〔2022〕66号 二（二）一（填报附件1）；附件1 表头与备注（总数=已登记机构+未登记场所）.
    """
    out: list[Finding] = []
    loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit or rec.township}
    if rec.total is not None and rec.checked is not None and rec.checked > rec.total:
        out.append(make(Code.CHECKED_EXCEEDS_TOTAL, cell=rec.cell("checked"), checked=rec.checked, total=rec.total,
                        **loc))
    exp = expected_percent(rec.total, rec.checked)
    if exp is not None and rec.percent is not None and abs(rec.percent - exp) > TOLERANCE:
        out.append(make(Code.PERCENT_MISMATCH, cell=rec.cell("percent"), declared=rec.percent, checked=rec.checked,
                        total=rec.total, expected=f"{exp:.1f}", **loc))
    for col in F1.columns:
        if not col.asked:
            continue
        ans: Answer | None = getattr(rec, col.field)
        if ans is not None and ans.value == YesNo.YES and not ans.detail.strip():
            out.append(make(Code.DETAIL_MISSING, cell=rec.detail_cell(col.field), column=col.header, asked=col.asked,
                            example=EXAMPLES.get(col.field, "是，具体内容"), **loc))
    return out

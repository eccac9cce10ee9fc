"""附件1 排查工作进度表 checks (启民发〔2022〕66号 二（二）一 and 附件1 备注)."""

from __future__ import annotations

import re
from typing import cast

from ..findings import Code, Finding, Loc, make
from ..forms import F1
from ..models import Answer, F1Record, YesNo, percent_of
from ..normalize import to_halfwidth
from . import Ctx, as_written

TOLERANCE = 0.5  # percentage points
# How a full answer looks, per 附件1 question that asks for a detail.
EXAMPLES = {"group": "是，王某某（副镇长）", "publicity": "是，微信公众号、宣传横幅",
            "info_sharing": "是，公安、市场监管", "complaints": "是，12345热线"}


# what an answer may say besides its detail (已开通12345热线, 是王某某副镇长, 是，已建立): the yes-word, the verb of
# the question, the question's own subject (已成立领导小组 gives no 负责人), and what stands for nothing (无, /, ——)
_ANSWERED = re.compile(r"^(?:是的|是|已经|均已|已|有)?(?:建立|开通|成立|抽调|开展|利用|组建|设立|落实|组成|通过|采取|采用)?了?")
# (宣传栏, 宣传单, 举报箱 name the way: the question's word with a thing after it is kept)
_SUBJECT = re.compile(r"(?:详见|具体见|参见|另见|(?<![\u4e00-\u9fff])见)[^,，;；。]{0,6}?(?:方案|文件|通知|材料|报告|附表|表)|同上|如上|见上|上述|"
                      # (a reference to a document or the row above names nobody: 是，详见方案; blind audit)
                      r"专项行动|开展|组成|利用|建立|开通|成立|领导小组|工作专班|专班|部门间|信息共享|共享|机制|投诉举报|"
                      r"(?:投诉|举报|宣传)(?![栏单册车箱页片画报牌屏窗板幅墙])|通道|渠道|新闻媒体等?|平台|广泛|工作力量|专门|力量|"
                      r"暂无|没有|详见|具体见|见|附件|另附|待定|待补充|[无略的了]|"
                      # the question's own placeholder words (是，具体渠道 / 具体宣传方式 / 具体涉及部门 copied from it)
                      r"具体|方式|涉及|部门|内容|情况|情形")
_NOT_WORDS = re.compile(r"[\W_]+")  # punctuation, brackets, dashes, spaces
# a cell holding Excel's logical value, as its text reads; a yes in English (yes passed as three letters; audit)
_LOGICAL = frozenset(("TRUE", "FALSE", "YES", "OK"))


def _gives_detail(detail: str, written: str) -> bool:
    """Whether a 是 answer says what was asked: the detail after its separator, or, written without one, the cell
    itself — once its yes-word, verb, the question's own words and placeholders (无, /, ——, （）) are taken away,
    something of two characters is left."""
    text = to_halfwidth(detail.strip() or written.strip())
    if text.upper() in _LOGICAL:  # a ticked TRUE is a 是 and says nothing more (it passed as four letters; audit)
        return False
    rest = _SUBJECT.sub("", _ANSWERED.sub("", _NOT_WORDS.sub("", text)))
    return len(rest) >= 2


def _declared(percent: float) -> str:
    """The percentage as the cell shows it, to two decimals where one would change it (0.85, not 0.8)."""
    return f"{percent:.2f}".rstrip("0").rstrip(".") if round(percent, 1) != round(percent, 2) else \
        f"{percent:.1f}".removesuffix(".0")


def expected_percent(total: int | None, checked: int | None) -> float | None:
    """已排查占比（%）= 已排查数 ÷ 总数 × 100; None when the total is unknown or 0, or checked unknown.

    启民发〔2022〕66号 附件1.
    """
    if not total or checked is None:
        return None
    return checked * 100 / total  # 23 * 100 / 40 is 57.5; 23 / 40 * 100 is 57.49999999999999


def check_f1_row(rec: F1Record, ctx: Ctx) -> list[Finding]:
    """Row checks of 附件1: CHECKED_EXCEEDS_TOTAL, PERCENT_MISMATCH (±0.5), DETAIL_MISSING.

    启民发〔2022〕66号 二（二）一（填报附件1）；附件1 表头与备注（总数=已登记机构+未登记场所）.
    """
    out: list[Finding] = []
    loc: Loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit or rec.township}
    if rec.total is not None and rec.checked is not None and rec.checked > rec.total:
        out.append(make(Code.CHECKED_EXCEEDS_TOTAL, cell=rec.cell("checked"), checked=rec.checked, total=rec.total,
                        **loc))
    exp = expected_percent(rec.total, rec.checked)
    # exactly 0.5 off is within it (58 for 57.5): the float rounding of a %-cell's 0.29 must not tip it over
    if exp is not None and rec.percent is not None and abs(rec.percent - exp) > TOLERANCE + 1e-9:
        checked, total = cast(int, rec.checked), cast(int, rec.total)  # both known: expected_percent gave one
        # (已排查 over 总数: the counts are wrong first, CHECKED_EXCEEDS_TOTAL; a 112% asked for helps nobody)
        fix = "；请先改正已排查数和总数（已排查数不能大于总数），再重算占比" if checked > total else ""
        out.append(make(Code.PERCENT_MISMATCH, cell=rec.cell("percent"), declared=_declared(rec.percent), checked=checked,
                        total=total, expected=f"{percent_of(checked, total):.1f}", fix=fix, **loc))  # half up
    for col in F1.columns:
        if not col.asked:
            continue
        ans: Answer | None = getattr(rec, col.field)
        if ans is not None and ans.value == YesNo.YES and not _gives_detail(ans.detail, rec.raw.get(col.field, "")):
            out.append(make(Code.DETAIL_MISSING, cell=rec.detail_cell(col.field), column=col.header, asked=col.asked,
                            example=EXAMPLES.get(col.field, "是，具体内容"),
                            said=as_written(rec.raw.get(col.field, ""), ans), **loc))
    return out

"""Cell values as townships type them → typed values (SPEC “Reading what people actually send”).

Pure functions, no I/O. Every `parse_*` takes whatever a spreadsheet reader returns (str, int, float, bool,
None, date, datetime, …) and returns a `Norm`: the typed value, or a short Chinese reason for VALUE_INVALID.
An empty cell is `Norm(None)` without error: whether a value is required is decided by the caller.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, ParamSpec, TypeVar, cast

from .models import (
    CRITERIA,
    MEASURES,
    NOTICE_POINTS,
    OTHER_MEASURE,
    OTHER_POINT,
    RISK_POINTS,
    Answer,
    Category,
    Numbers,
    RiskLevel,
    YesNo,
)

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class Norm(Generic[T]):
    value: T | None = None
    error: str | None = None  # short Chinese reason, shown in VALUE_INVALID

    @property
    def ok(self) -> bool:
        return self.error is None


def _never_raise(fn: Callable[P, Norm[T]]) -> Callable[P, Norm[T]]:
    """A bug on one odd cell must not abort a whole batch: it becomes an unreadable cell instead.

    Tests call `fn.__wrapped__` so that such a bug still fails them.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Norm[T]:
        try:
            return fn(*args, **kwargs)
        except Exception as e:  # said as the tool's, not the clerk's, mistake (code review)
            return Norm(error=f"无法识别（可能是本工具的问题，请把文件发给维护人员；技术细节：{type(e).__name__}）")

    return wrapper


# ---------------------------------------------------------------- text

# NBSP, ideographic space and zero-width characters come in with text pasted from Word, WeChat and web pages;
# soft hyphens and direction marks with text from PDFs and e-mail (橙\u00ad色 was VALUE_INVALID; audit of pasted text)
_INVISIBLE = dict.fromkeys(map(ord, "\u00a0\u3000\u200b\u200c\u200d\ufeff\u2060\u00ad\u200e\u200f\u061c\u180e"
                                    "\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"))
# Text copied out of a PDF (the notice, a form printed to PDF) holds Kangxi radicals, radical forms and
# compatibility ideographs that look exactly like the common characters: 养⽼ (U+2F7C), 红⾊ (U+2F8A), ⻩
# (U+2EE9). A clerk reads 老 and 色; so does the tool (read as 负责⼈ a footer was a facility, 橙⾊ no level).
_RADICAL_FORMS = str.maketrans("⺠⻄⻅⻆⻉⻋⻑⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰",
                               "民西见角贝车長长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙")
LOOKALIKES: dict[int, str | int] = {
    c: u for c in (*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20))
    if len(u := unicodedata.normalize("NFKC", chr(c))) == 1 and u != chr(c)} | _RADICAL_FORMS
HAS_LOOKALIKE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_HALFWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: ord(" ")} | LOOKALIKES
# traditional characters of facility names, places and the forms' headers, as a font or a copy from elsewhere gives
# them (幸福養老院 is 幸福养老院: it was a second facility — DISPOSAL_MISSING and DISPOSAL_UNLISTED; audit of names).
# Compared so, never written so; only characters with one simplified form
_TRADITIONAL = str.maketrans(
    "養護園樂壽頤陽長龍鎮區縣東愛華業療醫機構場設託輔會處險點詐騙資產預費額負責單報屬數總進農鄉號廣興慈齡務與為發達質關聯開門"
    "間馬車軍運動實際歲雙級紅綠黃橙認證檢查約談責令整違規罰訴審從縮達鄰憲條輕護齊齒廠傳價優億償儲兒內兩冊劃劑勞風隱鶴萬豐寶慶"
    "禮溫麗鳳鴻鵬親協館賓順澤濟學書國圓團頌祿貴財聖靈淵滿潤濱灣橋樓莊廟觀閣軒齋樹楓蘭蓮葉藝輝燦錦銀鐵鋼錢綺緣繡鄭陳劉張趙馮蔣"
    "韓楊鄧蕭範許謝羅蘇龔盧顧賴孫吳鍾鐘寧後餘麵雲臺製準鬆極樣標體們個來時見貝頁飛魚鳥龜鹽陸隊陣陰郵釋針鈴鋪鏈鏡閃閉閱闊陝雜雞"
    "離難電靜韻響項須領頭題顏願類顯飯飲驗驚髮鬥鬧魯鮮鴨鵝黨"
    # the words of the notice's points, measures and criteria and of the headers (類別, 備註, 虛假或誇大宣傳, 紅色;
    # blind audit of typing habits)
    "專嚴臨舉義於債辦變圍誇對將並異彌錄懲戶擴損無註監穩納線組織經給締網輿營虛補計記訟賬貸轉較過還問頻別備稱態況權"
    "詢誘銷購買賣強勢紀這選擇歸據視頓慮員"
    # places' names (匯龍鎮 is 汇龙镇: with a traditional town before it the facility paired with nothing; audit)
    "匯啟呂復衛島揚彙湯橫滬嶺",
    "养护园乐寿颐阳长龙镇区县东爱华业疗医机构场设托辅会处险点诈骗资产预费额负责单报属数总进农乡号广兴慈龄务与为发达质关联开门"
    "间马车军运动实际岁双级红绿黄橙认证检查约谈责令整违规罚诉审从缩达邻宪条轻护齐齿厂传价优亿偿储儿内两册划剂劳风隐鹤万丰宝庆"
    "礼温丽凤鸿鹏亲协馆宾顺泽济学书国圆团颂禄贵财圣灵渊满润滨湾桥楼庄庙观阁轩斋树枫兰莲叶艺辉灿锦银铁钢钱绮缘绣郑陈刘张赵冯蒋"
    "韩杨邓萧范许谢罗苏龚卢顾赖孙吴钟钟宁后余面云台制准松极样标体们个来时见贝页飞鱼鸟龟盐陆队阵阴邮释针铃铺链镜闪闭阅阔陕杂鸡"
    "离难电静韵响项须领头题颜愿类显饭饮验惊发斗闹鲁鲜鸭鹅党"
    "专严临举义于债办变围夸对将并异弥录惩户扩损无注监稳纳线组织经给缔网舆营虚补计记讼账贷转较过还问频别备称态况权"
    "询诱销购买卖强势纪这选择归据视顿虑员"
    "汇启吕复卫岛扬汇汤横沪岭")
# a cell typed in traditional characters, read as the notice's words (紅色 is 红): values the forms define (levels,
# points, measures, answers), whose detail kept is then the simplified text; never a name, compared only
TRADITIONAL_CHARS = re.compile("[" + "".join(chr(c) for c, v in _TRADITIONAL.items() if chr(c) != v) + "]")
TRADITIONAL = _TRADITIONAL
_KEYED = _HALFWIDTH | _TRADITIONAL  # header_key's one table: width and traditional characters in one pass
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "[": "(", "]": ")"})
_PUNCT = str.maketrans({"、": ",", "。": "."})
_QUOTES = dict.fromkeys(map(ord, "“”‘’「」『』"))
_WS = re.compile(r"\s+")


# C0 controls but tab and newline, DEL, C1: shown as \x1b where text goes to a terminal or a report
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """Control characters written out, not sent: ESC [2J in a township's file name or cell would clear the
    clerk's screen or recolour it. (Searched first: a province's report is megabytes, most without any.)"""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def clean_text(v: object) -> str:
    """The text of a cell as a person reads it: stripped, invisible characters removed, 12.0 shown as 12."""
    if v is None:
        return ""
    if isinstance(v, bool):
        s = "TRUE" if v else "FALSE"  # as Excel shows it
    elif isinstance(v, float):
        s = _float_text(v)
    elif isinstance(v, dt.datetime):
        # (6.15 typed into a date-formatted cell, read back as 1900-01-06 03:36: shown as typed — number_typed)
        s = v.date().isoformat() if v.time() == dt.time() else number_typed(v) or v.isoformat(sep=" ")
    elif isinstance(v, dt.date):
        s = v.isoformat()
    elif isinstance(v, dt.timedelta):  # a duration cell ([h]:mm:ss) as Excel shows it: 72:00:00, not "3 days"
        secs = int(v.total_seconds())
        s = f"{'-' if secs < 0 else ''}{abs(secs) // 3600}:{abs(secs) % 3600 // 60:02d}:{abs(secs) % 60:02d}"
    elif isinstance(v, str):
        s = v
    elif isinstance(v, int):
        s = str(v) if abs(v) < 10**4000 else "#NUM!"  # str() refuses ints that long; Excel shows #NUM!
    else:
        try:
            s = str(v)
        except Exception:  # an object whose __str__ fails has no text to show
            return ""
    if "\u3000" in s or "\u00a0" in s:
        s = _WIDE_SPACE_APART.sub(" ", s)  # "1　3" lists two numbers: the space keeps them apart
    s = s.translate(_INVISIBLE).strip()
    if s in _NO_ANSWER_MARKS:
        return ""  # 问卷星's (空) / (跳过): the question left unanswered, not a text (VALUE_INVALID; audit of exports)
    if "〖" in s:
        # 问卷星's fill-in brackets: 是〖王某（副镇长）〗 is 是，王某（副镇长）; 15.其他：〖以房养老〗 its case (they were
        # printed on the consolidated forms; audit of exports)
        s = _FILL_IN_EMPTY.sub("", s)  # (是〖(空)〗: the fill-in left empty)
        s = _FILL_IN_OPEN.sub("", s).replace("〖", "，").replace("〗", "").strip()
    if s[:1] == "'" and len(s) > 1 and s[1] != "'":
        # '红, '是, '20: a system's export marking text as Excel's typed apostrophe does — read as Excel shows it
        # (some columns read it, others were VALUE_INVALID, '不涉及 written with it; audit of values)
        s = s[1:].lstrip()
    return s


_NO_ANSWER_MARKS = frozenset(("(空)", "（空）", "(跳过)", "（跳过）"))
_FILL_IN_OPEN = re.compile(r"(?:(?<=[：:，,、；;（(])|^)〖")
_FILL_IN_EMPTY = re.compile(r"〖\s*(?:[(（](?:空|跳过)[)）])?\s*〗")
_WIDE_SPACE_APART = re.compile("(?<=[0-9\uff10-\uff19])[\u00a0\u3000]+(?=[0-9\uff10-\uff19])")


def _float_text(v: float) -> str:
    if math.isfinite(v) and v.is_integer() and abs(v) < 1e16:
        return str(int(v))
    return format(v, ".15g")  # Excel's 15 significant digits: 0.30000000000000004 → 0.3


def one_line(name: str) -> str:
    """A name typed over lines in its cell (Alt+Enter) is one name: 合作镇福寿⏎老年公寓 → 合作镇福寿老年公寓 (blind
    audit of layouts) — on the consolidated forms, in the findings and in the reports alike (the 校验问题 sheet and
    the reports kept the break; audit of outputs)."""
    return "".join(part.strip() for part in name.splitlines()) if "\n" in name else name


def unify_lookalikes(s: str) -> str:
    """Radicals and compatibility ideographs (from text copied out of a PDF) → the common characters."""
    return s.translate(LOOKALIKES) if HAS_LOOKALIKE.search(s) else s


def to_halfwidth(s: str) -> str:
    """Full-width ASCII (Ａ１，：) → half-width; U+3000 → space; PDF lookalikes (⽼) → the common character (老).
    One character in, one out."""
    return (s if isinstance(s, str) else clean_text(s)).translate(_HALFWIDTH)


def norm_header(s: object) -> str:
    """Header text for matching: no whitespace, half-width, brackets and punctuation unified, lower case."""
    h = _WS.sub("", to_halfwidth(clean_text(s)))
    return h.translate(_BRACKETS).translate(_PUNCT).translate(_QUOTES).lower()


_NON_WORD = re.compile(r"[\W_]+")  # \W is exactly "not str.isalnum()" apart from "_"


def header_key(s: object) -> str:
    """`norm_header` with everything but letters, digits and CJK removed (brackets, units' %, punctuation).

    Computed directly (half-width, lower case, drop non-alphanumerics): every character `norm_header` maps
    is one that is dropped here anyway. It runs on every cell a header search looks at, so speed matters.
    """
    t = s if s.__class__ is str else clean_text(s)
    return _NON_WORD.sub("", t.translate(_KEYED).lower())  # type: ignore[union-attr]


# header_key of texts that recur from workbook to workbook (headers, titles, 填报单位 lines, unit names): every
# township's are the same few; bounded
header_key_cached = functools.lru_cache(maxsize=262144)(header_key)


def is_formula_text(s: object) -> bool:
    """Text Excel would take for a formula if written as typed. "-5" counts too; callers decide."""
    return isinstance(s, str) and s.strip()[:1] in ("=", "+", "-", "@")


def nearest(name: str, candidates: Sequence[str]) -> str | None:
    """The candidate most like `name` (difflib ratio on header keys), or None below 0.5."""
    key = header_key(name)
    if not key:
        return None
    best, best_ratio = None, 0.0
    for cand in candidates:
        ratio = SequenceMatcher(None, key, header_key(cand)).ratio()
        if ratio > best_ratio:
            best, best_ratio = cand, ratio
    return best if best_ratio >= 0.5 else None


def _text(v: object) -> str:
    """Cleaned and half-width: the form every text parser starts from."""
    return to_halfwidth(clean_text(v))


def _is_blank(v: object) -> bool:
    return clean_text(v) == ""


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _float(v: int | float) -> float:
    """float(v), with ints too large for a float as infinity (callers reject non-finite numbers)."""
    try:
        return float(v)
    except OverflowError:
        return math.inf


# ---------------------------------------------------------------- numbers

NOT_A_NUMBER = "不是有效的数字"
NEGATIVE = "不能为负数"
_UNITS = "家个人张处件所起份名户次条位项床间封宗例笔座"  # (封 of letters, 宗/例/笔 of cases: VALUE_INVALID; audit)
_INT_RE = re.compile(rf"([+-]?)(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(\d+))?[{_UNITS}]?")
_MINUS = str.maketrans({"−": "-", "﹣": "-"})


# (累计2起 — 附件4 is cumulative —, 总数20家, 已排查18家, 正在整治1起: the column's own words before its count; they were
# VALUE_INVALID, a right form sent back; blind audit of prose)
_COUNT_LEAD = re.compile(r"^(?:共计|合计|总计|共有|一共|总共|累计|总数为?|应排查|已排查|排查|正在整治|整治完成|共|计)(?=\d)")
# 20（含未登记2家）, and 3，其中1起已移送 — the remark after a comma, opened by a word that says it is one
_COUNT_REMARK = re.compile(r"(?<=[\d家个处人件起份])(?:\([^()]*\)|[,;](?:其中|含|包括|包含)[^,;]*)$")
# A count of facilities, problems or letters: far below this; above it a slip (or 1e308) that sums would overflow
MAX_COUNT = 10**15
TOO_LARGE = "数值过大"
_DIGITS_APART = re.compile(r"\d\s+\d")
DIGITS_APART = "数字之间有空格，一格只能填一个数"
_ZERO_WORDS = frozenset({"无", "没有", "暂无", "零", "〇", "-", "--", "—", "——", "–", "―", "/"})


@_never_raise
def parse_int(v: object) -> Norm[int]:
    """A count ≥ 0: 12, 12.0, "12", "12家", "12 家", "１２", "12.0"."""
    if _is_blank(v):
        return Norm()
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        return Norm(error=NOT_A_NUMBER)
    if isinstance(v, float):
        if not math.isfinite(v):
            return Norm(error=NOT_A_NUMBER)
        if not v.is_integer():
            # a formula's binary noise (=C5*7% saved as 7.000000000000001) shows a whole number: that number
            if abs(v - round(v)) > 1e-9 * max(1.0, abs(v)):
                return Norm(error="应为整数")
            v = round(v)
        v = int(v)
    if isinstance(v, int):
        return Norm(error=NEGATIVE) if v < 0 else Norm(v) if v <= MAX_COUNT else Norm(error=TOO_LARGE)
    text = _text(v)
    if _DIGITS_APART.search(text):  # 1 2, 3 3 6 6 0: a row's figures in one cell were read as 12 and 33660 (fuzz audit)
        return Norm(error=DIGITS_APART)
    compact = _WS.sub("", text)
    if compact in _ZERO_WORDS:
        return Norm(0)  # 无, 零, and a dash alone: a statistics table's way of writing none
    # 共20家, 20（家）, 20（含未登记2家）: the count with words around it
    compact = _COUNT_REMARK.sub("", _COUNT_LEAD.sub("", to_halfwidth(compact), count=1), count=1) or compact
    m = _INT_RE.fullmatch(compact.translate(_MINUS))
    if not m or len(m[2]) > 18:
        if (ocr := _OCR_DIGITS.fullmatch(compact.rstrip("家个处起件人份条"))) is not None:
            # 2O, l5: a digit read as a letter (a table converted from a photo), said as the points' are (blind audit)
            return Norm(error=f"{NOT_A_NUMBER}；“{ocr[0]}”中有字母，是不是{int(ocr[0].translate(_OCR_TABLE))}？请写成数字")
        return Norm(error=NOT_A_NUMBER)
    sign, digits, frac = m.groups()
    if frac and frac.strip("0"):
        return Norm(error="应为整数")
    n = int(digits.replace(",", ""))
    if sign == "-" and n:
        return Norm(error=NEGATIVE)
    return Norm(n) if n <= MAX_COUNT else Norm(error=TOO_LARGE)


_PERCENT_RE = re.compile(r"([+-]?(?:\d{1,15}(?:\.\d*)?|\.\d+))(%)?")


_PERCENT_REMARK = re.compile(r"\([^()]{1,20}\)$")


@_never_raise
def parse_percent(v: object, expected: float | None = None, shown_as_percent: bool | None = None) -> Norm[float]:
    """A percentage in percent units: "85%", "85", 85, and 0.85 from a %-formatted cell all give 85.0.

    A number is read as the cell shows it when its format is known (`shown_as_percent`: 0.5 in a %-formatted
    cell is 50 %, 0.85 in a General one 0.85 %). Where it is not (.xls, .ods), a bare number ≤ 1 is taken as a
    fraction (×100) unless `expected` (the percentage the counts give) is closer to the number itself: 1 of 100
    checked is 1 %, not 100 %.
    """
    if _is_blank(v):
        return Norm()
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        return Norm(error=NOT_A_NUMBER)
    if isinstance(v, str):
        text = _WS.sub("", _text(v)).translate(_MINUS)
        # 85%（17/20）: the share with how it was worked out beside it (VALUE_INVALID before; blind audit of 附件1)
        m = _PERCENT_RE.fullmatch(text) or _PERCENT_RE.fullmatch(_PERCENT_REMARK.sub("", to_halfwidth(text)))
        if not m:
            return Norm(error=NOT_A_NUMBER)
        raw, has_sign = float(m[1]), bool(m[2])
    else:
        raw, has_sign = _float(v), False
    if not math.isfinite(raw):
        return Norm(error=NOT_A_NUMBER)
    value = raw
    if shown_as_percent is not None:
        # (text shows as typed, whatever the cell's format: "0.85" is 0.85 % as the number 0.85 in a General cell
        # is — it was taken for 85 %, a township's wrong share passed and rewritten; audit of values)
        value = _times100(raw) if shown_as_percent and not isinstance(v, str) else raw
    elif not has_sign and 0 < raw <= 1.0:
        value = _times100(raw)
        if expected is not None and abs(raw - expected) < abs(raw * 100 - expected):
            value = raw
    elif not has_sign and not isinstance(v, str) and 1.0 < raw <= 10 and expected is not None and \
            abs(raw * 100 - expected) < 0.5 < abs(raw - expected):
        value = _times100(raw)  # 1.2 in a %-formatted cell shows 120%: more checked than the total, as the counts say
    if value < 0:
        return Norm(error=NEGATIVE)
    if value > 1000 and not (expected is not None and abs(value - expected) < 0.5):
        # (what the counts give — 101 checked of 10, 1010 %: CHECKED_EXCEEDS_TOTAL says what is wrong; the
        # consolidated workbook's own share of them failed its check as unreadable; audit of invariants)
        return Norm(error=f"单元格是百分比格式，显示为{value:g}%，超出范围；填{raw:g}的请把单元格格式改为常规"
                    if shown_as_percent and not isinstance(v, str) else "百分比超出范围")
    return Norm(value)


def _times100(fraction: float) -> float:
    """A fraction as the percentage Excel shows: 0.923 is 92.3, not the 92.30000000000001 of binary arithmetic
    (written so into the consolidated 附件1; audit of transformations)."""
    return round(fraction * 100, 10)


# ---------------------------------------------------------------- yes / no

ANSWER_EXPECTED = "应填“是”或“否”"
ANSWER_OR_NA_EXPECTED = "应填“是”“否”或“不涉及”"  # (a column allowing 不涉及: 纳入处非机制)
_LOGICAL_SAVED = "（单元格显示 TRUE/FALSE 的，是 LibreOffice 另存时把逻辑值存成了 1/0，请改填“是”或“否”）"
_YES, _NO, _NA = YesNo.YES, YesNo.NO, YesNo.NA

# Words a cell may start with; CJK words and ticks match as a prefix ("已建立"), Latin ones as a whole word.
_ANSWER_WORDS: dict[str, YesNo] = {
    "是的": _YES, "是": _YES, "已经": _YES, "已": _YES, "均已": _YES, "有": _YES,
    "√": _YES, "✓": _YES, "✔": _YES, "☑": _YES, "✅": _YES, "yes": _YES, "y": _YES, "true": _YES,
    # ∨ (the input method's “对” typed as 或-sign) and v: the tick Chinese keyboards give (audit of the 排查表)
    "∨": _YES, "v": _YES,
    "存在": _YES, "不存在": _NO,  # under a 是否存在 header (a facility's risk point)
    "否": _NO, "无": _NO, "未": _NO, "没有": _NO, "没": _NO, "不是": _NO, "尚未": _NO, "暂未": _NO, "暂无": _NO,
    "还没有": _NO, "还没": _NO, "还未": _NO, "仍未": _NO, "并未": _NO,  # (还没有 was VALUE_INVALID; audit of 附件1)
    "尚无": _NO, "还无": _NO,  # (尚无 was VALUE_INVALID; blind audit of prose)
    # still under way is not yet done: 正在通报 is no clue reported yet, 部分化解 is not resolved
    "正在": _NO, "部分": _NO, "待": _NO, "拟": _NO, "计划": _NO, "准备": _NO, "筹备": _NO,
    "预计": _NO, "打算": _NO,  # (预计下周通报 was 是; audit of the README's claims)
    # what will be done (将纳入, 下一步将通报): not done yet, as 拟 (it was VALUE_INVALID, an error; audit of prose)
    # (将 before the act itself, not 将其纳入: that is 把 — said of a deed, done or not)
    "将纳入": _NO, "将通报": _NO, "将移送": _NO, "将上报": _NO, "将报送": _NO, "将开展": _NO, "将于": _NO,
    "将尽快": _NO, "将及时": _NO, "将适时": _NO, "将会": _NO, "将要": _NO, "将在": _NO, "将按": _NO, "将依法": _NO,
    "下一步": _NO, "下步": _NO, "不予": _NO, "尚在筹备": _NO, "尚在筹建": _NO,  # (under way, not done)
    "化解中": _NO, "处置中": _NO,  # as 正在化解 (化解中 was VALUE_INVALID, sent back; audit of spellings)
    "基本化解": _NO,  # not all of it, as 部分化解 (it was VALUE_INVALID); 基本是, 基本完成 are still asked
    "×": _NO, "✗": _NO, "✘": _NO, "☒": _NO, "❌": _NO, "✖": _NO, "❎": _NO, "✕": _NO, "x": _NO, "no": _NO, "n": _NO, "false": _NO,
    # not applicable; checked before 无 so that 无需 is not read as 无
    "不涉及": _NA, "暂不涉及": _NA, "不适用": _NA, "无需": _NA, "不需要": _NA, "n/a": _NA, "na": _NA,
    "不属于": _NA,  # 纳入处非机制: 不属于（非法集资）
}
_ANSWER_ORDER = sorted(_ANSWER_WORDS, key=len, reverse=True)
# Dashes and slashes mean "not applicable" only as the whole cell.
_NA_MARKS = {"/", "\\", "-", "--", "---", "—", "——", "–", "―", "~"}
_TEMPLATE_PROMPT = re.compile(r"(是|有)\s*[/或]\s*(否|无)")  # "是/否" left as typed in the template
_SEP = ",:;()、[【 \t\r\n。.-—~"  # 是，王某某 / 是。王某某 / 是—微信公众号: the detail follows any of these
_LEAD = _SEP


def _answer_word(h: str) -> str | None:
    low = h.lower()
    for w in _ANSWER_ORDER:
        if low.startswith(w):
            if w.isascii() and w.isalpha() and low[len(w):len(w) + 1].isascii() \
                    and low[len(w):len(w) + 1].isalpha():
                continue  # "no" must not match "none"
            return w
    return None


def _after_separator(orig: str, h: str, start: int) -> str:
    """The text after the first separator at or after `start` (orig and h align char by char)."""
    for i in range(start, len(h)):
        if h[i] in _SEP and not (h[i] in ".-" and 0 < i < len(h) - 1 and h[i - 1].isdigit() and h[i + 1].isdigit()):
            return _tidy_tail(orig[i:])
    return ""


_CLOSER = {"(": ")", "【": "】", "[": "]"}


def _closes_inside(text: str, opener: str) -> bool:
    """`text` closes an `opener` bracket it did not open before its last character."""
    closer = _CLOSER[opener]
    depth = 0
    for k, ch in enumerate(text):
        if ch == opener:
            depth += 1
        elif ch == closer:
            if depth == 0:
                return k < len(text) - 1
            depth -= 1
    return False


def _tidy_tail(s: str) -> str:
    """Strip leading separators and a closing bracket left without its opening one: "（王某）" → "王某"."""
    h = to_halfwidth(s)
    i = 0
    while i < len(h) and (h[i] in _LEAD or h[i].isspace()):
        i += 1
    if (opened := max((h.rfind(b, 0, i) for b in _CLOSER), default=-1)) >= 0 and \
            _closes_inside(h[i:].rstrip(), h[opened]):
        i = opened  # （未备案）超范围经营: the bracket opens a part of the text, kept (it lost its （; audit)
    s, h = s[i:].rstrip(), h[i:].rstrip()
    while h and h[-1] in ")】]" and h.count("(") + h.count("【") + h.count("[") < \
            h.count(")") + h.count("】") + h.count("]"):
        s, h = s[:-1].rstrip(), h[:-1].rstrip()
    while h and h[-1] in ",;、。.":
        s, h = s[:-1], h[:-1]
    return s


_TICKS = "√✓✔☑☒■●∨"
_MARKS = _TICKS + "□☐○◯〇"
_BOTH_WORDS = re.compile(r"[\s/、,，;；|或]")
_BOTH_ANSWERS = frozenset(("是否", "否是", "有无", "无有", "已未", "未已"))
_QUESTION_WORDS = ("是否", "有无", "已未", "是不是", "有没有")  # a question asked, not answered (有无通报线索)
_QUESTION_ENDS = frozenset(":,?;.。 、")  # (half-width: to_halfwidth's of ：，？；。 and U+3000)


_BRACKET_BOX = re.compile(r"[（(\[【]\s*([√✓✔☑×xX✗])?\s*[）)\]】]")


def _box(m: re.Match[str]) -> str:
    return "√" if m.group(1) and m.group(1) not in "×xX✗" else "□"


def _mark_beside(h: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(h) and h[j] == " ":
        j += step
    return h[j] if 0 <= j < len(h) and h[j] in _MARKS else ""


def _ticked(h: str) -> tuple[YesNo | None, int] | None:
    """A 是/否 choice printed with a box at each word, one ticked (√是 □否, ☑是 ☐否, 是□ 否√): the ticked word
    (None when both or neither is) and where the choice ends; None when the cell is no such choice."""
    yes, no = h.find("是"), h.find("否")
    if yes < 0 or no < 0:
        return None
    for step in (-1, 1):  # boxes before the words, else after them
        marks = _mark_beside(h, yes, step), _mark_beside(h, no, step)
        if all(marks):
            ticked = [m in _TICKS for m in marks]
            value = None if ticked[0] == ticked[1] else _YES if ticked[0] else _NO
            end = max(yes, no) + 1
            if step == 1:
                end = h.index(marks[0] if no < yes else marks[1], end) + 1
            return value, end
    return None


def _answer(v: object, allow_na: bool) -> Norm[Answer]:
    if _is_blank(v):
        return Norm()
    if isinstance(v, bool):
        return Norm(Answer(value=_YES if v else _NO))
    if not isinstance(v, str):
        # LibreOffice saves a typed TRUE as the formula TRUE() with the value 1: the clerk sees TRUE, not a 1
        return Norm(error=ANSWER_EXPECTED + (_LOGICAL_SAVED if v in (0, 1) else ""))
    orig = clean_text(v)
    h = to_halfwidth(orig)
    if _TEMPLATE_PROMPT.fullmatch(h):
        return Norm(error=ANSWER_EXPECTED)
    if h in _NA_MARKS:
        return Norm(Answer(value=_NA)) if allow_na else Norm(error=ANSWER_EXPECTED)
    choice = _ticked(h)
    if choice is None and "是" in h and "否" in h and _BRACKET_BOX.search(h):  # 是（ ）否（√）: a bracket a box
        boxed = _BRACKET_BOX.sub(_box, h)
        if (choice := _ticked(boxed)) is not None:
            orig, h = _BRACKET_BOX.sub(_box, orig), boxed
    if choice is not None:
        value, end = choice
        if value is None:
            return Norm(error=ANSWER_EXPECTED)  # both boxes ticked, or neither
        return Norm(Answer(value=value, detail=_tidy_tail(orig[end:])))
    if h.startswith(_QUESTION_WORDS):
        # the header's 是否/有无 copied: 有无 and 已未 read as 有, 已 (value audit); the question, then its answer
        # after a mark or a space (是否立案：否, 是否抽调专班？是, 是否成立…，是，王某) is that answer: the first that
        # reads as one (a mark in the question or the detail is passed over)
        for i, ch in enumerate(h):
            if ch in _QUESTION_ENDS and (got := _answer(orig[i + 1:], allow_na)).ok and got.value is not None:
                return got
        return Norm(error=ANSWER_EXPECTED)
    if 1 < len(h) < 8 and h[-1] in "否是无有未已" and _BOTH_WORDS.sub("", h) in _BOTH_ANSWERS:
        return Norm(error=ANSWER_EXPECTED)  # both words left standing (有、无, 已/未, 否 是)
    if _UNKNOWN_ANSWER.fullmatch(h):
        # 未知, 未确定, 未明: that it is not known, not 否 (未…) — read as 否, the facility's clue or case said not
        # done without a word (mutation audit); asked, as 不详 and 不清楚 are
        return Norm(error=ANSWER_EXPECTED)
    word = _answer_word(h)
    if word is None and (m := _LEADING_DATE.match(h)) and m.end() < len(h):
        if _answer_word(h[m.end():]):
            # 6月10日已通报, 2022.6.9已纳入: the date it was done, then the answer (立案 read them; 通报 was VALUE_INVALID)
            got = _answer(orig[m.end():], allow_na)
            if got.value is not None:
                return got  # (the date is no detail: 6月1日已成立 still names no 负责人, DETAIL_MISSING)
        elif (act := _DATED_ACT.match(h, m.end())) and not _UNDONE.search(h, m.end()):
            # 6.9通报, 6月9日向镇政府通报: a deed dated is done, as 6月9日已通报 is (it was VALUE_INVALID; audit of
            # 附件3 as filled)
            return Norm(Answer(value=_YES, detail=_after_separator(orig, h, act.end())))
    if word is None:
        return Norm(error=ANSWER_EXPECTED)
    value = _ANSWER_WORDS[word]
    if value == _NA and not allow_na:
        return Norm(error=ANSWER_EXPECTED)
    if h[len(word):len(word) + 1].isdigit():  # 是3、5: the numbers follow the word directly
        return Norm(Answer(value=value, detail=_tidy_tail(orig[len(word):])))
    rest = h[len(word):]
    if value == _YES and word in ("已", "已经", "均已") and (rest.startswith(_INTENT) or
                                                          rest.startswith("拟") and not rest.startswith(("拟定", "拟订"))):
        # 已计划通报, 已申请（登记）: what is planned or asked for is not done (it read as 是; blind audit)
        return Norm(Answer(value=_NO, detail=_tidy_tail(orig[len(word):])))
    return Norm(Answer(value=value, detail=_after_separator(orig, h, len(word))))


_UNKNOWN_ANSWER = re.compile(r"(?:尚|暂|目前)?(?:未知|未明|未确定|不确定|未知晓|不知道|不知|未核实|未核查|未查明)[。.？?]?")
# an answer that says it is not known yet (无法确定, 未排查, 有待核实): under a risk point or a fact it decides, read
# as 否 (无/未/没 …) or 是 (有 …), a facility graded 绿 or 红 without a word (blind audit of spellings)
UNSURE = re.compile(r"(?:有|尚)?待(?:核|查|定|确认|认定)|无法(?:确定|判断|判定|核实|核查|确认|认定|查明)|无从|"
                    r"未(?:排查|检查|掌握|了解|核查|核实|查明)|没(?:有)?查(?!到)|不(?:掌握|了解|清楚|确定|详|明)|说不清|"
                    r"难以(?:确定|判断|认定|核实)")


_DATED_ACT = re.compile(r"(?:向[^,;:。]{1,20}?)?(?:通报|纳入|成立|建立|开通|组建|抽调|报送|上报|移交)")
_UNDONE = re.compile(r"[未没拟待尚]|计划|准备|打算")
_LEADING_DATE = re.compile(r"\s*(?:\d{4}\s*[-./年]\s*)?\d{1,2}\s*[-./月]\s*\d{1,2}\s*[日号]?\s*[,;、:]?\s*")
_INTENT = ("计划", "准备", "申请", "筹备", "着手", "打算")  # and 拟 (已安排专人, 已拟定制度, 已研究部署: done)


@_never_raise
def parse_answer(v: object, allow_na: bool = False) -> Norm[Answer]:
    """是/否, 有/无, 已/未, √/×, Y/N, with the detail after the first separator: "是，王某某（副镇长）".

    With `allow_na`, 不涉及, 不适用, 无需, "/", "—" mean not applicable (纳入处非机制).
    """
    got = _answer(v, allow_na)
    return Norm(error=ANSWER_OR_NA_EXPECTED) if allow_na and got.error == ANSWER_EXPECTED else got


# ---------------------------------------------------------------- numbered items

@dataclass(frozen=True)
class _Items:
    table: dict[int, str]
    other: int
    label: str
    words: dict[int, str] | None = None  # the notice's full wording, where longer than `table`


_KINDS = {
    "points": _Items(RISK_POINTS, OTHER_POINT, "风险隐患点", NOTICE_POINTS),
    "measures": _Items(MEASURES, OTHER_MEASURE, "打击整治措施"),
    "criteria": _Items(CRITERIA, 11, "化解情形"),
}
# Short forms that are not a substring of the item's text (substrings are matched anyway).
_ALIASES = {
    "points": {"虚假宣传": 4, "夸大宣传": 4, "爆雷": 13, "没有收取大额预付费": 9,  # 9 as 附件3's 填报说明 words it
               # the points shortened as townships head a column of each (they were VALUE_INVALID; audit of layouts)
               "大额预付费用于弥补设施建设资金不足": 1, "预付费用于弥补设施建设资金不足": 1, "分支机构扩张过快": 2,
               "服务网点扩张过快": 2, "频繁变更登记注册地": 3, "频繁变更注册地": 3, "频繁变更法人": 3,
               "负责人因经济犯罪被起诉": 6, "因经济犯罪被提起诉讼": 6, "因经济犯罪被起诉": 6, "纳入失信联合惩戒对象名单": 6,
               "失信联合惩戒": 6, "预付费对象数量超过床位总数": 8, "预付费对象超过床位总数": 8,
               "未经登记无预付费": 9, "未经登记但无收取大额预付费": 9, "未经登记无大额预付费": 9, "未登记无预付费": 9,
               "未经登记有预付费": 10, "未经登记且收取大额预付费": 10, "未经登记有大额预付费": 10, "未登记有预付费": 10,
               "收取预付费且资不抵债": 12, "预付费且资不抵债": 12,
               # as clerks put them in a sentence (VALUE_INVALID; audit of prose)
               "引起重大舆情": 14, "造成重大舆情": 14, "负责人被投诉举报": 6, "被投诉举报": 6, "涉嫌诈骗": 11,
               "收取预付费超过床位数": 8, "预付费超过床位数": 8, "预付费人数超过床位数": 8, "预付费资金使用不规范": 7,
               "资金使用不规范": 7, "未经登记未收取预付费": 9,
               "未经登记收取大额预付费": 10, "未经登记收取预付费": 10,
               # paraphrased as clerks shorten the notice (VALUE_INVALID, a right form sent back — or, beside a
               # number, dropped unsaid; blind audit of points in words)
               "负面舆情": 14, "暴雷": 13, "预付费主要用于弥补设施建设资金不足": 1, "收取大额预付费用于弥补建设资金": 1,
               "预付费用于弥补建设资金": 1, "预付费人数超床位": 8, "预付费人数超过床位": 8, "收费对象数量超过床位总数": 8,
               "对象数量超过床位总数": 8, "超床位收费": 8, "超床位收取预付费": 8, "未经登记但没有收取预付费": 9,
               "未登记但没有收取预付费": 9, "未经登记但未收取预付费": 9, "未登记未收取预付费": 9,
               "未登记且收取大额预付费": 10, "未登记且收取预付费": 10, "未经登记且收取预付费": 10, "未登记收取预付费": 10,
               "法定代表人频繁变更": 3, "法人频繁变更": 3, "法人变更频繁": 3, "变更注册地": 3, "有关联交易": 5,
               "法人有经济犯罪记录": 6, "有经济犯罪记录": 6, "法人经济犯罪": 6, "负责人被起诉": 6, "投资人被起诉": 6,
               "法人被起诉": 6, "被起诉": 6, "被列入经营异常名录": 6, "列入经营异常名录": 6, "纳入黑名单": 6,
               "列入黑名单": 6, "法人被投诉": 6, "网点扩张快": 2, "扩张过快": 2, "宣传不实": 4,
               # shorter still (VALUE_INVALID; blind audit of paper-form habits)
               "超床位": 8, "超过床位": 8, "无证无预付": 9, "无证无预付费": 9, "无证有预付": 10, "无证有预付费": 10,
               "资金用于设施建设": 1, "预付费用于设施建设": 1, "预付费用于建设": 1},
    "measures": {"停业": 5, "清退": 6, "移送公安": 7, "办理登记": 8, "约谈": 3, "抽查频次": 2, "检查频次": 2,
                 # the notice's own words for them (二（二）三): 警示约谈其主要负责人，责令整改，督促清退资金 was refused
                 # whole (VALUE_INVALID) though it names 3, 4 and 6 (blind audit of the rules)
                 "警示约谈其主要负责人": 3, "约谈其主要负责人": 3, "约谈主要负责人": 3, "约谈负责人": 3,
                 "督促其尽快办理登记": 8, "尽快办理登记": 8, "依法办理登记": 8, "督促登记": 8, "督促其登记": 8, "移送司法机关依法处理": 7,
                 "责令退还资金": 6, "退还资金": 6, "做好风险提示": 1, "要做好风险提示": 1, "要警示约谈其主要负责人": 3,
                 # as townships word them (they were VALUE_INVALID, the form sent back; audit of 附件3)
                 "限期整改": 4, "整改通知书": 4, "该关停的予以关停": 5, "关停": 5, "停止经营": 5, "退费": 6, "退款": 6, "移送公安机关": 7,
                 "移交公安机关": 7, "移交公安": 7, "移交司法机关": 7, "抽查": 2,
                 "督促退还预付费": 6, "督促退还预付款": 6, "退还预付费": 6, "退还预付款": 6, "督促退还": 6,
                 # 9 and 10 shortened to who acts (as a tick column's header or a cell; they were VALUE_INVALID)
                 "社会组织登记管理部门查处取缔": 9, "社会组织登记管理部门依法查处取缔": 9, "登记管理部门查处取缔": 9,
                 "社会组织登记管理部门查处": 9, "移交市场监管部门处理": 10, "移交市场监管部门依法处理": 10,
                 "市场监管部门依法处理": 10, "市场监管部门处理": 10, "书面移交市场监管部门": 10,
                 # as clerks shorten them (VALUE_INVALID; blind audit of measures in words)
                 "风险提示函": 1, "加大检查频次": 2, "加大抽查频次": 2, "下达整改通知书": 4, "下达整改通知": 4, "督促整改": 4, "约谈法人": 3,
                 "约谈法定代表人": 3, "停业整顿": 5, "依法取缔": 9, "督促办证": 8, "督促其办理登记": 8,
                 "移交市监局": 10, "线索移交市监局": 10, "移交市场监管": 10, "移交市场监管部门": 10},
    "criteria": {"第三方存管": 2, "专用存款账户": 2, "还款计划": 1, "清退": 3, "退还": 3, "退费": 3, "退款": 3, "安置": 9,
                 "低保": 10,
                 "特困供养": 10, "临时救助": 10,
                 # the criterion said with its subject first (RESOLVED_NO_CRITERION of a right answer; audit of values)
                 "资金清退": 3, "资金已清退": 3, "资金全部清退": 3, "资金已全部清退": 3, "全部清退": 3, "妥善安置": 9,
                 "老年人已妥善安置": 9, "老人已妥善安置": 9, "老年人已安置": 9, "老人已安置": 9, "关停取缔": 4,
                 "已关停取缔": 4, "取缔": 4,
                 # the act before whom it concerns (是，已安置老人: RESOLVED_NO_CRITERION; blind audit of typing habits)
                 "已安置老人": 9, "安置老人": 9, "已安置老年人": 9, "安置老年人": 9, "已全部安置": 9, "全部安置": 9,
                 "老人已全部安置": 9, "老年人已全部安置": 9,
                 # the refund, registration, relief and repayment said in a clerk's words (RESOLVED_NO_CRITERION of a
                 # resolved facility, and FACILITY_DROPPED when it left the list; audit of prose)
                 "退还全部预付费": 3, "全部退还预付费": 3, "预付费全部退还": 3, "预付费已全部退还": 3, "退还预付费": 3,
                 "全部退还": 3, "依法办理登记": 5, "办理登记": 5, "办理了登记": 5, "依法登记": 5, "给予临时救助": 10,
                 "困难老人已给予临时救助": 10, "纳入第三方存管": 2, "资金纳入第三方存管": 2,
                 "按还款计划还款": 1, "按计划还款": 1, "按期还款": 1, "按期履行": 1,
                 # handed to the police: criterion 6, as measure 7 reads them (RESOLVED_NO_CRITERION; blind audit)
                 "移送公安机关": 6, "移送公安": 6, "移交公安机关": 6, "移交公安": 6, "移交司法机关": 6},
}
_DESC_KEYS = {
    kind: sorted(((header_key(t), n) for n, t in it.table.items() if n != it.other), key=lambda kn: -len(kn[0]))
    for kind, it in _KINDS.items()
}
# an item's text and its short forms, longest first: 警示约谈其主要负责人 before 警示约谈 (which left 其主要负责人 over)
_MATCH_KEYS = {kind: sorted([*_DESC_KEYS[kind], *((header_key(a), n) for a, n in _ALIASES[kind].items())],
                            key=lambda kn: -len(kn[0])) for kind in _KINDS}
# every measure's and criterion's words: a marker right after one of them still opens the next (警示约谈未移送…)
_ITEM_WORDS = tuple(sorted({k for kind in ("measures", "criteria") for k, _ in _MATCH_KEYS[kind]}))
_CIRCLED = {
    **{chr(0x2460 + i): f" {i + 1} " for i in range(20)},  # ①–⑳
    **{chr(0x2474 + i): f" {i + 1} " for i in range(20)},  # ⑴–⒇
    **{chr(0x2488 + i): f" {i + 1} " for i in range(20)},  # ⒈–⒛
    **{chr(0x2776 + i): f" {i + 1} " for i in range(10)},  # ❶–❿
    **{chr(0x2780 + i): f" {i + 1} " for i in range(10)},  # ➀–➉
    **{chr(0x278A + i): f" {i + 1} " for i in range(10)},  # ➊–➓
    **{chr(0x2160 + i): f" {i + 1} " for i in range(12)},  # Ⅰ–Ⅻ
    **{chr(0x2170 + i): f" {i + 1} " for i in range(12)},  # ⅰ–ⅻ
}
_CIRCLED_TABLE = str.maketrans(_CIRCLED)
_OTHER_RE = re.compile(r"其[他它]")
# Words that may follow 其他 before the described case: "15.其他情形：…", "11.其他规范整治措施：…".
_OTHER_WORDS = ("规范整治措施(需具体明确)", "规范整治措施", "整治措施", "措施", "风险隐患点", "风险隐患", "情形", "情况",
                "问题")
_DIGIT = re.compile(r"\d")
_NUM_RE = re.compile(r"(\d+)(?:\s*[-~〜至到—–―]\s*(\d+))?")
_ZERO_DECIMAL = re.compile(r"(\d)\.0+(?!\d)")  # "7.0" is 7, not 7 and 0
# Numbers in a remark are not items: a bracket that holds more than numbers (（6月排查发现）（6.15）（2号楼）),
# and outside brackets dates (2022年6月10日, 6月5日), years (2022年, 2022-06) and counts (11人, 50万元, 30张床).
_REMARK_BRACKET = re.compile(r"\((?!(?:措施|第|风险隐患点|隐患点|化解情形|情形)?[\d\s,;、和及项]+\))[^()]*[^\d\s,;、和及()][^()]*\)")
_REMARK_NUMBER = re.compile(
    r"\d{4}\s*[-./年]\s*\d{1,2}(?:\s*[-./月]\s*\d{1,2}\s*[日号]?)?"
    r"|\d{4}\s*年"
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?份?"
    # a short date before what was done on it (3、4，6.10已约谈): not items 6 and 10
    # (a one-digit month and a two-digit day: 3.4已落实 and 10.12均存在 stay items)
    r"|(?<![\d.])[1-9]\.(?:3[01]|[12]\d)(?=[\u4e00-\u9fff])(?![项条点等和及其])"
    r"|(?<![\d.])\d+(?:\.\d+)?\s*[余多]?\s*(?:人|名|家|元|万|千|百|亿|次|张|个|岁|床|户|天|周|小时|%|位|间|笔|份|起|栋|平方|层|处|辆|套|年"
    # days and rounds (责令7日内整改, 检查2轮): 7日内 was measure 7, 移送司法机关 never taken (audit of 附件3)
    r"|日(?!期)|轮|遍|批|趟)")
def _other_item(h: str, it: _Items) -> re.Match[str] | None:
    """Where the item 其他 is named, not a word inside an item's own text (7's "…名下其他关联企业…") or a remark
    in brackets: 其他 standing first, or after a number, a separator or 及/和/等/第…项, or followed by a colon,
    情形/措施 or nothing (2、4等其他情形：…, 第1、3项其他：…); opening a bracket only when so followed (15（其他：…）).
    Not where the number before it is labelled with its own words (7.其他关联企业 is point 7's text, not 7 and 15)."""
    blanked = _REMARK_BRACKET.sub(_blank, h)
    for m in _OTHER_RE.finditer(h):
        before = h[:m.start()].rstrip()
        after = h[m.end():].lstrip()
        if _own_words(before, m[0] + _HAN_RUN.match(after)[0], it):  # type: ignore[index]  # (…)* always matches
            continue
        named = not after or after[0] in ":：,，;；、。.)）" or after.startswith(_OTHER_WORDS)
        if before.endswith(("(", "（")):
            if named:
                return m
            continue
        if blanked[m.start()] == " ":
            continue  # inside a remark
        if named or not before or not _is_han(before[-1]) or before[-1] in "及和与或等第项":
            return m
    return None


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]*")
_LABEL_BEFORE = re.compile(r"(?<!\d)(\d{1,2})\s*[.、:]?\s*$")


def _own_words(before: str, words: str, it: _Items) -> bool:
    """`words` (其他 and the words after it) are part of the text of the item numbered just before them."""
    label = _LABEL_BEFORE.search(before)
    if label is None or len(words) <= 2:
        return False
    own = (it.words or it.table).get(int(label[1]))
    return own is not None and int(label[1]) != it.other and header_key(words) in header_key(own)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _blank(m: re.Match[str]) -> str:
    return " " * len(m[0])  # the same length: a tail is cut from the end of the original text


_SEGMENT_SEP = re.compile(r"[,;、。.:()\s/|]+")
_FILLERS = {"", "等", "和", "及", "与", "以及", "或", "第", "项", "条", "点", "的", "情形", "其他", "其它",
            "已", "已经", "进行", "已进行", "开展", "已开展", "实施", "已实施", "并",
            "存在", "行为", "有",  # 存在虚假或夸大宣传行为: point 4 (“存在” was said to name several)
            "加大监管力度", "提醒规范运营",  # the notice's words beside 风险提示 and 增加抽查检查频次, no measure of their own
            # …and around its other measures (要做好风险提示…; 对涉嫌犯罪的，移送司法机关依法处理; 责令退还资金，协同…联合执法查处)
            "对涉嫌犯罪的", "涉嫌犯罪的", "协同社会组织登记管理机关", "市场监管部门联合执法查处", "联合执法查处",
            "下达", "已将线索", "将线索", "立案侦查", "全部", "已全部", "资金", "资金已", "完毕", "已完毕", "处理",
            "依法处理",
            # 7's qualifier alone names no risk: 资可抵债 was read as 7, 橙 (blind audit of points in words)
            "资可抵债", "运营比较平稳", "资可抵债运营比较平稳",
            # the answer's own words beside its criteria (化解完毕，已清退: 3 — it was none; blind audit of prose)
            "化解", "已化解", "化解完毕", "已化解完毕", "有效化解", "已有效化解", "风险已化解", "全部化解", "已全部化解"}
# beside measures, who and how often, and what followed (每月抽查, 已对负责人警示约谈, 已下达整改通知书, 移送…公安机关已
# 立案侦查): no measure of their own (VALUE_INVALID of measures written as clerks write them; audit of prose) — among
# the criteria 已立案 is one (7)
# what joins measures in a clerk's sentence: and, already, to whom, how often (已对其进行风险提示，并每月抽查一次,
# 对负责人进行警示约谈，并责令限期整改: VALUE_INVALID, sent back; regression net of the codes)
_MEASURE_GLUE = re.compile(r"^(?:并|和|及|且|同时)?(?:已经?|均已)?(?:对(?:其负责人|其|该机构|该场所|负责人|主要负责人|法定代表人|法人)"
                           r"(?:进行|开展)?)?(?:进行|开展)?(?:每月|每周|定期)?(?:一次|1次|两次|2次)?$")
_MEASURE_FILLERS = _FILLERS | {  # (to whom and how often: _MEASURE_GLUE)
    "已下达", "公安机关已立案侦查", "公安机关已立案", "公安已立案", "已立案侦查", "已立案",
    "手续", "相关手续"}  # (督促其尽快办理登记手续: the notice's 8, VALUE_INVALID for its 手续; blind audit of prose)


# a 风险隐患点 cell saying there is none (无, /, 无风险隐患点): read as no points — the facility is 绿 (SPEC: no points →
# GREEN), GREEN_IN_LIST or LEVEL_OVERRATED beside a declared level; not a cell that cannot be read
NO_POINTS_WRITTEN = frozenset(("无", "没有", "/", "-", "—", "——", "0", "暂无", "无风险", "无风险点", "无隐患", "无风险隐患",
                               "无风险隐患点", "未发现", "未发现风险隐患", "不存在",
                               "０", "／", "－"))  # (full-width as typed with the Chinese input method: ０ was VALUE_INVALID; audit)


def no_points_written(points: Numbers, raw: str) -> bool:
    """No point, written as such (not a blank cell, not one that could not be read): 无, or every point named
    ruled out (7（已排除）, 无7)."""
    return not points.items and (raw in NO_POINTS_WRITTEN or bool(raw) and _DIGIT.search(raw) is not None
                                 and _RULED_OUT_WORDS.search(to_halfwidth(raw)) is not None)


# what says a point named is not there (7（已排除）, 7（不存在）, 无7, 7（经核实无）)
# (the words _EXCLUDED takes for a point ruled out, all of them: 7（无此情形） was VALUE_INVALID; review)
_RULED_OUT_WORDS = re.compile(r"(?<![未不没待难])排除|删除|剔除|去除|核销|不存在|否定|否认|不属实|不实|无此|^无|"
                              r"(?:核实|核查|排查|查).{0,2}无")


_LETTERED = re.compile(r"[A-Za-z]+\d+[A-Za-z\d]*")
# an item of digits and letters that look like digits, standing alone in the list (6、I3, 6、1l, 2、l0, 1O): a scan's
# or a typist's misreading, not a word (P2P, O2O平台 in a remark): 6、I3 read 6, 6、1l read 1、6 (audit of pasted text)
# (any place a number stands: 第6、l3项, 6（I3）, 1-l0, 6、I3等; a lone l or I between separators: l、6) — only where
# it would be an item (O2O is 020: a word, as before; review)
_OCR_DIGITS = re.compile(r"(?<![A-Za-z0-9])(?=[0-9IlOo]*[IlOo])(?=[0-9IlOo]*[0-9Il])[0-9IlOo]+(?![A-Za-z0-9])")
_OCR_TABLE = str.maketrans("IlOo", "1100")


def _misread_item(h: str, end: int, it: _Items) -> str | None:
    """The first item of `h` (up to `end`) with a digit misread as a letter, when read as digits it is an item."""
    for m in _OCR_DIGITS.finditer(h, 0, end):
        before, after = h[m.start() - 1:m.start()], h[m.end():m.end() + 1]
        if IDEOGRAPH.match(before) and before not in "第和及至到" or IDEOGRAPH.match(after) and after not in "项点条等和及":
            continue  # inside words, not standing as a number (1O号楼 is a building, I类 a class)
        token = m[0]
        if 1 <= int(token.translate(_OCR_TABLE)) <= len(it.table) or token[0].isdigit() or token[-1].isdigit():
            return token  # (2O, l2 out of range are said too, as 20 typed is; O2O, a word's letters around, is not)
    return None


IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
# an item of a list of numbers that is letters (not No), a question mark or an ellipsis, or a number with a letter
# glued on, standing between separators (the list's half-width text)
_STRAY_ITEM = re.compile(r"(?:^|[、,;/\s])\s*((?!(?:no|NO|No)\b)[A-Za-z]+|\d+[A-Za-z]+|[?？…⋯]+)\s*(?=$|[、,;/\s])")
_ITEM_WORD = re.compile(r"^\s*[号项条点]")


class _Asked(Exception):
    """Words that say what is to be done, not whether it was (要移送司法机关): the cell is asked, whatever else it
    names (_described raises it where the words are found, however deep) — unless the item is written as a number
    too. `item`: the item the words name; `words`: the segment they were found in."""

    def __init__(self, message: str, item: int = 0, words: str = "") -> None:
        super().__init__(message)
        self.item, self.words = item, words


@_never_raise
def parse_numbers(v: object, kind: str) -> Norm[Numbers]:
    """Numbered items: "1、3、7", "①③", "1-3", "第1、3项", the items' own text, "15.其他：…" with its text.

    `kind` is "points" (1–15, 15 = 其他), "measures" (1–11) or "criteria" (1–11).
    """
    try:
        return _parse_numbers(v, kind)
    except _Asked as asked:
        text = v if isinstance(v, str) else ""
        if asked.words and asked.words in text and re.search(
                rf"(?<![\d.]){asked.item}(?!\d|\.\d)", (rest := text.replace(asked.words, " "))):
            # the item asked for written as a number beside it (3、4、6、需督促清退资金): the words restate it
            try:
                return _parse_numbers(rest, kind)
            except _Asked:
                pass
        return Norm(error=str(asked))


# a cell referring to another form instead of its items (同附件2, 详见附表2名单, 与附件2一致)
_FORM_REFERENCE = re.compile(r"(?:同|见|详见|参见|参照|如|按|与|和)?(?:上述|上表|前表|前述)?(?:附件|附表|表)([1-4一二三四])"
                             r"(?:名单|表|中|内|所列|所填|的|一致|相同|内容|风险隐患点|措施|项)*[。.]?")


def form_referred(text: str) -> str:
    """The number of the form a cell refers to instead of giving its items ("2" for 见附件2, 同附表二名单), else ""."""
    if "附" not in text and "表" not in text:
        return ""
    m = _FORM_REFERENCE.fullmatch(to_halfwidth(text).replace(" ", "").replace("\u3000", ""))
    return "" if m is None else str("一二三四".index(m[1]) + 1) if m[1] in "一二三四" else m[1]


# one number with a minus (-3): not a bullet before a list (- 7、2, -3、4、6 are read; review)
_NEGATIVE_ITEM = re.compile(r"\s*[-\u2212]\s*\d{1,2}(?:\.0)?\s*项?\s*[。.、,，;；]?\s*")  # (-3。 -3、 - 3 too; review)


def _parse_numbers(v: object, kind: str) -> Norm[Numbers]:
    it = _KINDS.get(kind)
    if it is None:
        return Norm(error=f"未知的编号类型：{kind}")
    if _is_blank(v):
        return Norm()
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        return Norm(error=_unreadable(it))
    if _is_number(v):
        if isinstance(v, float) and math.isfinite(v) and not v.is_integer():
            # 1.4 typed into a General cell is stored as a number: read as the text 1.4 is (1、4), unless a 0 it
            # ended with may have been dropped (1.10 is stored 1.1: points 1 and 10, or 1 and 1?)
            whole, _, frac = repr(v).partition(".")
            if v > 0 and whole.isdecimal() and frac.isdecimal():
                if int(frac + "0") > len(it.table):
                    return parse_numbers(repr(v), kind)
                return Norm(error=f"{_unreadable(it)}；单元格存的是数字{v!r}（是{whole}、{frac}0？），几个编号请用顿号隔开，"
                                  "并把单元格设为文本")
        return _single_number(v, it)  # type: ignore[arg-type]
    orig = clean_text(v)
    h = to_halfwidth(orig)
    if form_referred(h):
        # 见附件2, 同表3, 与附件2一致 where the items are asked (措施, 附件2's points): another form referred to, its
        # number read as item 2 (附件3's 风险隐患点 so written is 附件2's, parse.refers_to_list; clerk expectation)
        return Norm(error=f"{_unreadable(it)}；“{orig.strip()}”指向另一张表，请在此直接填写编号（如 1、3）")
    if _NEGATIVE_ITEM.fullmatch(h):  # -3 typed as text: no item, as the number -3 is none (it read 3; audit of values)
        return Norm(error=f"{_unreadable(it)}；“{orig.strip()}”以“-”开头，编号前不要加“-”")
    other_text = ""
    m = _other_item(h, it)
    if ocr := _misread_item(h, m.start() if m else len(h), it):
        return Norm(error=f"{_unreadable(it)}；“{ocr}”中有字母，是不是{int(ocr.translate(_OCR_TABLE))}？请写成数字")
    if not IDEOGRAPH.search(h) and (stray := _STRAY_ITEM.search(h)):
        # a letter or a sign standing for an item in a list of numbers alone (2、A, 1、2、b, 2、?, 2a): a slip, not a
        # remark — read as 2 it was lost from the consolidated cell, unsaid (audit of values); words are remarks
        return Norm(error=f"{_unreadable(it)}；“{stray[1]}”不是编号，请改为编号或删去")
    if kind in ("measures", "points") and ("(" in h or "（" in h):
        # an item named by its words, its bracket saying it is not there (移送司法机关（未移送）, 涉嫌非法集资（已排除）):
        # as 7（拟） and 11（已排除） are (they counted; audit of prose)
        for a, b in (denied := _denied_by_words(h, kind)):
            orig, h = orig[:a] + " " * (b - a) + orig[b:], h[:a] + " " * (b - a) + h[b:]
        if denied and kind == "measures" and not _SEPARATORS_ONLY.sub("", h):
            return Norm(Numbers())  # the one measure named not taken: none taken, as 7（拟） (MEASURE_MISSING says it)
    # a word of letters and digits (P2P, O2O, H5) in a remark is no point: 13、P2P爆雷 gave 2 and 13 (review);
    # blanked where it stands (the original and its half-width form keep their positions), 其他's text kept
    for a, b in (x.span() for x in _LETTERED.finditer(h, 0, m.start() if m else len(h))):
        orig, h = orig[:a] + " " * (b - a) + orig[b:], h[:a] + " " * (b - a) + h[b:]
    after: set[int] = set()
    if m:
        end = len(h)
        if (more := _ITEMS_AFTER_CASE.search(h, m.end())) is not None:
            after = {int(d) for d in re.findall(r"\d+", more[1])}
            if after <= set(range(1, len(it.table) + 1)):
                end = more.start()
            else:
                after = set()
        head, other_text = h[:m.start()], _other_text(orig[m.end():end])
    else:
        head = h
    if _CN_ITEM.search(head):  # 第二、四项, 7、十二: numbers in words (the 其他 text is left as written)
        converted = _CN_ANY.sub(lambda x: str(_cn_int(x[0])), head)  # then every numeral standing alone
        if m is None:
            orig, head = converted, converted
        else:
            orig, head = converted + orig[len(head):], converted
    found: tuple[set[int], str] | str
    if "\n" in head and (listed := _enumerated(head, kind, it)) is not None:
        found = listed
    elif _DIGIT.search(head.translate(_CIRCLED_TABLE)):
        found = _numbered(orig[:len(head)], kind, it)
    else:
        # a bracket is a remark here too: the notice's own 7 carries （包括但不限于投资不动产、股票…）
        described = _described(_BRACKETED.sub(" ", head), kind, it, strict=True)
        found = described if isinstance(described, str) else (described, "")
    if isinstance(found, str):
        return Norm(error=found)
    items, tail = found
    if m:
        items |= {it.other, *after}
    elif tail:
        other_text = tail  # "15：租用场地到期" without the word 其他
    if not items:
        # 7（拟移送公安）, 尚未移送司法机关: the one measure named not taken — none taken, as 无 (MEASURE_MISSING says it)
        # (every number said not taken or not met — 拟7, 是，3（未完成）: none, as 无; MEASURE_MISSING and
        # RESOLVED_NO_CRITERION say so)
        if kind == "points" and _DIGIT.search(head) and _RULED_OUT_WORDS.search(h):
            # 7（已排除）, 7（不存在）, 无7: the one point named is not there — none, as 无 (it was VALUE_INVALID
            # “无法识别”, though 1、7（已排除） reads 1; blind audit of the rules)
            return Norm(Numbers())
        return Norm(Numbers()) if _only_not_taken(h, kind) or kind != "points" and _DIGIT.search(head) \
            and _UNMET_SAID.search(h) \
            else Norm(error=_unreadable(it))
    if kind == "measures" and not m and not _DIGIT.search(head) and "已" not in head and _opens_not_taken(head) \
            and not _CLAUSE_SEP.search(head.strip()):
        return Norm(Numbers())  # 下步将警示约谈、责令整改: the marker opening the list covers all of it (4 was taken)
    return Norm(Numbers(items=tuple(sorted(items)), other_text=described_case(other_text)))


# numbers listed after 其他's case past a stop (15.其他：私自收取押金；6、7), or after a comma or 、 ending its words
# (15.其他：以房养老推销、11: the red point 11 was kept in the case's text, lost; blind audit of classify): more
# items, not the case's words
_ITEMS_AFTER_CASE = re.compile(r"(?:[;；。]|(?<=[\u4e00-\u9fff)）])[、,，])\s*((?:第?\d{1,2}项?(?:\s*[、,，]\s*|\s+))*"
                               r"第?\d{1,2}项?)\s*[。.;；]?\s*$")


_LIST_LINE = re.compile(r"\s*[(（]?(\d{1,2})\s*[、.．:：)）]\s*(\S.*)")


def _enumerated(text: str, kind: str, it: _Items) -> tuple[set[int], str] | str | None:
    """A list numbered line by line, each line naming items (1、警示约谈 / 2、责令整改): the numbers are the lines',
    not items — they were read as measures 1 and 2 besides 3 and 4, and written so one level up (audit of
    layouts). None where the text is not such a list (1、3 / 2、7 is left to the numbers' reading); an error where
    some of its lines name an item and another names none (1、虚假宣传 / 2、炒床位: its line numbers were read as
    items 1 and 2 beside 4, written so one level up; blind audit of points in words)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    items: set[int] = set()
    unnamed = ""
    own = True  # every line naming an item names its own number (1、风险提示 / 2、加大检查力度: the numbers are items)
    for n, line in enumerate(lines, 1):
        m = _LIST_LINE.fullmatch(line)
        if m is None or int(m[1]) != n or m[2][0].isdigit():
            return None
        named = _described(_BRACKETED.sub(" ", m[2]), kind, it, strict=False)
        if isinstance(named, str) or not named:
            unnamed = unnamed or m[2].strip()
            continue
        own = own and named == {n}
        items |= named
    if unnamed:
        return f"{_unreadable(it)}；“{shorten(unnamed, 21)}”不是哪一项{it.label}的说法，请写编号" if items and not own \
            else None
    return items, ""


def shorten(text: str, n: int = 30) -> str:
    """`text` cut to `n` characters, the last an ellipsis, where it is longer (a value quoted in a message)."""
    return text if len(text) <= n else text[: n - 1] + "…"


def _only_not_taken(h: str, kind: str) -> bool:
    """A marker of a measure not taken before a measure's own verb (拟移送, 尚未督促): 待整改 says no measure."""
    if kind != "measures":
        return False
    key = header_key(h)
    return any(_act_follows(key, at + len(w)) for w in _NOT_TAKEN for at in _find_all(key, w))


def _act_follows(key: str, at: int) -> bool:
    """A measure's act begins at `at`, or after verbs that may stand before it (依法, 责令: 未依法移送)."""
    while not key.startswith(_ACTS, at):
        if not key.startswith(_BETWEEN, at):
            return False
        at += 2
    return True


_CLAUSE_SEP = re.compile(r"[,，;；。\n]")  # (拟移送司法机关，警示约谈、责令整改: the plan is the first clause's)


def _opens_not_taken(h: str) -> bool:
    """The cell opens with a marker of a measure not taken, then a measure's act (拟警示约谈、…; 下步将约谈…)."""
    key = header_key(h)
    at = 0
    while marker := _not_taken(key[at:], start=True):
        at += len(marker)
    return bool(at) and _act_follows(key, at)


def _find_all(s: str, sub: str) -> Iterable[int]:
    at = s.find(sub)
    while at >= 0:
        yield at
        at = s.find(sub, at + 1)


# What the template or the notice says to write in place of the case (11（需具体明确）), or a word meaning none:
# no case described (POINT_OTHER_UNDESCRIBED), not a description. A prompt before a colon is left out of the case.
_PROMPT = r"[(（]?(?:需|请|须)?(?:具体明确|具体写明|写明具体(?:情形|措施)|写明|具体(?:情形|措施|内容|情况)|具体)"
# (……, 同上, 详见备注: a placeholder, not a case — 备注 itself is looked at for 附件2's point 15; audit of 附件2)
_ASKING = r"(?:此处|请|需|须|待)?(?:自行)?(?:填写|写明|注明|说明|补充|描述|明确)?(?:具体)?(?:情形|内容|说明|事项|描述|情况)?"
_NOT_DESCRIBED = re.compile(_PROMPT + r"[)）]?|[(（]?(?:无|暂无|略|没有|同上|(?:详)?见备注|待补充|待填)[)）]?"
                            r"|[-/\\—–―_.。、，,…⋯\s]+"
                            # a template's placeholder left in (XXX, ×××, ？？, N/A, ☐, ＿＿＿＿ read half-width): no case
                            # (15.其他：XXX passed as described; audit of pasted text)
                            r"|[xX×*?☐□○〇\"'“”‘’\s]+|(?i:n\.?/?a\.?)|" + _ASKING)
# a placeholder with what the template asks for in brackets (×××（请注明）, XX（待补充）) — not one with the case typed
# inside them (××（负责人失联）; review)
_QUOTE_MARKS = "\"'“”‘’\\s"
# (a prompt copied with its bracket, the template's hint “具体情形”（须写明）: no case either; blind audit of classify)
_PLACEHOLDER_ASKING = re.compile(r"(?:[xX×*?☐□○〇" + _QUOTE_MARKS + r"]*|[" + _QUOTE_MARKS + r"]*" + _PROMPT + r"[" + _QUOTE_MARKS + r"]*)"
                                 r"\(\s*(?:" + _ASKING + r"|无|暂无|略|[-/\s]*)\s*\)")
_PROMPT_BEFORE = re.compile(_PROMPT + r"[)）]?\s*[:：]\s*")


# What 备注 says about the facility's place on the list rather than its case: 新增, 复查, 已整改, 同上, a date
_LIST_REMARK = re.compile(
    r"(?:(?:本|上|下)(?:月|周|期|次)|(?:\d{4}[-./年])?\d{1,2}[-./月](?:\d{1,2}日?)?)?(?:新增|新发现|新列入|新纳入|复查|复核|续报|已报|重报|跟踪|持续关注|重点关注|关注|"
    # (新增机构, 上月已列入（名单）: how it stands on the list, no case; audit of prose)
    r"新增机构|新增场所|已列入(?:名单)?|列入名单|已在名单|"
    # (已整改完毕, 整改到位: 已整改 said at length, as a date beside it — 已整改（6.10）, 新增（2022年6月） — is still no case;
    # they passed as 15's, written 15.其他：已整改完毕 one level up; blind audit of prose)
    r"整改中|正在整改|已?整改(?:完毕|到位|完成|结束)?|已化解|未化解|化解中|已销号|销号|已关停|已停业|已关闭|停业|同上|待核实|"
    r"核实中|已核实|持续跟踪|见附件\d*|详见附件\d*|无变化|无|暂无|略|/|-)"
    r"|\d{4}[-./年]\d{1,2}月?(?:[-./]\d{1,2}|\d{1,2}[日号])?|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[-./]\d{1,2}|\d+")
_REMARK_SEPARATORS = re.compile(r"[,，;；、。\s()（）]+|\.$")


def describes_other(note: str) -> bool:
    """Whether a 附件2 备注 can be the description of point 15 (其他情形) left undescribed in the points cell: words
    that say something, not a remark on the facility's place on the list (新增、复查) or a prompt left in."""
    parts = [p for p in _REMARK_SEPARATORS.split(to_halfwidth(note)) if p]
    # (其他情形 is the point's own name, no case: 15 passed, the consolidated workbook failing its check; audit of prose)
    return bool(described_case(note.strip())) and not all(_LIST_REMARK.fullmatch(p) for p in parts) \
        and not _ITS_OWN_NAME.fullmatch(header_key(note))


# a column of the township's own beside the points saying what the case is (风险隐患点具体情形, 其他情形说明, 问题描述)
_CASE_HEADER = re.compile(r"(?:风险|隐患|其他|其它|问题).{0,6}(?:情形|情况|描述|说明)|具体情形|问题描述|存在的?问题")


def case_beside(note: str, extra: dict[str, str]) -> str:
    """The words describing point 15 beside its cell: the 备注 where it can be one (describes_other), else a column of
    the township's own headed as the case (风险隐患点具体情形: the case written there was POINT_OTHER_UNDESCRIBED
    while the same words in 备注 passed; blind audit of values); "" where none does."""
    if describes_other(note):
        return note.strip()
    return next((v.strip() for h, v in extra.items() if _CASE_HEADER.search(header_key(h)) and describes_other(v)), "")


# point 15's own name, 其他 with the words that may follow it (其它情况, 其他风险隐患, 15.其他情形)
_ITS_OWN_NAME = re.compile(r"(?:15)?" + _OTHER_RE.pattern + r"(?:" + "|".join(map(re.escape, _OTHER_WORDS)) + r")?")


def other_case(detail: str) -> str:
    """The case a 是 under point 15 describes (是，以房养老推销): "" for the point's own name or a yes-word repeated
    (是，其他情形, 是，有 — they passed as described on the facility sheet while --points asked; blind audit of
    classify)."""
    case = described_case(detail)
    # (是，新增 / 是，复查: how the facility stands on the list, no case — as in 备注, where it passed for none while
    # here it passed for one; blind audit of classify)
    return "" if not case or _ITS_OWN_NAME.fullmatch(header_key(case)) or case in _YES_ALONE \
        or _LIST_REMARK.fullmatch(to_halfwidth(case)) else case


# (详见检查记录, 见情况说明 too: a pointer to a paper not sent; blind audit of the facility sheet)
_POINTER = re.compile(r"\s*(?:详|具体|另)?见(?:说明|下|下方|下表|备注|附件|附表|上|后|附页|另表|另页|"
                      r"[^，,。；;\s\d]{0,8}(?:说明|记录|材料|报告))?[。.]?\s*")
_YES_ALONE = frozenset(("有", "是", "存在", "√", "✓", "✔", "∨", "有此情形", "存在此情形"))
# a 15 cell starting with 无 that names the case, not the answer 无 (无证经营, 无资质开展养老服务: it was 否, GREEN unsaid;
# blind audit of classify)
OTHER_CASE_NO_WORD = re.compile(r"(?:无|没有)(?:证|照|资质|许可|执照|营业执照|备案|登记|办学|合法)")


# a date alone in the place of the case (11（6月10日）): when, not what (it passed as 11.其他：6月10日; audit)
_DATE_ALONE = re.compile(r"[(（]?\s*(?:\d{4}\s*[-./年]\s*)?\d{1,2}\s*[-./月]\s*\d{1,2}\s*[日号]?\s*[)）]?")


def described_case(text: str) -> str:
    """The described case without the form's own prompt: "需具体明确：联合约谈" → "联合约谈"; "需具体明确", "无", "/", a date
    alone → ""."""
    if not text or _NOT_DESCRIBED.fullmatch(half := to_halfwidth(text)) or _PLACEHOLDER_ASKING.fullmatch(half) \
            or _DATE_ALONE.fullmatch(text) or half.strip(" :：,，.。()（）") in _YES_ALONE or _POINTER.fullmatch(half):
        # (15、是 / 15（是）: a yes-word, and 详见说明 / 见下: a pointer, are no case — they passed for one; blind audit
        # of the facility sheet)
        return ""
    m = _PROMPT_BEFORE.match(text)
    if m:
        rest = _tidy_tail(text[m.end():])
        return "" if not rest or _NOT_DESCRIBED.fullmatch(half := to_halfwidth(rest)) \
            or _PLACEHOLDER_ASKING.fullmatch(half) else rest
    return text


_CN_DIGITS = "一二三四五六七八九"
# A numeral standing for an item: after 第, before 项/点/条, or in a list of numbers (二、四; 7、十二; 一、7), not the
# numbering of a list of descriptions (一、虚假宣传；二、…) or of a bracket ((一)), nor a word's (近三年)
_CN = "一二三四五六七八九十"
_CN_ITEM = re.compile(rf"(?:(?<=[和及第])|(?<![\u4e00-\u9fff(]))([{_CN}]{{1,3}})"
                      rf"(?=[项点条]|\s*(?:[、,;/.和及\s]\s*第?[{_CN}0-9]|[(]|$))")
# once a cell reads as a list of numbers, every numeral in it that is not part of a word is one
_CN_ANY = re.compile(rf"(?:(?<=[和及第])|(?<![\u4e00-\u9fff(]))[{_CN}]{{1,3}}(?=[项点条和及]|[^\u4e00-\u9fff]|$)")


_LIST_NUMBER = re.compile(rf"[{_CN}]{{1,3}}")


def _cn_int(word: str) -> int:
    """一 → 1, 十 → 10, 十三 → 13, 二十 → 20 (items go to 15)."""
    if "十" not in word:
        return _CN_DIGITS.index(word[-1]) + 1 if len(word) == 1 else 0
    tens, _, ones = word.partition("十")
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CN_DIGITS.index(ones) + 1 if ones else 0)


def _single_number(v: int | float, it: _Items) -> Norm[Numbers]:
    if isinstance(v, float) and not (math.isfinite(v) and v.is_integer()):
        return Norm(error=_unreadable(it))
    if not 1 <= v <= len(it.table):
        return Norm(error=_out_of_range(it))
    return Norm(Numbers(items=(int(v),)))


def _out_of_range(it: _Items) -> str:
    return f"{it.label}应为1–{len(it.table)}"


def _unreadable(it: _Items) -> str:
    return f"{it.label}应填编号1–{len(it.table)}"  # (the message says 无法识别 already)


def _other_text(s: str) -> str:
    """The case described after 其他, without the item's own words: "情形：场地到期" → "场地到期"."""
    s = s.lstrip()
    h = to_halfwidth(s)
    for w in _OTHER_WORDS:
        if h.startswith(w):
            s = s[len(w):]
            break
    tail = _tidy_tail(s)
    return "" if tail in _FILLERS else tail


def _numbered(orig: str, kind: str, it: _Items) -> tuple[set[int], str] | str:
    """Every number of the text, ranges expanded, plus items named by their text between the numbers.

    Text after a number is usually that item's own text ("1.养老服务机构…；7.…") but may name another
    ("1、虚假或夸大宣传"); text that names nothing is ignored, the numbers being what counts.
    Returns the items and the text describing item 其他 when it is the last number ("15：场地到期"), or an error.
    """
    plain = _ZERO_DECIMAL.sub(r"\1", to_halfwidth(orig).translate(_CIRCLED_TABLE))
    h = _REMARK_NUMBER.sub(_blank, _REMARK_BRACKET.sub(_blank, _short_dates(plain, kind, it)))  # as long as `plain`
    items: set[int] = set()
    # numbers said not there, and where (7（拟移送）; 3、4、6、7，其中7未移送): the later word stands — a number said
    # again or named done after its denial is taken (3、4，7拟移送，现已移送公安; review)
    denied: dict[int, int] = {}
    for remark in _REMARK_BRACKET.finditer(plain):  # …or in a remark of their own: 3、4、6、7（7未移送）
        inner = remark[0][1:-1]
        if (own := _DENIAL_REMARK.match(inner)) and _said_not_taken(inner, own.end(1), int(own[1]), kind):
            denied[int(own[1])] = remark.start()
    # the text between numbers, where it starts, and the number it follows when that one is denied
    chunks: list[tuple[str, int, int]] = []
    last_end, last, single, gone = 0, 0, False, 0
    numbers = list(_NUM_RE.finditer(h))
    listed = frozenset(n for m in numbers if len(m[1]) <= 3 and len(m[2] or m[1]) <= 3
                       for n in range(int(m[1]), int(m[2] or m[1]) + 1))  # (the cell's numbers: _labelled_otherwise)
    for m in numbers:
        a, b = m[1], m[2] or m[1]
        if len(a) > 3 or len(b) > 3 or not (1 <= int(a) <= len(it.table) and 1 <= int(b) <= len(it.table)):
            return _out_of_range(it)
        if int(a) > int(b):
            return _unreadable(it)
        if single and (said := _labelled_otherwise(h[last_end:m.start()], last, kind, it, listed)):
            return said
        if a != b or not (_bracket_not_taken(plain, m.end(), int(a), kind) or _said_not_taken(plain, m.end(), int(a), kind)
                          # (the words right before it: searched from the text's start, ①×30000 took 15 s; audit)
                          or _EXCLUDED_BEFORE.search(plain, max(0, m.start() - 64), m.start())
                          or kind != "points" and _NOT_YET_BEFORE.search(plain, max(0, m.start() - 64), m.start())):
            items.update(range(int(a), int(b) + 1))
            taken = True
            for n in range(int(a), int(b) + 1):
                if denied.get(n, len(h)) < m.start():
                    del denied[n]
        else:
            denied[int(a)] = m.start()
            taken = False
        chunks.append((h[last_end:m.start()], last_end, gone))
        last_end, last, single, gone = m.end(), int(b), a == b, 0 if taken else int(a)
    if single and last != it.other and (said := _labelled_otherwise(h[last_end:], last, kind, it, listed)):
        return said
    tail = ""
    if last == it.other:
        # after the last number the text is as written: rewriting ⑮ as " 15 " or 7.0 as 7 changed only what
        # came before, so the original's tail has the same length (remarks blanked in `h` are read in `plain`)
        rest = len(h) - last_end
        tail = (orig[len(orig) - rest:] if len(plain) == len(orig) else plain[last_end:]) if rest else ""
        # the number's own word (15号, 第15项（…）, 15项：…) is no case described (4、15号 read 15.其他：号)
        tail = _tidy_tail(_ITEM_WORD.sub("", tail, 1)) if tail else ""
        tail = "" if _WS.sub("", tail) in _FILLERS else tail
    else:
        chunks.append((h[last_end:], last_end, gone))
    for chunk, start, after_denied in chunks:
        # words in brackets are a remark (9（收住老人，床位不足）): they name no item; a denied number's own words
        # (7.移送司法机关（拟移送）, its first clause) name it no more than its number does; a clause naming an item
        # after its denial takes it (现已移送公安)
        bare = _BRACKETED.sub(_blank, chunk)
        at = 0
        for k, clause in enumerate(_CLAUSES.split(bare)):
            named = cast("set[int]", _described(clause, kind, it, strict=False)) - ({after_denied} if k == 0 else set())
            items |= named
            for n in named:
                if denied.get(n, len(h)) < start + at:
                    del denied[n]
            at += len(clause) + 1
    return items - set(denied), tail


_CLAUSES = re.compile(r"[,;。\n]")  # (half-width: the text's ，； are , ; here)


_AFTER_BRACKET = re.compile(r"\s*\(([^()]*)\)")
_DENIAL_REMARK = re.compile(r"\s*(?:其中|但)?\s*第?(\d{1,2})(?!\d)")
# a month and day of one digit each before words (6.7约谈负责人, 6.5发现虚假宣传)
_SHORT_DATE = re.compile(r"(?<![\d.])([1-9])\.([1-9])(?![\d.])(?=\s*([\u4e00-\u9fff]+))")


def _short_dates(plain: str, kind: str, it: _Items) -> str:
    """`plain` with a short date blanked where the words after it name another item than its two digits: the day
    it was done (6.7约谈负责人 is 3 on 7 June — it was read as 6 and 7, MEASURE_MISSING of 7 unsaid; blind audit of
    prose). 1.4虚假宣传 (4 among the digits) and 3.4已落实 (no item named) stay items."""
    def blank(m: re.Match[str]) -> str:
        named = _described(m[3], kind, it, strict=False)
        return " " * len(m[0]) if named and not named & {int(m[1]), int(m[2])} else m[0]  # type: ignore[operator]

    return _SHORT_DATE.sub(blank, plain) if "." in plain else plain


def _bracket_not_taken(plain: str, end: int, n: int, kind: str) -> bool:
    """A number with a bracket saying its measure is not taken yet, by the measure's own verb: 7（拟移送）,
    7（暂未移送）, 6（尚未督促）; not the place's state (4（待整改）, 8（未办理登记）, 6（未清退完毕）: the measure taken)."""
    if kind != "measures" or (m := _AFTER_BRACKET.match(plain, end)) is None:
        return False
    key = header_key(m[1])
    if not (marker := _not_taken(key, start=True)):
        return False
    act = next((a for a in _MEASURE_ACTS.get(n, ()) if key.startswith(a, len(marker))), "")
    # (7（未移送完毕）: taken, not finished — the progress word right after the act, not 7（拟移送，预计下周完成）)
    return bool(act) and not key.startswith(_PROGRESS, len(marker) + len(act))


# what follows a number directly (7未移送, 第7项暂未实施, 4没有做), or after a comma (7，未移送), or in its bracket
# (7(拟), 4（未开展）)
_AFTER_WORDS = re.compile(r"\s*[项条]?\s*(?:\(([^()]*)\)|,?\s*([^\d,;、()]+))")
# a deed said of any measure (未开展, 暂未实施, 没有做): not taken, whichever it is
_DEEDS = ("实施", "开展", "落实", "采取", "执行", "做", "进行")
# a number ruled out (1、3、7（已排除）; 1、3，无7): not an item of the list (it was counted, LEVEL_UNDERRATED)
# (as the facility sheet reads them: 已核实排除, 经核实已排除, 已否定, 经排查不存在, 经查不属实 — each counted, 橙 for
# 黄 and LEVEL_UNDERRATED; blind audit of typed values)
_VERIFIED = r"(?:经过?(?:核实|核查|排查|调查|复核|查实|查证|查)?|已经?)?(?:已经?)?(?:核实|核查|查实|排查)?"
_EXCLUDED = re.compile(_VERIFIED + r"(?:排除|删除|剔除|去除|核销|否定|否认|不属实|不实|不存在|无此(?:情形|情况|问题|项)?)"
                       r"|不含|除外|经过?(?:核实|核查|排查|调查|复核|查)无")
_EXCLUDED_BEFORE = re.compile(r"(?:无|除|不含|排除)\s*[第]?\s*$")
# a measure planned or a criterion still to be met, said before its number (拟7, 是，拟3)
_NOT_YET_BEFORE = re.compile(r"(?:拟|待|尚未|暂未|未)\s*[第]?\s*$")


_SEPARATORS_ONLY = re.compile(r"[\s、,，;；。.]+")
# an item of a list written in words, ending with a bracket (its start: after a separator or the text's start)
_WORDS_THEN_BRACKET = re.compile(r"(?:^|(?<=[、,，;；\n]))([^、,，;；\n()（）\d]+)[(（]([^()（）]*)[)）]\s*(?=$|[、,，;；\n])")


def _denied_by_words(h: str, kind: str) -> list[tuple[int, int]]:
    """Spans of items named by their words whose bracket says they are not there: a measure not taken by its act
    or any deed, or alone (警示约谈（拟）, 督促清退资金（尚未开展）, 移送司法机关（暂缓）) — not the place's state
    (责令整改（待整改）: taken); a point ruled out (涉嫌非法集资（已排除）)."""
    out = []
    for m in _WORDS_THEN_BRACKET.finditer(h):
        key = header_key(m[2])
        if kind == "points":
            denied = _EXCLUDED.fullmatch(key) is not None
        else:
            # (the bracket's act is the one the words name — 警示约谈（拟移送司法机关） is 3 taken, 7 planned; review)
            marker = _not_taken(key, start=True) or ("暂缓" if key.startswith("暂缓") else "")
            rest = key[len(marker):]
            denied = bool(marker) and (not rest or rest in _DEEDS or rest.startswith(_ACTS) and rest in header_key(m[1]))
        if denied:
            out.append(m.span())
    return out


def _said_not_taken(plain: str, end: int, n: int, kind: str) -> bool:
    """A number whose own words say its item is not there: a measure said not taken by its act or any deed, right
    after it or in its bracket (7未移送, 7(拟), 第7项暂未实施, 3、4没有做, 5、6、7，未移送 — each was counted,
    MEASURE_MISSING unsaid; blind audit of spellings), a point ruled out in its bracket (7（已排除）). Not the place's
    state (8未办理登记, 4待整改: the measure taken), nor a measure taken and unfinished (7未移送完毕)."""
    m = _AFTER_WORDS.match(plain, end)
    if m is None:
        return False
    bracket = m[1] is not None
    if not bracket and plain[m.end():m.end() + 1] in ("(", ",") and _names_only(m[2], n, kind):
        # its own words first, then what is said of it: 7.移送司法机关（拟移送）, 4.责令整改，未开展, 11.涉嫌非法集资（已排除）
        # (each was counted, MEASURE_MISSING unsaid; blind audit of prose)
        return _said_not_taken(plain, m.end(), n, kind)
    key = header_key(m[1] if bracket else m[2])
    if not key:
        return False
    if kind == "criteria":
        # 是，3（未完成）, 3未完成, 第3项未完成, 7（未立案）, 9（待安置）: the criterion not met (it counted as resolved, no
        # RESOLVED_NO_CRITERION, and a facility dropped next month was not FACILITY_DROPPED; audit of spellings)
        # …but the site's own state, as criteria 4 and 5 word it, followed by what was done: 5（未登记养老院已办理民非
        # 登记）, 5.未经登记但开展养老服务活动的场所已依法登记, 2（未挪用） — met (RESOLVED_NO_CRITERION, and a facility
        # resolved so FACILITY_DROPPED next month; blind audit of typing habits)
        if _SITE_STATE.match(key):
            return False
        return bool(_not_taken(key, start=True)) or key.startswith(_UNMET)
    if kind != "measures":
        # (a point ruled out by its words after it too: 4、5，其中5已排除; 4、11（11已排除） — it counted, 红; differential run)
        return _EXCLUDED.fullmatch(key) is not None
    if not (marker := _not_taken(key, start=True) or ("暂缓" if key.startswith("暂缓") else "")):
        return False
    rest = key[len(marker):]
    word = next((a for a in (*_MEASURE_ACTS.get(n, ()), *_DEEDS) if rest.startswith(a)), "")
    if word:
        return not rest.startswith(_PROGRESS, len(word))
    return bracket and not rest  # 7（拟）, 4(待)


_SITE_STATE = re.compile(r"未经?登记(?:但|的|养老|场所|机构|非法|[^完]{0,12}已)|未挪用")


def _names_only(words: str, n: int, kind: str) -> bool:
    """`words` (after a number, its label's mark first: .移送司法机关) name item `n` and no other."""
    label = words.strip().lstrip(".:)").strip()
    return len(label) >= 2 and _described(label, kind, _KINDS[kind], strict=False) == {n}


# what follows a number as its own word, not an item's (7号, 第7项, 3家, 1至3, 15其他)
_NUMBER_WORDS = "项号条点个家次处至到和及或其等以类"


def _labelled_otherwise(after: str, n: int, kind: str, it: _Items, listed: frozenset[int] = frozenset()
                        ) -> str | None:
    """A number labelled with another item's text (1.虚假宣传: 虚假宣传 is 4), as a township's own drop-down list
    numbers them: which one is meant? It was read as both (1、4; audit of Excel's features). Only for the form
    "N.text" / "N：text" / "N）text", or the words typed straight after the number (1已爆雷, 6虚假宣传: read as both,
    silently — blind audit of typed values); after 、 or ， a text names an item of its own (1、虚假或夸大宣传 is 1
    and 4). Words typed straight after a number are asked only where they name one item that is not among the cell's
    `listed` numbers (3、4已约谈 is 3 and 4, said of them; review), and only of points and measures (是，6已立案)."""
    text = after.lstrip()
    glued = n != it.other and bool(after) and IDEOGRAPH.match(after) is not None and after[0] not in _NUMBER_WORDS \
        and kind in ("points", "measures")
    if not text or not glued and text[0] not in ".:)" or not (label := (text if glued else text[1:]).strip()) \
            or label[0].isdigit():
        return None
    label = _SEGMENT_SEP.split(label, 1)[0]
    named = cast("set[int]", _described(_BRACKETED.sub(" ", label), kind, it, strict=False))  # lenient: a set
    if glued and (not named or named <= listed):
        # (words several items share — 7收取预付费, of 1, 7, 8, 10, 12 all — are the number's own; review)
        return None
    if not named:
        # words several items share, none of them this one (3.收取大额预付费, 1.未经登记): asked as well — read as the
        # number, a prepayment point was lost unsaid (blind audit of prose)
        key = header_key(_BRACKETED.sub(" ", label))
        # (not an item whose text denies them: 9's 无收取大额预付费)
        # (收取预付费 without 大额 is 1's and 7's words too: 7.收取预付费 was asked as “不是第7项”; review)
        shared = {m for text_key, m in _MATCH_KEYS[kind] for tk in (text_key, text_key.replace("大额", ""))
                  if len(key) >= 3 and key in tk and not tk[:tk.find(key)].endswith(_DENIED)}
        if len(shared) > 1 and n not in shared:
            return (f"编号{n}后面写的“{label.strip()}”是第{'、'.join(map(str, sorted(shared)))}项中的一项，不是第{n}项，"
                    "前后不符；请核对后只填编号")
        return None
    if len(named) != 1 or n in named:
        return None
    (other,) = named
    return f"编号{n}后面写的“{label.strip()}”是第{other}项，前后不符；请核对后只填编号"


# what says a measure was not taken, right before its words: planned (拟移送公安, 下一步将移送司法机关) or not done
# (未移送司法机关, 尚未督促清退资金) — they were read as taken, hiding MEASURE_MISSING (audit of 附件3)
_NOT_TAKEN = ("尚未", "暂未", "还未", "仍未", "未能", "没有", "未", "拟", "将要", "将", "待", "计划", "准备", "下一步", "下步", "无需",
              "不需要", "不需", "不予", "预计", "打算")
# each measure's own act (what is done to the facility), as a bracket after its number says it is not done yet
_MEASURE_ACTS: dict[int, tuple[str, ...]] = {1: ("提示", "风险提示"), 2: ("抽查", "增加", "检查"), 3: ("约谈", "警示约谈"),
                                             4: ("责令",), 5: ("停业", "停止", "关停", "取缔"), 6: ("督促",),
                                             7: ("移送", "移交"), 8: ("督促",), 9: ("取缔", "查处"), 10: ("移交",)}
_PROGRESS = ("完毕", "完成", "到位", "结束")  # 7（未移送完毕）, 6（尚未督促到位）: taken, not yet all done
_ACTS = tuple(dict.fromkeys(a for acts in _MEASURE_ACTS.values() for a in acts))
# verbs between a marker and an item's words (未依法移送, 尚未责令限期整改, 未开立专用存款账户, 尚未纳入第三方存管)
_BETWEEN = ("责令", "督促", "依法", "及时", "尽快", "立即", "予以", "制定", "开立", "纳入", "完成", "协助", "办理", "给予", "进行",
            "资金", "增加", "加大", "每月", "定期", "开展")  # (拟增加抽查, 准备每月抽查 counted 2; audit)


def _not_taken(key: str, start: bool = False, kind: str = "measures") -> str:
    """The marker of a measure not taken that `key` ends with (or, with `start`, begins with); "" if none. Ending,
    verbs of the measure may stand after the marker (未依法, 尚未责令): the marker and those verbs are returned."""
    if start:
        return next((w for w in _NOT_TAKEN if key.startswith(w)), "")
    bare = key
    while bare.endswith(_BETWEEN):
        bare = bare[:-2]
    # 未完成 after a measure: how that one stands (a criterion's 未完成 is the criterion not met)
    state = kind == "measures" and key[len(bare):].startswith(_PROGRESS)
    rest = bare
    planned = False  # 根据计划下一步督促: the marker after 按计划 says not yet
    while marker := next((w for w in _NOT_TAKEN if rest.endswith(w)), ""):
        if marker == "计划" and _as_planned(rest[:-2]):
            if rest == bare:
                return ""  # 按计划开展督促清退资金, 已按工作计划开展约谈: done as planned, taken (review)
            planned = True
            break
        rest = rest[:-len(marker)]
    if rest == bare:
        return ""  # (no marker: most matches, the item words asked after only where there is one)
    # only what opens the words (下一步将移送, 未依法移送) or follows another item (警示约谈未移送…, an earlier match
    # left as |): 整改未完成依法移送 is a measure taken, the state before it
    # (what will be done if…: 整改不到位将移交市监局 — the act still to come whatever comes before it; review)
    future = key[len(rest):len(bare)].startswith(("将", "拟", "计划", "准备")) and not rest.endswith("已")
    opens = planned or not rest or future or not state and (rest.endswith("|")
                                                          or any(rest.endswith(k) for k in _ITEM_WORDS))
    return key[len(rest):] if opens else ""


# 计划 after 按/按照/根据/依照 and a few words naming which plan is how it was done (按计划开展…, 按照年初制定的计划…,
# 已将该院按县局计划…, 在县局指导下按计划…), unless those words name a plan to come or the original one (按下个月计划,
# 按后续计划, 按原计划), the clause before says it is to come (拟按计划, 下一步按计划), or a denial stands right before
# 按 (未能按计划, 未按期按计划; seven reviews)
_AS_PLANNED = re.compile(r"(?:按照?|根据|依照?)([\u4e00-\u9fff0-9]{0,8})$")
_PLAN_NAMED_TO_COME = re.compile(r"下|原|后续|今后|以后|之后|明年|来年|接下来|近期|将来")
_PLAN_BEFORE = re.compile(r"拟|(?<!已)将|待|预计|打算|准备|下[一个]?[步月周期阶]|下一|后续|今后|近期")
_DENIED_BEFORE = re.compile(r"(?:未|没|不能|不再|无法|没能|未能)[\u4e00-\u9fff]{0,2}$")


def _as_planned(before: str) -> bool:
    """`before` (the text before 计划) says the measure was done as planned: 按/按照/根据/依照 and words naming the
    plan, none of a plan to come, no plan said before in the clause, no denial right before 按."""
    clause = re.split(r"[|,，;；。、]", before)[-1]
    m = _AS_PLANNED.search(clause)
    if m is None or _PLAN_NAMED_TO_COME.search(m[1]):
        return False
    ahead = clause[:m.start()]
    return not _PLAN_BEFORE.search(ahead) and not _DENIED_BEFORE.search(ahead)


_DONE = ("已", "已经", "现已", "均已")
_UNREGISTERED_THEN = re.compile(r"未经?登记[,，、;；]\s*(?=(?:且|但|并|也)?(?:未|无|没有|有|已)?收取)")
_DENIED = ("未", "不", "无", "没有", "并未", "未曾", "未发现", "不存在", "没")  # before a point's words: not there
_GUARDED = ("防止", "防范", "谨防", "避免", "预防", "以防", "严防", "提防", "可能", "可能引发", "可能出现", "可能造成", "未发生",
            "未出现", "易", "易引发")
_AS_A_RISK = ("风险", "隐患", "苗头", "可能")
_ASKED = ("督促", "督促其", "要求", "要求其", "责令", "责令其", "敦促", "催促", "动员")  # before a criterion: an order
_UNMET_SAID = re.compile(r"[未待拟]|尚未|暂未|没有|暂缓")  # a criterion's number said not met: none met (RESOLVED_NO_CRITERION)
# a criterion's words followed by its not being met: 资金清退未完成, 退费尚未到位, 安置仍未完成
_UNMET = ("未完成", "尚未", "仍未", "还未", "未到位", "未完毕", "未结束", "没有完成", "未全部", "暂未", "未能", "暂缓")
_UNMET_ENDS = frozenset(("", "到位", "完成", "完毕", "结束", "全部完成", "落实"))


# a criterion said to be met in part or still under way (README: 部分化解, 化解中 are 否)
# (and the steps of the other criteria: 4（取缔中）, 5（登记中）, 8（审理中）; a part saying its criterion done before a
# later step under way holds — 6（已移送，审理中）: _without_part_done; review)
_PART_ACTS = r"(?:清退|退还|退费|退款|办理|处置|安置|整改|化解|履行|还款|取缔|登记|注销|关停|停业|关闭|变更|移送|审批|调解|协商|诉讼|审理|执行)"
# (not 安置中心, 部分老人由家属接回, 还有1名由家属接回，没有遗留问题: review)
_PART_DONE = re.compile(r"部分" + _PART_ACTS + r"|(?<![\d.])(?!100\s*%)\d{1,2}(?:\.\d+)?\s*%|" + _PART_ACTS + r"中(?!心)"
                        r"|[仍尚还]有[^,，;；。]{0,16}(?:未|没有)(?:退|还|清|安置|到位|完成|落实|化解|履行)")


# …met in part, whatever else the part says (3（已部分清退）); and a step said done (6（已移送，审理中）)
_PART_ONLY = re.compile(r"部分|(?<![\d.])(?!100\s*%)\d{1,2}(?:\.\d+)?\s*%|[仍尚还]有[^,，;；。]{0,16}(?:未|没有)")
_DONE_FIRST = re.compile(r"已(?!部分)[^,，;；。中]{1,8}[,，;；]")


def under_way(text: str) -> bool:
    """Whether a resolution cell says a criterion's step is still under way or met in part (4（取缔中）, 部分清退)."""
    return bool(text) and _PART_DONE.search(to_halfwidth(text)) is not None


def _unmet_after(after: str) -> bool:
    """Words after a criterion's saying it is not met, and nothing after them (资金清退未完成, 退费尚未到位) — not
    words of a next step (已立案尚未判决: 7 holds; 已纳入第三方存管未完成资金清退: 2 holds; review)."""
    w = next((w for w in _UNMET if after.startswith(w)), "")
    return bool(w) and after[len(w):].rstrip("。.,;") in _UNMET_ENDS


# a verb left beside an item's own words (责令停止经营活动, 责令清退资金, 依法移送司法机关): part of that item
_LEFT_VERBS = frozenset(("责令", "督促", "依法", "要求", "及时", "尽快", "立即", "予以"))


_IF = ("如", "若", "如果", "一旦", "倘若", "假如", "对拒不")
_JOINERS = re.compile(r"以及|和|(?<![涉以普危波触顾不])及(?!时)")
_SAID_AROUND = tuple((re.compile(p), by) for p, by in (
    (r"经(?:排查|核查|核实|检查|摸排|研判|调查)[，,：:]?", ""),
    (r"该(?:养老服务机构|养老机构|机构|养老院|敬老院|院|场所|所|公司|单位|中心|站|点|案|处|负责人)", ""),
    (r"(?<=[令促])其(?![他它中])|(?<=对)其(?=主要负责人|负责人|法人|法定代表人|举办者|经营者)", ""),
    (r"(?<=[，,、；;])且(?=有|存在)", ""),
    (r"已将(?=移送|移交)", "已"),
    (r"(?:向)?(?:发出|下发|发放|送达|出具|印发|发送)(?=风险提示)", ""),
))


def _described(h: str, kind: str, it: _Items, strict: bool) -> set[int] | str:
    """Items named by their text ("虚假或夸大宣传" → 4, "警示约谈、责令整改" → 3, 4).

    Strict: every piece must name an item (else an error); lenient: pieces naming none or several are skipped.
    """
    items: set[int] = set()
    ambiguous: list[tuple[str, set[int]]] = []
    fillers = _MEASURE_FILLERS if kind == "measures" else _FILLERS
    # who and how the clerk says it around the notice's words (该院存在虚假或夸大宣传, 经排查，该机构…, 督促该机构清退资金,
    # 责令其停止经营活动, 已将该案移送公安机关, 向该机构发出风险提示函, …，且有关联公司): the words alone (they were
    # VALUE_INVALID, no level worked out; audit of values)
    for pattern, by in _SAID_AROUND:
        h = pattern.sub(by, h)
    # 和 / 及 joining two items' words (虚假宣传和关联交易, 风险提示和增加检查频次) as 、 does (VALUE_INVALID; blind audit)
    h = _JOINERS.sub("、", h)
    if kind == "points" and "登记" in h:
        h = _UNREGISTERED_THEN.sub("未经登记", h)  # 未经登记，未收取预付费: one point (9), said in two clauses
    for segment in _SEGMENT_SEP.split(h):
        key = header_key(segment)
        if key in fillers or _LIST_NUMBER.fullmatch(key):
            continue
        if kind == "measures" and key.startswith(_IF):
            continue  # 如拒不整改将依法取缔: what will be done if…, not taken (it counted 9; review)
        # whole item texts (or aliases) inside the segment first, then what is left must be part of one
        whole = False
        for text_key, n in _MATCH_KEYS[kind]:
            while (at := key.find(text_key)) >= 0:
                before, after = key[:at], key[at + len(text_key):]
                if kind == "measures" and before.endswith(("要", "需")) and not before.endswith(("主要", "重要", "只要")):
                    # the notice's 要 (要移送司法机关), 需要, 还要: to be done, neither taken nor not — asked, also
                    # after numbered measures (1、2、要移送司法机关 counted 7; blind audit of layouts), as when
                    # alone; 不要, or after a marker of one not yet taken (下一步要, 拟要, 将要): not taken
                    stem = before[:-1]
                    if before.endswith("不要"):
                        key = before[:-2] + "|" + after
                        whole = True
                        continue
                    if marker := _not_taken(stem, kind=kind):
                        key = stem[:-len(marker)] + "|" + after
                        whole = True
                        continue
                    raise _Asked(f"“{shorten(segment.strip(), 21)}”说的是要做的事，看不出是否已采取；已采取的请写"
                                 f"编号（如 {n}），未采取的请删去", n, segment.strip())
                if kind != "points" and (marker := _not_taken(before, kind=kind)):
                    key = before[:-len(marker)] + "|" + after  # 拟移送公安, 尚未督促清退资金: not (yet) taken
                elif kind == "points" and (before.endswith(_DENIED) or before.endswith(_GUARDED)
                                           or after.startswith(_AS_A_RISK)):
                    # 未涉嫌诈骗, 未引起重大舆情, 未爆雷: the point denied (review); 防止暴雷, 可能引发负面舆情, 存在暴雷风险:
                    # a risk guarded against, not the point itself (review)
                    key = before + "|" + after
                elif kind == "criteria" and _unmet_after(after):
                    key = before + "|" + after  # 资金清退未完成: the criterion not met (it read 3; audit of 附件3)
                elif kind == "criteria" and before.endswith(_ASKED):
                    key = before + "|" + after  # 督促全部退还预付费, 要求按计划还款: asked for, not met (review)
                else:
                    items.add(n)
                    key = before + "|" + after
                whole = True
        pieces = key.split("|")
        for k, piece in enumerate(pieces):
            if piece in fillers or _LIST_NUMBER.fullmatch(piece):  # 一、虚假宣传；二、…: list numbering
                continue
            if kind == "measures" and (not _MEASURE_GLUE.sub("", piece)
                                       or whole and piece == "并责令" and k < len(pieces) - 1):
                continue  # 已对其进行…并每月…一次, 并责令 before 限期整改: words joining measures, none of their own
            if kind != "points" and (marker := _not_taken(piece, start=True)) and len(piece) - len(marker) >= 2 \
                    and not any(piece in text_key for text_key, _ in _DESC_KEYS[kind]) \
                    and any(piece[len(marker):] in text_key for text_key, _ in _DESC_KEYS[kind]):
                continue  # 未移送, 拟约谈: the item's words, not (yet) done (未经登记…, 将有关问题线索… are 9's, 10's own)
            if whole and piece in _LEFT_VERBS and k < len(pieces) - 1:
                continue  # 责令 before 停止经营活动 (5) is no 4.责令整改 of its own (警示约谈责令 still is; review)
            candidates = {n for text_key, n in _DESC_KEYS[kind] if len(piece) >= 2 and piece in text_key}
            if not candidates and piece.startswith(_DONE) and len(bare := piece.lstrip("现均经已")) >= 2:
                # 已开立专用存款账户: the item's words with 已 before them (the notice writes 开立…, 已完成… alike)
                candidates = {n for text_key, n in _DESC_KEYS[kind] if bare in text_key}
            if len(candidates) == 1:
                items |= candidates
            elif candidates:
                ambiguous.append((piece, candidates))
            elif strict:
                return _unreadable(it)
    for piece, candidates in ambiguous:
        if strict and not candidates & items:
            return f"“{piece}”可指多个{it.label}，请填编号"
    return items


# ---------------------------------------------------------------- levels and categories

LEVEL_EXPECTED = "应填“红”“橙”“黄”之一"  # (as the template's drop-down offers them: 绿 is no entry of the list; review)
_LEVEL_WORDS = {
    "红": RiskLevel.RED, "red": RiskLevel.RED, "r": RiskLevel.RED,
    "橙": RiskLevel.ORANGE, "橘": RiskLevel.ORANGE, "桔": RiskLevel.ORANGE, "orange": RiskLevel.ORANGE, "o": RiskLevel.ORANGE,
    "黄": RiskLevel.YELLOW, "yellow": RiskLevel.YELLOW, "y": RiskLevel.YELLOW,
    "绿": RiskLevel.GREEN, "green": RiskLevel.GREEN, "g": RiskLevel.GREEN,
    # the usual four grades of risk assessment: 重大/较大/一般 (and 低) 风险
    "重大": RiskLevel.RED, "较大": RiskLevel.ORANGE, "一般": RiskLevel.YELLOW,
}
_LEVEL_SUFFIXES = ("风险隐患", "风险等级", "风险", "隐患", "等级", "名单", "预警", "榜", "级", "色", "的")
_BRACKETED = re.compile(r"\([^()]*\)")
# a level changed, and what it is now: the colour after the change (norm_header's text: brackets half-width)
_CHANGE_WORDS = r"(?:调整|下调|上调|调|降级|升级|降|升|改|变更|变|转|本月|当月|本期|现|目前|→|->|=>)"
# …the colour ending the phrase (not 目前黄色风险点已整改)
_LEVEL_CHANGED = re.compile(_CHANGE_WORDS + r"(?:为|成|至|到|是)?(?:了)?(红|橙|黄|绿)"
                            r"(?=色?(?:名单|等级|风险等级|风险|预警|级|管控|管理)?(?:$|[)）,，;；。.]))")
# a change not made (未调整, 不降级) or still to come (拟下调, 申请降为, 整改到位后降为, 下月): the level is as written —
# said right before the change word (无证经营升为橙色 is a change made)
_NOT_YET = re.compile(r"[未不没无拟待将]|申请|计划|建议|下月|下期")
_DONE_MARK = re.compile(r"已|经(?:过|整改|核|查|研究|复|评估|排查|认定|调查)|由[红橙黄绿]|\d+\s*[月日号]")
_PLAN_OPENS = re.compile(r"[(\s]*(?:拟|计划|准备|建议|申请|待|下月|下期)")  # (not 将: 将其由黄调整为红 is 把; review)
_COLOUR_ALONE = re.compile(r"[红橙黄绿]色?")


def _not_yet(before: str) -> bool:
    near = before[-2:]
    if near.endswith("后"):  # 整改到位后降为: to come; 经整改后降为: made
        return "经" not in before
    return _NOT_YET.search(near) is not None


def _made(h: str, m: re.Match[str]) -> bool:
    """A level change said to have been made: 已/经/a date before it in its clause, or one that says what the
    level is now (现为, 本月, →, 由黄调整为橙), or the cell opening with it (调整为橙色). A change that may come
    (有转红风险, 逾期未整改升为红色, 可能升为红色, 县局意见：调为红色) is not: the level stays as written (review)."""
    before = _clause_before(h, m.start())
    if _not_yet(before) or _PLAN_OPENS.match(before):  # (拟由橙调为红: planned, as 橙（拟调为红）; audit of prose)
        return False
    # (黄转橙, 黄色升橙色: the colour it was, then the change — as 由黄转为橙 and 黄→橙; audit of prose)
    return m[0][0] in "现目本当→-=" or not before.strip() and not h[:m.start()].strip("( ") or \
        _DONE_MARK.search(before) is not None or _COLOUR_ALONE.fullmatch(before.strip()) is not None


def _clause_before(h: str, i: int) -> str:
    """The text before position i back to the nearest bracket or separator."""
    start = max(h.rfind(ch, 0, i) for ch in "(,，;；。")
    return h[start + 1:i]


@_never_raise
def parse_level(v: object) -> Norm[RiskLevel]:
    """红 红色 红色名单 红榜 红色风险 红（高） RED red R, and 橙/黄/绿 alike."""
    return _parse_level(v, True)


def _parse_level(v: object, remark: bool) -> Norm[RiskLevel]:
    """`remark`: a remark after a comma or a date before the level is read too (_level_with_remark)."""
    if _is_blank(v):
        return Norm()
    if not isinstance(v, str):
        return Norm(error=LEVEL_EXPECTED)
    # a sentence's stop after the level (橙色。 红；) is no remark: it was VALUE_INVALID where 是。 and A。 were read
    h = norm_header(v).rstrip(".,;!:*~…-")  # (not 红？: a doubt, asked; 红： 红* 红… were VALUE_INVALID, audit)
    moved = [m[1] for m in _LEVEL_CHANGED.finditer(h) if _made(h, m)]
    if moved:  # 红色（已下调为橙色）, 由黄调整为橙, 黄→橙, 上月红色，本月橙色: the level it is now (it read as the first)
        return Norm(_LEVEL_WORDS[moved[-1]])
    level = _level_word(_BRACKETED.sub("", h) or h.strip("()"))
    if level is None and (m := _ASSESSED.match(h)) and m.end() < len(h):
        # 经评估为橙色, 评定为橙色, 纳入橙色名单, 评估：橙 — one level said in a sentence, as 6月10日定为橙色 is read
        # (VALUE_INVALID, sent back; audit of prose); the word after it, once (为为…红 recursed; review)
        rest = h[m.end():]
        level = _level_word(_BRACKETED.sub("", rest) or rest.strip("()"))
    if level is None and (grade := _GRADE_THEN_COLOUR.fullmatch(h)) is not None:
        # 高风险（红色）: a grade in words, its colour in the bracket — read as 红（高风险） is (VALUE_INVALID; blind audit
        # of prose); a colour the grade does not allow (低风险（红色）) is asked
        colour = _LEVEL_WORDS[grade[2]]
        if colour in _GRADE_COLOURS[grade[1].lstrip("较")[:1]]:
            level = colour
    if level is None and (grade := _NUMBERED_GRADE.fullmatch(h)) is not None:
        # Ⅰ级（红色）, 三级（黄色）: a grade by its number (Ⅰ the highest), its colour in the bracket — read by the colour
        # where the number agrees (blind audit of typing habits); Ⅲ级（红色） is asked
        colour = _LEVEL_WORDS[grade[2]]
        if _GRADE_NUMBERS.get(grade[1]) == colour:
            level = colour
    if level is None and "；" in v:
        # 橙；红: a facility written over two rows, a level on each (joined so by the reader): the highest, as a
        # facility's level is the highest of its points. Not 红/橙/黄 in one cell: a hint left in, no choice made
        parts = [_parse_level(part, False).value for part in v.split("；") if part.strip()]
        if len(parts) > 1 and all(parts):
            return Norm(max(parts))  # type: ignore[type-var]
    if level is None and remark and (said := _level_with_remark(to_halfwidth(v).strip())) is not None:
        return Norm(said)
    return Norm(level) if level else Norm(error=LEVEL_EXPECTED)


_GRADE_THEN_COLOUR = re.compile(r"(较?[高中低]|中高|中低)风险(?:等级)?\(([红橙黄绿])色?(?:名单|等级|级)?\)")
_NUMBERED_GRADE = re.compile(r"(iv|i{1,3}|[ⅰⅱⅲⅳ一二三四1-4])级(?:风险)?\(([红橙黄绿])色?(?:名单|等级|级)?\)")
_GRADE_NUMBERS = {n: level for names, level in ((("i", "ⅰ", "一", "1"), RiskLevel.RED),
                                                (("ii", "ⅱ", "二", "2"), RiskLevel.ORANGE),
                                                (("iii", "ⅲ", "三", "3"), RiskLevel.YELLOW),
                                                (("iv", "ⅳ", "四", "4"), RiskLevel.GREEN))
                  for n in names}
_GRADE_COLOURS = {"高": (RiskLevel.RED, RiskLevel.ORANGE), "中": (RiskLevel.ORANGE, RiskLevel.YELLOW),
                  "低": (RiskLevel.YELLOW, RiskLevel.GREEN)}
_LEVEL_REMARK_SEP = re.compile(r"[,;:、\s]+")
# a level named in a remark: a colour standing as a level (橙, 红色, 绿色名单 — not 绿城养老院, 红十字会) or
# 重大/较大/一般 as a grade (一般风险, 较大 alone — not 影响一般, 规模较大)
_NAMED_LEVEL = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[为成至到升降转调改]))([红橙黄绿])(?:色|名单|等级|级|风险|预警)?"
                          r"(?![\u4e00-\u9fff])"
                          r"|([红橙黄绿])色(?:名单|等级|风险|预警)?(?![\u4e00-\u9fff])"
                          r"|(重大|较大|一般)(?:风险|等级)?(?![\u4e00-\u9fff])|(重大|较大|一般)(?:风险|等级)")
_SET_AS = re.compile(r"^(?:定级为|定为|列为|评为|列入|纳入|为)")
_ASSESSED = re.compile(r"(?:经(?:过)?)?(?:综合)?(?:(?:评估|评定|研判|认定|核定|判定|确定|排查|定级)(?:后)?[为:]?"
                       r"|定级为|定为|列为|评为|列入|纳入)")


def _level_with_remark(h: str) -> RiskLevel | None:
    """A level with a remark after a comma, colon, space or new line, or a date before it (红色，已移送公安; 黄色
    2022.6.15; 2022.6.15 黄; 6月10日定为橙色), read as a bracketed remark is (红色（6月10日）): they were VALUE_INVALID,
    and the consolidated workbook took the points' colour for the township's own (audit of 附件2). A remark naming
    another level is asked (红、橙; 黄，调为橙; 6月10日 黄，7月1日 橙) unless it says the change is not made yet
    (黄，拟降为绿: 黄, as 黄（拟降为绿）); the same level said again (红色，重大风险) is that level."""
    if (m := _LEADING_DATE.match(h)) and m.end() < len(h) and m.group().strip():
        rest = _SET_AS.sub("", h[m.end():].strip())
        if (again := _LEADING_DATE.match(rest)) and again.group().strip():
            return None  # (no date after a date)
        got = parse_level(rest)
        return got.value if got.ok else None
    parts = _LEVEL_REMARK_SEP.split(h, 1)
    if len(parts) < 2 or not parts[1]:
        return None
    head = _parse_level(parts[0], False).value  # (橙（较大），已约谈: the head's own bracket read as before)
    if head is None:
        return None
    remark, spaced = norm_header(parts[1]), to_halfwidth(parts[1])  # (a space, as a bracket, stands apart: 7月1日 橙)
    others = {_LEVEL_WORDS[w] for g in _NAMED_LEVEL.findall(_BRACKETED.sub(" ", spaced)) for w in g if w} - {head}
    if not others and not _BRACKETED.search(remark) and not _LEVEL_CHANGED.search(remark):
        return head
    changes = list(_LEVEL_CHANGED.finditer(remark))
    if changes and all(_not_yet(_clause_before(remark, c.start())) for c in changes) and not \
            _NAMED_LEVEL.search(_LEVEL_CHANGED.sub(" ", _BRACKETED.sub(" ", spaced))):
        return head  # 黄，拟降为绿: the change still to come, as 黄（拟降为绿）
    return None  # another level beside it (黄，升橙; 橙，无证经营升为红色; 黄，橙（未整改）): asked


@functools.lru_cache(maxsize=4096)  # asked of every 附件2 row written one level up: a few dozen distinct texts
def level_alone(text: str) -> RiskLevel | None:
    """The level a cell names with nothing else (红, 红色, 橙色预警, 较大风险)."""
    return _level_word(norm_header(text))


def _level_word(key: str) -> RiskLevel | None:
    """A normalised text's level once its suffixes are taken off (红色名单 → 红)."""
    changed = True
    while changed:
        changed = False
        for suffix in _LEVEL_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key, changed = key[: -len(suffix)], True
    return _LEVEL_WORDS.get(key)



# (the template's drop-down entries: it refuses a bare A, B or C typed as advised; template audit)
CATEGORY_EXPECTED = "应填“A.养老机构”“B.社区养老服务机构”或“C.未经登记但从事养老服务经营活动的场所”"
_CATEGORY_LETTER = re.compile(r"([abc])(?![a-z])")


def _category_by_text(key: str) -> Category | None:
    # 未登记 first (such a place may be 社区…), then 社区 (社区养老服务机构 is not a 养老机构)
    if "未经登记" in key or "未登记" in key or "无证" in key:
        return Category.C
    if "区域性养老服务中心" in key:  # the former 敬老院 of a township: an 养老机构
        return Category.A
    if "社区" in key or any(w in key for w in _COMMUNITY_WORDS):
        return Category.B
    if any(w in key for w in ("养老机构", "养老院", "敬老院", "福利院", "护理院", "老年公寓", "供养服务中心")):
        return Category.A
    return None


# what only an 养老机构 (A) is called: beside B类/C类 the bare word 养老机构 names any facility
_A_NAMES = ("养老院", "敬老院", "福利院", "护理院", "老年公寓", "供养服务中心", "区域性养老服务中心")
# 社区养老服务机构 (B) by what they are called: day care, home-care service centres, meal points, stations
_COMMUNITY_WORDS = ("日间照料", "居家养老", "助餐", "养老服务站", "照料中心", "互助", "颐养之家")


@_never_raise
def parse_category(v: object) -> Norm[Category]:
    """A / A.养老机构 / A类 / 养老机构 → A; 社区养老服务机构 → B; 未经登记…场所 → C."""
    if _is_blank(v):
        return Norm()
    if not isinstance(v, str):
        return Norm(error=CATEGORY_EXPECTED)
    key = header_key(v)
    m = _CATEGORY_LETTER.match(key)
    if m:
        letter = Category(m[1].upper())
        by_text = _category_by_text(key[1:])
        if by_text is not None and by_text != letter and not (
                key[1:2] == "类" and by_text == Category.A and not any(w in key for w in _A_NAMES)):
            # (B类养老机构: the class said, 养老机构 the generic word for any of them; rejected before, blind audit)
            return Norm(error="类别字母与名称不一致")
        return Norm(letter)
    # a remark in brackets names no category (养老机构（非社区）: it was B, by the 社区 in the remark; audit of spellings)
    bare = _CATEGORY_REMARK.sub("", to_halfwidth(v))
    main = header_key(bare) or key
    if _CATEGORY_DENIED.search(main):
        return Norm(error="类别写的是“不是/非”某类，请直接填写 A、B 或 C")  # 非养老机构 was read as A
    named = {c for part in _CATEGORY_PARTS.split(bare) if (k := header_key(part)) and (c := _category_by_text(k))}
    if len(named) > 1:
        return Norm(error="类别只能填一类，请填写 A、B 或 C 中的一个")  # 养老机构/社区 was read as B
    by_text = _category_by_text(main)
    return Norm(by_text) if by_text else Norm(error=CATEGORY_EXPECTED)


_CATEGORY_REMARK = re.compile(r"[（(][^（）()]*[)）]")
_CATEGORY_DENIED = re.compile(r"(?:非|不是|不属于|并非|不算)(?:养老|社区|日间|居家|未经?登记|[ABCabc])")
_CATEGORY_PARTS = re.compile(r"[/、,，;；和及与或]|以及")


# ---------------------------------------------------------------- dates

DATE_INVALID = "不是有效的日期（应写成如 2022-06-03 或 2022年6月3日）"
MISSING_YEAR = "日期缺少年份"
NO_SUCH_DATE = "日期无效（没有这一天，请核对年、月、日）"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's phantom 1900-02-29
# a time after the date: 17:30, 17:30:00, 17时30分, 17时, 下午5:30, 5:30 PM
# (下午5点40 with its minutes and no 分, in the date's own cell: VALUE_INVALID, the lateness lost; audit of periods)
_TIME = (r"(?:\s*T?\s*(?:上午|下午|晚上|早上|中午)?\s*\d{1,2}\s*(?:[:：]\s*\d{2}(?::\d{2}(?:\.\d+)?)?|[时点](?:\s*\d{1,2}\s*分|半|[0-5]\d(?!\d))?)"
         r"\s*(?:[ap]\.?m\.?)?)?")
_YMD = r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*[日号]?"
_COMPACT = r"(\d{4})(\d{2})(\d{2})"
_MD = r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"
_DOTTED_MD = r"(\d{1,2})\.(\d{1,2})"  # 6.15: only a whole cell, or the last resort in a sentence (是（6.10）)
# 6/15, 6-15 as a whole cell (a 填报日期 typed short; the 6.15 and 6月15日 beside it were read, blind audit)
_SLASHED_MD = r"(\d{1,2})\s*[/-]\s*(\d{1,2})"
# 22年6月15日: the century left out, said with 年
# 22年6月15日, and 22.6.15 / 22/6/15 / 22-6-15 where 22 can only be the year (the whole form was sent back for them;
# false-positive sweep) — 23.6.22 may be 22 June 2023 or 23 June 2022: not guessed (_date_from_match)
_YY_MD = r"(\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2}))"
_DATE_FULL = [re.compile(_YMD + _TIME, re.I), re.compile(_COMPACT), re.compile(_MD + _TIME, re.I),
              re.compile(_DOTTED_MD), re.compile(_SLASHED_MD + _TIME, re.I), re.compile(_YY_MD + _TIME, re.I)]
# not an amount or a share (涉案金额1.5万元, 2.5倍, 0.5%)
_DOTTED_SEARCH = re.compile(r"(?<![\d.])" + _DOTTED_MD + r"(?![\d.]|\s*[万亿千百元倍%％个人户家])")
# (not before a letter read for a digit: 6月2O日 is no 6月2日; audit of pasted text)
_DATE_SEARCH = [re.compile(r"(?<!\d)" + _YMD + r"(?![\dOoIl])"), re.compile(r"(?<!\d)" + _COMPACT + r"(?!\d)"),
                re.compile(r"(?<!\d)" + _MD + r"(?![\dOoIl])")]
# a date's dots typed with the Chinese input method on (2022。6。3, 2022、6、3; 6。3): read as 2022.6.3 — it was
# CASE_DATE_MISSING, "no date written" (blind audit of values); 、 only after a year (6、10 may list two items)
_IME_YMD = re.compile(r"(?<!\d)(\d{4})\s*([。、])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)")
_IME_MD = re.compile(r"(?<![\d.])(\d{1,2})\s*。\s*(\d{1,2})(?![\d.])")


def _ime_dots(h: str) -> str:
    if "。" not in h and "、" not in h:
        return h
    return _IME_MD.sub(r"\1.\2", _IME_YMD.sub(r"\1.\3.\4", h))


# the dashes Word and WPS put between a date's parts (2022–06–10): read as the hyphen (CASE_DATE_MISSING said no
# date was written; audit of pasted text)
_DATE_DASHES = str.maketrans("‐‑‒–—−﹣", "-------")


def _ymd(y: int, m: int, d: int) -> Norm[dt.date]:
    try:
        return _in_range(dt.date(y, m, d))
    except ValueError:
        return Norm(error=NO_SUCH_DATE)


def _in_range(d: dt.date) -> Norm[dt.date]:
    """A report's date lies within the years a report can have: 9999-12-31 is a slip (and no week after it)."""
    return Norm(d) if 1900 <= d.year <= 2100 else Norm(error="日期无效（年份应在1900–2100之间）")


class PeriodYear(int):
    """The report period's year, knowing its month: a date written without a year (1月5日) in a December report
    is next January's (filled in after the year's end), 12月28日 in a January report last December's (more than six
    months after the period: a date of the past). Otherwise the period's year, as SPEC says: 1月5日 in August's
    report is this January (a case filed then) — it was next January, a false DATE_IN_FUTURE (blind audit of the
    calendar)."""

    month: int
    forward: bool  # the report's own date (填报日期) may be after the period; a case's, an inspection's are not

    def __new__(cls, year: int, month: int, forward: bool = True) -> PeriodYear:
        obj = super().__new__(cls, year)
        obj.month = month
        obj.forward = forward
        return obj

    def __reduce__(self) -> tuple[object, ...]:  # to the reading processes
        return (PeriodYear, (int(self), self.month, self.forward))

    def __eq__(self, other: object) -> bool:  # cached parses of one year but another month differ
        if other.__class__ is PeriodYear:
            # (int(self) == other called other's __eq__ with a plain int: two equal years never were, each file's
            # dates a new entry of one hash in the parse cache, every lookup comparing them all — quadratic in the
            # files read; profile of issue 9)
            return int(self) == int(other) and other.month == self.month \
                and other.forward == self.forward  # type: ignore[attr-defined]
        return int(self) == other and getattr(other, "month", None) == self.month \
            and getattr(other, "forward", True) == self.forward

    def __ne__(self, other: object) -> bool:  # (int's own compared the years alone)
        return not self == other

    def __hash__(self) -> int:
        return hash((int(self), self.month, self.forward))

    def past(self) -> PeriodYear:
        """For dates of what happened before the report (立案, 排查): 1月8日 in December's report is this January's
        (it was next January's, a false DATE_IN_FUTURE; review)."""
        return PeriodYear(int(self), self.month, False)

    def of(self, month: int) -> int:
        return int(self) + (1 if self.forward and month - self.month < -10 else -1 if month - self.month > 6 else 0)


def _date_from_match(m: re.Match[str], year: int | None) -> Norm[dt.date]:
    nums = [int(g) for g in m.groups() if g is not None]
    if len(nums) == 2:
        if year is None:
            return Norm(error=MISSING_YEAR)
        return _ymd(year.of(nums[0]) if isinstance(year, PeriodYear) else year, *nums)
    if len(m[1]) == 2:
        if m.lastindex == 5 and m[5] is not None and 22 <= nums[2] <= 40 and nums[0] <= 31 and nums[0] != nums[2]:
            # (day.month.year as well as year.month.day: asked — not 22.6.22, the same date either way; audit)
            return Norm(error=DATE_INVALID)
        nums[0] += 2000  # 22年6月15日, 22.6.15 (15.6.22 read as a day first would be 2015: before the campaign)
    return _ymd(*nums)


_SERIAL_AT = re.compile(r"\d{5}\.\d{1,15}")  # a date-time's serial shown as a number
_MARCH_1900 = dt.datetime(1900, 3, 1)  # serials below 61: months and days typed as a number (6.15), not dates
_SERIAL_ZERO = dt.datetime(1899, 12, 31)  # serial 1 is 1900-01-01 there (Excel's 1900 leap day after it)


def number_typed(v: object) -> str | None:
    """6.15 typed into a date-formatted cell (the template's 填报日期, pasted past its validation) is the date serial
    6.15, read back as 1900-01-06 03:36: the number typed, as text ("6.15"), to be read as one typed into a General
    cell is (it was said 1900-01-06 07:12 早于2022年 of a 6.3; audit of the README's claims). None for a real date."""
    if not isinstance(v, dt.datetime) or v >= _MARCH_1900 or v.time() == dt.time(0):
        return None
    return f"{round((v - _SERIAL_ZERO).total_seconds() / 86400, 4):g}"


def _date_from_number(n: float) -> Norm[dt.date]:
    if not math.isfinite(n):
        return Norm(error=DATE_INVALID)
    if 20000 <= n <= 80000:
        return _in_range(EXCEL_EPOCH + dt.timedelta(days=int(n)))
    if float(n).is_integer() and 19000101 <= n <= 29991231:  # 20220603 typed into a number cell
        i = int(n)
        return _ymd(i // 10000, i // 100 % 100, i % 100)
    return Norm(error=DATE_INVALID)


@_never_raise
def parse_date(v: object, year: int | None = None) -> Norm[dt.date]:
    """Excel dates and serials, 2022-06-03, 2022.6.3, 2022/6/3, 2022年6月3日(号), 20220603, 6月3日 (with `year`)."""
    if _is_blank(v):
        return Norm()
    if isinstance(v, dt.datetime):
        if (typed := number_typed(v)) is not None:
            return parse_date(typed, year)
        return _in_range(v.date())
    if isinstance(v, dt.date):
        return _in_range(v)
    if _is_number(v):
        return _date_from_number(_float(v))  # type: ignore[arg-type]
    if not isinstance(v, str):
        return Norm(error=DATE_INVALID)
    h = _ime_dots(_CN_DATE.sub(_cn_date, _text(v).translate(_DATE_DASHES))).rstrip(".。")  # 2022.6.15.
    if "星期" in h or "周" in h or "礼拜" in h:
        h = _WEEKDAY.sub(" ", h).strip()  # 2022年6月22日（星期三）: the weekday a clerk adds says nothing more
    if "午" in h or "晚" in h or "早" in h or "凌晨" in h or "傍晚" in h:
        h = _DAYTIME.sub("", h)  # 2022年6月15日下午: the time of day says nothing more either (blind audit)
    if len(h) == 5 and h.isdecimal():
        return _date_from_number(int(h))  # a date serial shown as a number (a General-formatted 填报日期 cell)
    if _SERIAL_AT.fullmatch(h) and 36526 <= float(h) < 73051:  # (2000–2099: 20226.15 is no serial; review)
        return _date_from_number(float(h))  # …and a date-time's (44727.6666666667: 16:00 that day; audit)
    if (zoned := _zoned(h)) is not None:
        return _in_range(zoned.date())
    for pattern in _DATE_FULL:
        m = pattern.fullmatch(h)
        if m:
            return _date_from_match(m, year)
    return Norm(error=DATE_INVALID)


# an ISO date-time with a zone, as SheetJS stores a date cell (t="d": 2022-06-15T16:30:00.000Z)
_ZONED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})", re.I)


def _zoned(h: str, in_china: bool = False) -> dt.datetime | None:
    """A zoned ISO date-time to the minute, else None: as Excel and LibreOffice show an .xlsx date cell — the clock
    as written, its zone not applied — or, `in_china`, the zone applied and the time shown in China's (UTC+8).
    SheetJS writes an .xlsx date cell (t="d") as the clerk's own clock and a Z after it: read as UTC, an on-time
    16:30 was 00:30 the next day, SUBMISSION_LATE (blind audit in China's time zone); its .ods date values are UTC
    (see reader._grid). (Python 3.11 reads Z and fractions, not nine digits: cut to six.)"""
    if not _ZONED.fullmatch(h):
        return None
    text = re.sub(r"(\.\d{6})\d+", r"\1", h.upper())
    try:
        at = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return (at.astimezone(_BEIJING) if in_china else at).replace(tzinfo=None, second=0, microsecond=0)


_BEIJING = dt.timezone(dt.timedelta(hours=8))


def zoned_in_china(text: str) -> dt.datetime | None:
    """A zoned ISO date-time text as China's clock shows it, else None (see _zoned)."""
    return _zoned(text, in_china=True) if len(text) >= 17 and text[10:11] in "Tt" else None


# the weekday after a date, in brackets or not: （星期三）, (周三), 礼拜三
_WEEKDAY = re.compile(r"\s*\(?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*\)?")
# 二〇二二年六月十五日, as an official letter dates itself
# (and its parts mixed: 2022年6月十五日)
_CN_DATE = re.compile(r"(?:([〇零○一二三四五六七八九]{4}|\d{4})\s*年)?\s*([一二三四五六七八九十]{1,2}|\d{1,2})\s*月\s*"
                      r"([一二三四五六七八九十]{1,3}|\d{1,2})\s*([日号])")
# the time of day a clerk adds after the date (2022年6月15日下午, 6月15日上午10点)
_DAYTIME = re.compile(r"\s*[(（]?\s*(?:上午|下午|中午|晚上|早上|傍晚|凌晨)\s*(?:\d{1,2}\s*(?:[:：]\d{2}|[点时](?:\d{1,2}分?|半)?))?"
                      r"\s*[)）]?$")


def _cn_date(m: re.Match[str]) -> str:
    year, month, day, end = m[1] or "", m[2], m[3], m[4]
    if year.isdecimal() and month.isdecimal() and day.isdecimal():
        return m[0]  # (2022年6月15日: nothing to turn)
    y = "".join("0" if ch in "〇零○" else str(_CN_DIGITS.index(ch) + 1) for ch in year) if not year.isdecimal() else year
    return f"{y + '年' if y else ''}{month if month.isdecimal() else _cn_int(month)}月{day if day.isdecimal() else _cn_int(day)}{end}"


# (下午5点半: the half hour — the date was VALUE_INVALID; audit of values)
# (5点40 without its 分: it was read 5:00 — blind audit of the weekly round)
# (its minutes without 分 only right after 点, two digits of an hour's: 17点 2次报送 is 17:00, not 17:02; review)
_CLOCK = re.compile(r"(上午|下午|晚上|早上|中午)?\s*(?<!\d)(\d{1,2})\s*(?:[:：]\s*(\d{2})(?!\d)|[时点]\s*(?:(\d{1,2})\s*分|"
                    r"(?<=[时点])([0-5]\d)(?![\d:：.日号次天个时点])|(半))?)\s*([ap]\.?m\.?)?", re.I)


def time_of(text: str) -> dt.time | None:
    """The time of day written after a date ("2022-06-15 17:30", an Excel date-time's text), else None.
    A midnight time is what Excel shows for a plain date: None."""
    h = to_halfwidth(text)
    if (zoned := _zoned(h.strip())) is not None:
        return None if zoned.time() == dt.time(0, 0) else zoned.time()
    day = _DATE_SEARCH[0].search(h) or _DATE_SEARCH[2].search(h)
    m = _CLOCK.search(h, day.end() if day else 0)  # after the date: 2022年6月15日's 15 is no hour
    if not m:
        return None
    hour, minute = int(m[2]), 30 if m[6] else int(m[3] or m[4] or m[5] or 0)
    if (m[1] in ("下午", "晚上") or (m[7] or "").lower().startswith("p")) and hour < 12:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    t = dt.time(hour, minute)
    return None if t == dt.time(0, 0) else t


def find_date(text: str, year: int | None = None, dotted: bool = True) -> dt.date | None:
    """The first date written anywhere in a text (6月1日-6月7日 → 6月1日), or None. `dotted`: 6.28 without a year
    counts (not where numbers are listed so: 是，7.8 is criteria 7 and 8)."""
    return _find_date(to_halfwidth(text).translate(_DATE_DASHES), year, dotted).value


def _find_date(h: str, year: int | None, dotted: bool = True) -> Norm[dt.date]:
    """The first date written anywhere in the text; Norm(None) if there is none."""
    for pattern in _DATE_SEARCH:
        m = pattern.search(h)
        if m:
            return _date_from_match(m, year)
    m = _DOTTED_SEARCH.search(h) if dotted else None
    if m and 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 31:
        return _date_from_match(m, year)
    return Norm()


# ---------------------------------------------------------------- 附件3 compound cells

@_never_raise
def parse_case(v: object, year: int | None = None) -> Norm[tuple[Answer, dt.date | None]]:
    """是否立案及立案时间: "否", "未立案", "是，2022年6月3日", "已立案 2022.6.3", or a date alone (= 是)."""
    if _is_blank(v):
        return Norm()
    if isinstance(v, dt.date) or _is_number(v):
        d = parse_date(v, year)
        return Norm((Answer(value=_YES), d.value)) if d.ok else Norm(error=d.error)
    ans = _answer(v, allow_na=True)
    h = _ime_dots(_CN_DATE.sub(_cn_date, _text(v).translate(_DATE_DASHES)))  # 是，二〇二二年六月十日
    if (not ans.ok or ans.value is None) and _NO_CASE.search(h) and not _CASE_DONE.search(h):
        return Norm((Answer(value=_NO, detail=clean_text(v)), None))  # 公安机关决定不予立案 (VALUE_INVALID; audit)
    if (not ans.ok or ans.value is None) and _CASE_DONE.search(h):
        # 公安已立案: 是, its date where written (else CASE_DATE_MISSING), not VALUE_INVALID (audit of prose)
        d = _case_date(h, year)
        if d.ok:
            return Norm((Answer(value=_YES, detail=clean_text(v)), d.value))
    if not ans.ok or ans.value is None:
        d = _find_date(h, year)
        if d.value is None:
            return Norm(error=d.error or ans.error)
        # of its dates the case's (6月1日报案，6月25日立案: the first was taken; audit of prose); only another act's
        # date (6月1日报案) says nothing of a case
        case = _case_date(h, year)
        if case.ok and case.value is None and "立案" not in h:
            return Norm(error=ans.error)
        return Norm((Answer(value=_YES, detail=clean_text(v)), case.value if case.ok else d.value))
    if ans.value.value != _YES:
        return Norm((ans.value, None))
    d = _case_date(h, year)
    detail = to_halfwidth(ans.value.detail)
    if d.ok and d.value is None and (ocr := _OCR_IN_DATE.search(detail)):
        fixed = ocr[0].translate(_OCR_TABLE)
        return Norm(error=f"{CASE_DATE_UNREADABLE}；“{ocr[0].strip()}”中有字母，是不是{fixed.strip()}？")
    if d.ok and d.value is None and (short := _SHORT_YEAR_DATE.fullmatch(_CASE_WORDS.sub("", detail).strip())) \
            and 22 <= int(short[1]) <= 39 and (sd := parse_date(short[0], year)).ok and sd.value is not None:
        # 是，22.6.10: the year without its century, read as the 填报日期's is (22 only a year; it was VALUE_INVALID
        # here alone — blind audit of typed values)
        return Norm((ans.value, sd.value))
    if d.ok and d.value is None and (_DATE_TRIED.search(detail) or _SERIAL.fullmatch(_DATE_WORDS.sub("", detail))):
        # a date written but not readable (22.6.10, 2022年6月, a serial number from a formula): the cell says
        # something it cannot mean, not that the date was left out (CASE_DATE_MISSING)
        return Norm(error=CASE_DATE_UNREADABLE)
    if d.ok and d.value is None and detail.strip() in EXCEL_ERRORS:
        # 立案时间 in a column of its own whose formula failed (是 | #VALUE!): unreadable, not left out
        return Norm(error=f"{CASE_DATE_UNREADABLE}（立案时间一格公式计算出错，显示“{detail.strip()}”）")
    if d.ok and d.value is None and _TIME_ONLY.fullmatch(detail.strip()):
        # a time of day alone (a 立案时间 cell formatted hh:mm, or a day before 1900 shown as 00:00): no date of
        # any day — it was CASE_DATE_MISSING, as if nothing were written (blind audit of how cells are stored)
        return Norm(error=f"{CASE_DATE_UNREADABLE}（单元格显示的是时刻“{detail.strip()}”，不是日期）")
    return Norm((ans.value, d.value)) if d.ok else Norm(error=d.error)


_TIME_ONLY = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
# the whole 立案时间 a date of a year without its century (22.6.10), not a case number's digits (启公立字12-3-4号;
# review): a year of the campaign's
_SHORT_YEAR_DATE = re.compile(r"(\d{2})\s*([./\-])\s*\d{1,2}\s*\2\s*\d{1,2}")
# what a cell shows when its formula fails (and what the consolidated workbook writes for such a cell)
EXCEL_ERRORS = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!",
                          "#FIELD!", "#BLOCKED!", "#BUSY!", "#CONNECT!", "#UNKNOWN!", "#PYTHON!", "#GETTING_DATA",
                          "#EXTERNAL!"))


_NO_CASE = re.compile(r"不予立案|不立案|未予立案")  # (未立案 is read as it starts; beside 已立案 a side clause)
_CASE_DONE = re.compile(r"已(?:经)?(?:依法)?立案|已(?:经)?受理立案")


def _case_date(h: str, year: int | None) -> Norm[dt.date]:
    """The case's date in a 立案 cell: of several dates (6月10日移送，6月15日立案) the one said to be the case's,
    else the first; a month and day with a slash or dash (是，6/10) where no other date is written."""
    found = sorted((m for pattern in (*_DATE_SEARCH, _DOTTED_SEARCH) for m in pattern.finditer(h)),
                   key=lambda m: m.start())  # (6.10移送，6.15立案 as 6月10日移送，6月15日立案)
    if len(found) > 1:
        # 立案时间：6月15日 first, then 6月15日立案 (移送时间：6月10日，立案时间：… is not 6月10日's label)
        labelled = [m for m in found if _CASE_BEFORE.search(h[:m.start()])] or \
            [m for m in found if _CASE_AFTER.match(h, m.end())]
        if labelled:
            return _date_from_match(labelled[0], year)
    # a date of another act (6月10日移送公安，公安已立案): not the case's — the case's date is not written
    # (CASE_DATE_MISSING), or it is the other date (6月10日移送，6月25日立案: DATE_IN_FUTURE); audit of prose
    acts = [m for m in found if _OTHER_ACT_AFTER.match(h, m.end())]
    if acts:
        rest = [m for m in found if m not in acts]
        return _date_from_match(rest[0], year) if rest else Norm()
    d = _find_date(h, year)
    if d.ok and d.value is None:
        # 6/10 only standing first after 是, alone or before a bracket or a list (6/10（公安）, 6/10、6/15) — not
        # 立案编号12-3, 涉案金额3/4, 1/3资金已追回, 老人10-20名
        bare = _CASE_WORDS.sub("", to_halfwidth(h))
        if (m := _SLASHED_CASE_MD.match(bare)) and 1 <= int(m[1]) <= 12:
            return _date_from_match(m, year)
    return d


_CASE_WORDS = re.compile(r"^\s*(?:是|已立案|已)\s*[,，:：(（]?\s*|(?:立案)?(?:时间|日期)?\s*[:：为于]?\s*|[)）]?\s*(?:已?立案)?\s*$")
_CASE_AFTER = re.compile(r"\s*[,，]?\s*(?:已|正式|依法)?(?:刑事|决定|予以)?立案(?!时间|日期)")
_CASE_BEFORE = re.compile(r"立案(?:时间|日期)?\s*[:：为于]?\s*$")
# (移送公安机关立案侦查 in one clause: the transfer for the case, read as its date as before)
_OTHER_ACT_AFTER = re.compile(r"\s*[,，]?\s*(?:已|已经|由|将|向|被)?(?:移送|移交|报案|报警|通报|约谈|举报|受理|交办)"
                              r"(?![^,，;；。]*立案)")
_SLASHED_CASE_MD = re.compile(r"(\d{1,2})\s*[/\-]\s*(\d{1,2})(?![\d/\-])(?=\s*(?:$|[(（,，、;；]))")

CASE_DATE_UNREADABLE = "立案时间不是完整的日期，请写成“是，2022年6月3日”"
# a date written that cannot be read: a year and a month (22.6.10, 2022年6月中旬), or a five-digit serial as the
# whole detail (a formula joining 是 and a date cell) — not a case number, an amount or a share (启公刑立字〔2022〕
# 10086号, 50000元, 12.5万元, 2/3户)
_DATE_TRIED = re.compile(r"(?<!\d)20\d{2}\s*[,，\s]\s*\d{1,2}\s*[,，\s]\s*\d{1,2}(?!\d)|"  # 2022,6,3 / 2022 6 3 (audit)
                         r"(?<![\d.])\d{2,4}\s*[.\-/年]\s*\d{1,2}(?:\s*[.\-/月]\s*\d{1,2}\s*日?)?"
                         r"(?![\d.]|\s*[万亿千百元倍%％个人户家号])|\d{1,2}\s*月\s*(?:上旬|中旬|下旬|初|底|末|份)"
                         # a month without its day (是，5月), a day without its month (是，15日)
                         r"|(?<![\d.])\d{1,2}\s*月(?!\s*\d)|(?<![\d月.])\d{1,2}\s*日"
                         # a day said relative to the day of writing (是，昨天 / 上周三: CASE_DATE_MISSING said no date
                         # was written; differential audit of typed values)
                         r"|[昨前今]天|[昨前今]日|上+周|上+个?星期|上+个?月|本月|本周|近日|日前")
_SERIAL = re.compile(r"[1-9]\d{4,14}(?:\.\d+)?")  # (10000000000: a date cell out of Excel's range; audit)
# a digit misread as a letter in a date's part (2022.6.l0, 6月2O日): written, not left out (audit of pasted text);
# not a word in the sentence (涉O2O平台, 3O余人; review)
_OCR_IN_DATE = re.compile(r"(?<![A-Za-z0-9])(?=[0-9IlO]*[IlO])(?=[0-9IlO]*[0-9])[0-9IlO]{1,4}(?=\s*[年月日号])"
                          r"|(?<=[0-9][年月./-])\s*(?=[0-9IlO]*[IlO])[0-9IlO]{1,2}(?![A-Za-z0-9])")
_DATE_WORDS = re.compile(r"^(?:立案时间|立案日期|立案于|时间|日期|于)[:：]?\s*|[。.]$")


def _without_dates(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


_TOP_SEPARATOR = re.compile(r"[、,;\n]+(?![^()]*\))")  # (not inside a bracket)


def _without_part_done(detail: str) -> str:
    """The criteria of `detail` (half-width) without those said met in part or under way; "" where a part so said
    names no criterion of its own (已清退60%: which one is it?) or nothing else is left."""
    parts = [p for p in _TOP_SEPARATOR.split(detail) if p.strip()]
    kept = []
    for part in parts:
        if _PART_DONE.search(part) and not (_DONE_FIRST.search(part) and not _PART_ONLY.search(part)):
            if not _DIGIT.search(_PART_DONE.sub("", part).translate(_CIRCLED_TABLE)):
                return ""
        else:
            kept.append(part)
    return "、".join(kept)


@_never_raise
def parse_resolved(v: object) -> Norm[tuple[Answer, Numbers]]:
    """存量风险是否已有效化解: "否", "是", "是，3", "已化解（1、3）", "是，已完成资金清退" (criterion 3)."""
    if _is_blank(v):
        return Norm()
    ans = _answer(v, allow_na=True)
    if not ans.ok or ans.value is None:
        # criteria alone ("1、3") say that it is resolved
        n = parse_numbers(v, "criteria")
        if n.ok and n.value is not None and n.value.items:
            return Norm((Answer(value=_YES, detail=clean_text(v)), n.value))
        return Norm(error=ans.error)
    answer = ans.value
    if answer.value != _YES:
        return Norm((answer, Numbers()))
    detail = answer.detail
    if under_way(detail):
        # 是，3（部分清退）, 已清退60%, 3（清退中）, 仍有2名老人未退: a criterion met in part is not met — it counted as
        # resolved, and the facility left the list next month without FACILITY_DROPPED (audit of prose). Another one
        # met beside it still is (是，1、3（清退中）: 1 holds; SPEC: at least one; blind audit of prose)
        detail = _without_part_done(to_halfwidth(detail))
        if not detail:
            return Norm((answer, Numbers()))
    if detail:
        # the day it was resolved (是（2022年6月10日）, 是，6月10日已办结) is no criterion number
        undated = to_halfwidth(detail)
        n = parse_numbers(detail, "criteria")
        for dates in (_DATE_SEARCH, (_DATE_TRIED,)):  # a date written in full, then one written short (22.6.10)
            if not n.ok and (rest := _without_dates(undated, dates)) != undated:
                undated = rest
                n = parse_numbers(rest, "criteria")
        if n.ok or not _DIGIT.search(undated.translate(_CIRCLED_TABLE)):
            return Norm((answer, n.value or Numbers()))  # words naming no criterion: RESOLVED_NO_CRITERION says so
        return Norm(error=n.error)
    # "已完成资金清退": the yes-word starts the criterion's own text
    n = parse_numbers(v, "criteria")
    return Norm((answer, n.value if n.ok and n.value is not None else Numbers()))


__all__ = [
    "Norm", "clean_text", "to_halfwidth", "norm_header", "header_key", "is_formula_text", "nearest",
    "parse_int", "parse_percent", "parse_answer", "parse_numbers", "parse_level", "parse_category",
    "parse_date", "parse_case", "parse_resolved", "describes_other", "described_case",
]

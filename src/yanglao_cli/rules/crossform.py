"""Checks across the forms of one unit's submission, and across units. Pure: records in, findings out."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from typing import TypeVar, cast

from ..config import short_name, strip_decorations
from ..findings import F3_BLANK, Code, Finding, make, row_of, said_also
from ..models import F1Record, F2Record, F3Record, F4Record, RiskLevel, Submission
from ..normalize import header_key, no_points_written
from . import Ctx
from .statistics import check_referrals

K = TypeVar("K")


@functools.lru_cache(maxsize=131072)
def facility_key(name: str) -> str:
    """Names compared after normalising: width, spaces, punctuation and brackets do not count."""
    return header_key(name)  # (cached: each name is asked for by several checks)


def _lead(rec: F2Record | F3Record) -> str:
    return header_key(getattr(rec, "lead_unit", "") or "")


_TOWN = re.compile(r"(.+?(?:街道办事处|街道|镇|乡))")
# a township told apart by its unit one level up (consolidate._tell_apart): 城南街道民政办（如皋市）
TOLD_APART = re.compile(r"(.+)（([^（）]+)）")


def _town(rec: F2Record | F3Record) -> str:
    """The township a consolidated row's 牵头排查单位 names: one town's rows, whichever office led them."""
    return town_key(getattr(rec, "lead_unit", "") or "")


def town_key(text: str) -> str:
    """The township a 牵头排查单位 or a township column names, as a key (汇龙镇市场监管分局, 汇龙镇民政办 → 汇龙镇;
    城南街道民政办（如皋市） → 城南街道)."""
    apart = TOLD_APART.fullmatch(text)
    m = _TOWN.match(apart[1] if apart else text)
    return header_key(m[1]) if m else strip_decorations(header_key(apart[1] if apart else text))


def facility_id(rec: F2Record | F3Record, consolidated: bool) -> str | tuple[tuple[str, str], str]:
    """A facility within one unit's forms: its name (facility_key); on a consolidated workbook (several
    townships, one name possibly two townships' facilities) the township too, its 附件2 row's 牵头排查单位 (which
    the consolidated workbook writes so that it names the township), an 附件3 row taking its 附件2 row's
    (pairing.pair_disposals). Compare ids of one submission only."""
    if consolidated:  # an 附件3 row paired with its 附件2 row by plain name takes that row's name (pairing.pair_disposals)
        # (the township, not the office: 东海镇民政办 and, its blank filled in, 东海镇 on two rows of one township's
        # facility were two facilities, the second DISPOSAL_MISSING, an error of no one's; audit of the outputs)
        return _town_apart(rec), facility_key(rec.__dict__.get("pair_name") or rec.name)  # ("", "") with no lead
    return facility_key(rec.name)


# What a clerk adds to a facility's name on one form and not the other: a remark in brackets (its address, 法人,
# 新增), the list's own numbering (1、, ①, 1 ), the city before it (启东市, 南通市启东市), the township before it
# (汇龙镇, 汇龙, an alias the configuration gives), the company's form after it (有限公司 / 有限责任公司)
_REMARK = re.compile(r"[（(【\[][^（()）【】\[\]]*[)）】\]]")
_NUMBERING = re.compile(r"^\s*(?:\d{1,3}\s*[、.．)）]|[(（]\d{1,3}[)）]|[\u2460-\u2473]"
                        r"|\d{1,3}\s+(?=[\u4e00-\u9fff])(?![号栋幢楼层座期区组村]))\s*")  # (1 号楼托老所 is building 1's)
# the city, or a county (如东县福寿养老院 under 如东县民政局: it was two facilities, as 启东市… was not; county audit)
_CITY = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2,3}[市县]){1,2}(?=[\u4e00-\u9fff]{4})")
_COMPANY = re.compile(r"(?:(?:股份)?有限(?:责任)?)?公司$")  # (有限 dropped on one form: 公司 alone; audit)
_NUMBER_STARTS = frozenset("0123456789０１２３４５６７８９(（ \t\u3000\xa0") | frozenset(map(chr, range(0x2460, 0x2474)))
_BRACKETS = frozenset("（(【[")
# a remark that says only how the facility stands on the list (（已整改）, （新增）), not which one it is: not an
# address, a branch or a person (two 法人 may be how a clerk tells two namesakes apart)
_STATUS = (r"(?:[0-9]{1,2}月份?)?(?:已|正在|待)?(?:完成)?(?:整改|新增|新发现|复查|化解|清退|关停|取缔|注销|停业|歇业)"
           r"(?:到位|完成|完毕|中)?")
_STATUS_REMARK = re.compile(r"[（(【\[]\s*" + _STATUS + r"\s*[)）】\]]")
_REMARK_PARTS = re.compile(r"[，,、；;]")
# a remark's part on how the facility stands, not which one it is
_STATUS_PART = re.compile(_STATUS + r"|重点关注|持续关注|跟踪|续报|上月|本月")


def plain_name(name: str, unit: str, aliases: tuple[str, ...] = ()) -> str:
    """A facility's name without what a clerk adds on one form only (see _REMARK…): for pairing, never shown."""
    return _plainer(name, unit, aliases)[-1]


def _plainer(name: str, unit: str, aliases: tuple[str, ...] = (), remarks: bool = True, rest: int = 4
             ) -> tuple[str, str, str]:
    """The name ever plainer: without remarks (unless `remarks` is False), numbering and the company's form; then
    without the city; then without the township, where `rest` characters or more remain."""
    if name[:1] in _NUMBER_STARTS or remarks and _BRACKETS & set(name):
        bare = header_key(_NUMBERING.sub("", _REMARK.sub("", name) if remarks else name))
    else:  # the common name, nothing to take away before the places (asked for 60,000 names at a province)
        bare = facility_key(name)
    if bare.endswith("公司") and _COMPANY.search(bare) and len(short := _COMPANY.sub("", bare)) >= 4:
        bare = short
    bare = with_ordinals(bare)  # 第一敬老院 is 第1敬老院, 一部 is 1部 (two facilities each way; audit of names)
    key = _CITY.sub("", bare) if "市" in bare or "县" in bare else bare
    city = key
    prefixes = town_prefixes(unit, aliases)
    stripped = True
    while stripped:  # 汇龙镇汇龙幸福养老院 → 幸福养老院, as 汇龙幸福养老院 is
        stripped = False
        for prefix in prefixes:
            if key.startswith(prefix) and len(key) - len(prefix) >= rest:
                key, stripped = key[len(prefix):], True
                break  # the longest again first: 启东 taken off 启东汇龙镇… leaves 汇龙镇…, not 汇龙 before 汇龙镇
    return bare, city, key


_CN_ORDINAL = re.compile(r"(?<=第)[一二三四五六七八九十]{1,3}|[一二三四五六七八九十]{1,3}(?=部|分院|院区|号楼|分部)")
_CN_DIGITS = {ch: n for n, ch in enumerate("零一二三四五六七八九")}


def with_ordinals(name: str) -> str:
    """The name with its Chinese ordinals in digits: 一部 is 1部, 第三 is 第3."""
    return _CN_ORDINAL.sub(lambda m: str(_cn_number(m[0])), name) if _CN_ORDINAL.search(name) else name


def _cn_number(word: str) -> int:
    """一 … 九十九 as a number (十二, 二十, 二十三)."""
    if "十" not in word:
        return int("".join(str(_CN_DIGITS[ch]) for ch in word))
    tens, _, ones = word.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


@functools.lru_cache(maxsize=4096)
def town_prefixes(unit: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """How a township's name may stand before a facility's: in full, without 镇/乡/街道, an alias (吕四 for 吕四港镇);
    longest first."""
    # (a 街道's too: 掘港 for 掘港街道 — its facilities written with and without it were two; audit of a county;
    # a county's or city's name is the _CITY rule's)
    short = short_name(unit) if unit.endswith(("街道", "镇", "乡")) else ""
    names = {header_key(p) for p in (unit, short, *aliases) if p}
    return tuple(sorted((n for n in names if len(n) >= 2), key=lambda n: (-len(n), n)))  # (not a set's order)


@functools.lru_cache(maxsize=8192)  # one workbook's names are asked for by three checks
def variant_key(name: str, unit: str, aliases: tuple[str, ...] = ()) -> str:
    """One facility as a unit's list may write it twice without naming another one: without the numbering, the
    city, the township and the company's form, and without a remark on how it stands or who runs it (（已整改）,
    （法人：王某）); a branch or an address kept — （东院）and （人民路18号）may be other facilities."""
    return _plainer(_STATUS_REMARK.sub("", name), unit, aliases, remarks=False, rest=3)[-1]


def branches(name: str) -> frozenset[str]:
    """What a name's remarks say of which facility it is (康乐养老院（西院，已整改） → 西院; （1号楼）, （人民路18号）,
    （法人：王某）), not how it stands (已整改, 新增)."""
    return frozenset(part for remark in _REMARK.findall(name) for part in map(header_key, _REMARK_PARTS.split(remark[1:-1]))
                     if part and not part.startswith(("已", "未")) and not _STATUS_PART.fullmatch(part))


# a branch a remark names (（东院）, （一部）, （第2分院）, （3号楼）): how a clerk tells two facilities of one name apart —
# not how one stands (（现已清退）, （本月新增）, （东院6月底已清退） is 东院); not inside a word (（河东区人民路5号） is an
# address, not 东区; reviews)
_BRANCH_WORD = re.compile(r"(?<![\u4e00-\u9fff\d])第?(\d{1,3}(?:部|分院|院区|分部|号楼|栋|幢)|[东西南北中](?:院区|院|区|部|楼)"
                          r"|分院|分部|总院|本部)")


# a facility's former name said beside the new one: 原名康宁养生馆, 原名称为…, 曾用名…, 更名前…, 由…更名; in the
# name itself only in brackets (康宁健康管理中心（原康宁养生馆）): 原 alone elsewhere is any word (原因, 原址)
_BEFORE_RENAMING = r"(?:现已|已于|正式|申请|经\S{0,10}?(?:批准|同意|审批|核准)后?|[已现后])"  # (…正式更名: not the name's)
_RENAMED = _BEFORE_RENAMING + r"?\s*[于在]?\s*(?:更名|改名|变更)"
_NAME_END = (r"(?=$|[，,；;。、（()）“”\"」』\s]|[于在自从]?\s*(?:\d{4}\s*[年.\-/]|\d{1,2}\s*月)|" + _RENAMED
             + r"|已于|现已|现名|今名)")
_FORMER = re.compile(r"(?:原名称?|曾用名|更名前(?:名称|名字)?|原机构名称?)\s*(?:为|是|叫|:|：)?\s*[“\"「『]?"
                     r"([^，,；;。、（()）“”\"」』\s]{2,40}?)" + _NAME_END)
# when (2022年6月, 2022.6, 2022-06-10, 6月份, 6月10日, 2022年): a date written before 更名 is no part of the former name
# (a year of this century only: 人民路1288-10号 is an address, not a date)
_WHEN = (r"(?:[自从]\s*)?(?:20\d{2}\s*[年.\-/]\s*\d{1,2}\s*(?:月份?)?(?:\s*[.\-/]?\s*\d{1,2}\s*[日号]?)?|\d{1,2}\s*月份?"
         r"(?:\s*\d{1,2}\s*[日号])?|20\d{2}\s*年)(?:\s*起)?")
# 由X更名 (not 由X变更为Y: a legal person or an owner changed, not the name — a closed home's residents 由X变更安置 were
# taken for its rename and its drop unsaid; review); a date may stand before 更名 (由X于2022年6月更名)
_FORMER_FROM = re.compile(r"由(?!于)\s*(?:原名?)?[“\"「『]?([^，,；;。、（()）“”\"」』\s]{2,40}?)[”\"」』]?\s*"
                          r"(?:(?:现已|已)?\s*[于在]?\s*" + _WHEN + r")?\s*"
                          r"(?:" + _BEFORE_RENAMING + r"|整体)?\s*(?:更名|改名|变更(?:登记)?名称)")
# 名称由X变更为Y: the name changed (not 由X变更为Y alone: a legal person, an operator; review)
_FORMER_NAMED_FROM = re.compile(r"名称\s*由\s*(?:原名?)?[“\"「『]?([^，,；;。、（()）“”\"」』\s]{2,40}?)[”\"」』]?\s*"
                                r"(?:(?:现已|已)?\s*[于在]?\s*" + _WHEN + r")?\s*(?:变更|更改|改)为")
_FORMER_IN_NAME = re.compile(r"[（(]\s*原(?!址|地址|因|有|来|先|本|始|计划|定|价|籍|则)(?:名称?)?\s*(?:为|:|：)?\s*"
                             r"([^（()）]{2,40}?)\s*[)）]")
# who allowed it (由民政局批准更名), or that one in front of the name (由民政局同意由X更名): no former name there
_BY_WHOM = re.compile(r"(?:批准|同意|决定|审批|核准|要求)(?:由|$)")


def _row_to_add(f3: Sequence[F3Record]) -> tuple[frozenset[str], tuple[str, str, str] | None]:
    """The files a unit's 附件3 rows are in, and where a missing 附件3 row goes, (file, sheet, cell) under its last
    row — for an 附件2 row of another file than all of them."""
    if not f3 or not (last := max(f3, key=lambda r: (r.file, r.sheet, r.row))).cell("name"):
        return frozenset(r.file for r in f3), None
    letter = last.cell("name").rstrip("0123456789")
    lowest = max([last.row, *(n for v in (last.cells or {}).values() for ref in str(v).split(",")
                              if (n := row_of(ref)))])  # (a facility over several rows: under its last line)
    return frozenset(r.file for r in f3), (last.file, last.sheet, f"{letter}{lowest + 1}")


def former_name(name: str, note: str = "") -> str:
    """The former name a renamed facility's row gives (its name's bracket, else its 备注), or ""."""
    for pattern, text in ((_FORMER_IN_NAME, name), (_FORMER, note), (_FORMER_NAMED_FROM, note), (_FORMER_FROM, note),
                          (_FORMER, name)):
        # (each 由 tried in turn: 由民政局同意由X更名 is X's, 由自由港养老院更名 自由港养老院's)
        starts = [i for i, ch in enumerate(text or "") if ch == "由"] if pattern is _FORMER_FROM else [None]
        for start in starts:
            m = pattern.search(text or "") if start is None else pattern.match(text, start)
            if m and facility_key(m[1]) and facility_key(m[1]) != facility_key(name) and not _BY_WHOM.search(m[1]):
                return m[1].strip()
    return ""


def branch_words(name: str) -> frozenset[str]:
    """The branches a name's remarks name, narrower than branches(): its branch words alone (东院区 is 东院: one
    branch written two ways)."""
    if not _BRACKETS & set(name):
        return frozenset()
    return frozenset(m[1].replace("院区", "院") for remark in _REMARK.findall(with_ordinals(name))
                     for m in _BRANCH_WORD.finditer(remark))


def different_branches(a: str, b: str) -> bool:
    """Two names whose remarks each say which facility it is, none the same (康乐养老院（东院） and 康乐养老院（西院）,
    （1号楼） and （2号楼）, two addresses, two 法人): two facilities, whatever else is alike (（东区） and （东区，2楼）
    are one). Only a branch word list was asked before: （1号楼）/（2号楼） were paired, a missing disposal hidden
    (blind audit of names)."""
    ba, bb = branches(a), branches(b)
    return bool(ba and bb and not ba & bb)


_LAST_REMARK = re.compile(r"[（(【\[][^（()）【】\[\]]*[)）】\]]\s*$")


def _stages(name: str, unit: str, aliases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The name ever plainer, for pairing: without its numbering; then without its last remark too; then without
    the places before it, its remarks kept (汇龙镇幸福养老院（东院） is 幸福养老院（东院）: with two branches each was
    DISPOSAL_MISSING, the remarks dropped leaving two candidates; audit of names); then _plainer's."""
    numbered = _NUMBERING.sub("", name)
    unmarked = _LAST_REMARK.sub("", numbered)
    # (paired one to one only: 汇龙镇敬老院 on one form is the town's 敬老院 on the other, rest 3)
    # (then as one list may write it twice, a status remark dropped and the branch kept: 幸福养老院（西院）（新增） is
    # 幸福养老院（西院） beside a 幸福养老院（东院）)
    stages = (header_key(numbered), variant_key(name, unit, aliases), header_key(unmarked),
              *_plainer(numbered, unit, aliases, remarks=False, rest=3)[1:],
              *_plainer(unmarked, unit, aliases, remarks=False, rest=3)[1:], *_plainer(name, unit, aliases, rest=3))
    # last, any township's name before it: 南阳镇福安养老院 on 附件2 is 福安养老院 on 附件3 (a neighbour's facility led
    # by this town, or a slip: DISPOSAL_MISSING and DISPOSAL_UNLISTED at once; audit of pairing) — one to one only
    return (*stages, _ANY_TOWN.sub("", stages[-1], count=1))


_ANY_TOWN = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:镇|乡|街道)(?=[\u4e00-\u9fff]{3})")


def same_facilities(sub: Submission) -> dict[str, str]:
    """附件3 names that 附件2 writes otherwise (汇龙幸福养老院（人民西路88号） / 1、汇龙幸福养老院 / 启东市汇龙幸福养老院):
    each 附件3 key that matches no 附件2 name, mapped to the one 附件2 key it matches once remarks, numbering and
    place names are left out (only where that match is one to one). A township's own forms only."""
    if sub.consolidated or not sub.f2 or not sub.f3:
        return {}
    k2 = {facility_key(r.name): r.name for r in sub.f2}
    k3 = {facility_key(r.name): r.name for r in sub.f3}
    only2 = {k: n for k, n in k2.items() if k and k not in k3}
    only3 = {k: n for k, n in k3.items() if k and k not in k2}
    if not only2 or not only3:
        return {}
    # a facility a form lists twice, written two ways (1、X and 2、X: DUPLICATE_FACILITY), is one: paired once,
    # through the first of its names, and not at all where another of its names is on the other form
    # what may stand before a facility's name when 附件2 and 附件3 write it two ways: the township's other names, and
    # the city's short name (启东康乐老年公寓 / 康乐老年公寓) — not within one list, where 启东颐和养老院 and 汇龙颐和养老院 may
    # be two (review)
    before = sub.aliases + sub.city
    only2 = _once(only2, variants(sub.f2, sub.unit, sub.aliases), k3)
    only3 = _once(only3, variants(sub.f3, sub.unit, sub.aliases), k2)
    return pair_written_otherwise(only2, only3, sub.unit, before)


def pair_written_otherwise(first: dict[K, str], second: dict[K, str], unit: str, before: tuple[str, ...]
                              ) -> dict[K, K]:
    """Names of one township's facilities that two lists write two ways (key -> name on each side), paired one to
    one as the names are made ever plainer (_stages; `before`: what may stand before a name, the township's other
    names and the city's short name): key in `second` -> key in `first`. Of 附件2 and 附件3, and of two periods."""
    stages1 = {k: _stages(n, unit, before) for k, n in first.items()}
    stages2 = {k: _stages(n, unit, before) for k, n in second.items()}
    out: dict[K, K] = {}
    # least taken away first: 启东市X（新增） pairs with 启东市X and 1、X with X, though both are X without the city;
    # 1、X pairs with X and X（东院）（法人：王某） with X（东院） before X and X（东院） are both X without remarks
    for stage in range(max((len(v) for v in (*stages1.values(), *stages2.values())), default=0)):
        plain1: dict[str, list[K]] = {}
        for k, names in stages1.items():
            plain1.setdefault(names[stage], []).append(k)
        plain2: dict[str, list[K]] = {}
        for k, names in stages2.items():
            plain2.setdefault(names[stage], []).append(k)
        for p, ks2 in plain2.items():
            if p and len(ks2) == 1 and len(plain1.get(p, ())) == 1 \
                    and not different_branches(first[plain1[p][0]], second[ks2[0]]):
                out[ks2[0]] = plain1[p][0]
                del stages1[plain1[p][0]], stages2[ks2[0]]
    return out


def _once(only: dict[str, str], same: dict[str, str], other: dict[str, str]) -> dict[str, str]:
    """Of the names `only` one form has, one per facility (same: variants), none of a facility the other form has."""
    paired = {first for k, first in same.items() if k in other}
    kept: dict[str, str] = {}
    for k, n in only.items():
        first = same.get(k, k)
        if first not in paired:
            paired.add(first)
            kept[k] = n
    return kept


def variants(rows: Iterable[F2Record | F3Record], unit: str, aliases: tuple[str, ...] = ()) -> dict[str, str]:
    """facility_key -> the key of the first row that names the same facility (variant_key: 汇龙镇康乐养老院 and
    康乐养老院, 1、康乐养老院 and 2、康乐养老院), over the rows of one township's form."""
    first: dict[str, str] = {}
    out: dict[str, str] = {}
    for rec in rows:
        k = facility_key(rec.name)
        if k and k not in out:
            out[k] = first.setdefault(variant_key(rec.name, unit, aliases) or k, k)
    return out


def _town_variants(rows: list[F2Record] | list[F3Record]) -> dict[tuple[tuple[str, str], str], str]:
    """On a consolidated workbook: (township, facility_key) -> the key of the township's first row naming the same
    facility (variants, township by township: one township's 1、X and 2、X stay one facility listed twice). Two
    cities' 汇龙镇 one level up are two townships (_town_apart); a row of no known township has no variants."""
    by_town: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for rec in rows:
        if not _lead(rec):
            continue  # an 附件3 row paired with no 附件2 row: whose it is is not known, nor its namesakes
        name = rec.__dict__.get("pair_name") or rec.name
        by_town.setdefault(_town_apart(rec), []).append((facility_key(name), name))
    out: dict[tuple[tuple[str, str], str], str] = {}
    for place, named in by_town.items():
        first: dict[str, str] = {}
        for k, name in named:
            if k and (place, k) not in out:
                out[(place, k)] = first.setdefault(variant_key(name, place[0]) or k, k)
    return out


def _town_apart(rec: F2Record | F3Record) -> tuple[str, str]:
    """The township of a consolidated row, with the unit it was told apart by one level up (城南街道（如皋市）)."""
    lead = getattr(rec, "lead_unit", "") or ""
    # (every unit it was told apart by, level after level: 城南街道民政办（如皋市）（南通市） and …（海安市）（南通市）
    # were one township at 江苏, 如皋's yellow 幸福养老院 judged by 海安's orange one; audit of the levels)
    apart = _APART_TAIL.search(lead) if TOLD_APART.fullmatch(lead) else None
    return town_key(lead), header_key(apart[1]) if apart else ""


_APART_TAIL = re.compile(r"((?:（[^（）]+）)+)$")


def _dupes(rows: list[F2Record] | list[F3Record], form: str, unit: str, by_lead: bool = False,
           same: dict | None = None) -> list[Finding]:
    """A facility listed twice, also written two ways (`same`: variants). On a consolidated workbook (one level
    down) one name may stand for facilities of different townships: rows whose 牵头排查单位 differ (both filled; an
    附件3 row has its 附件2 row's, see pairing.pair_disposals) are different facilities (`by_lead`), and names are compared as
    written."""
    seen: dict[str, list[F2Record | F3Record]] = {}
    out: list[Finding] = []
    same = same or {}
    for rec in rows:
        k = facility_key(rec.name)
        if not k or by_lead and rec.__dict__.get("unlisted"):
            continue
        k = same.get((_town_apart(rec), k), k) if by_lead else same.get(k, k)
        earlier = seen.setdefault(k, [])
        other = None
        if not earlier:
            pass
        elif by_lead:
            lead, town = _lead(rec), _town_apart(rec)
            other = next((e for e in earlier if not lead or not _lead(e) or _town_apart(e) == town), None)
        else:
            other = earlier[0]
        if other is not None:
            out.append(make(Code.DUPLICATE_FACILITY, file=rec.file, sheet=rec.sheet, cell=rec.cell("name"),
                            row=rec.row, unit=unit, facility=rec.name, form=form, other_row=_where(other, rec),
                            fix=_ONE_ROW if other.file == rec.file else _TWO_VERSIONS))
        earlier.append(rec)
    return out


def listed_twice(rows: list[F2Record] | list[F3Record], form: str, unit: str, consolidated: bool = False
                 ) -> list[Finding]:
    """DUPLICATE_FACILITY within one list, a township's (classify of an 附件2 judges its rows alone); on a
    consolidated workbook township by township, as check judges it (two towns' 幸福院 were one facility twice)."""
    if consolidated:
        return _dupes(rows, form, unit, by_lead=True, same=_town_variants(rows))
    return _dupes(rows, form, unit, same=variants(rows, unit))


_ONE_ROW = "请合并为一行"
# two files of one unit and one 填报日期 listing the same facility: most often a list and its correction, the
# correction's name not saying so (supersession._later_report); merging rows is not what is wanted then
_TWO_VERSIONS = "请合并为一行；两个文件若是同一名单的前后两版，请把旧的一份移出收件夹，或在新文件名中注明“更正”"


def _where(other: F2Record | F3Record, rec: F2Record | F3Record) -> str:
    """The other row as the message names it: its row, with its sheet or file when those differ."""
    if other.file != rec.file:
        return f"文件 {other.file} 的“{other.sheet}”第{other.row}行"
    if other.sheet != rec.sheet:
        return f"工作表“{other.sheet}”第{other.row}行"
    return f"第{other.row}行"


# what a facility's name ends with that says only what kind it is: one renamed on one form (松鹤颐养院 on 附件2,
# 松鹤养老院 on 附件3) keeps the words before it
_KIND_ENDINGS = tuple(sorted((
    "养老院", "敬老院", "颐养院", "福利院", "护理院", "养护院", "康养院", "老年公寓", "养老公寓", "养老中心", "颐养中心", "康养中心",
    "护理中心", "照料中心", "日间照料中心", "养老服务中心", "居家养老服务中心", "养老服务站", "居家养老服务站", "服务站", "托老所",
    "老年之家", "之家", "养老家园", "家园", "养老服务有限公司", "养老服务部", "老年服务中心"), key=len, reverse=True))


def _name_core(name: str, unit: str, aliases: tuple[str, ...]) -> str:
    """The words that tell a facility from the township's others: its name without numbering, remarks, places,
    company form and the kind (汇龙镇松鹤颐养院 → 松鹤)."""
    key = plain_name(name, unit, aliases)
    for ending in _KIND_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            return key[: -len(ending)]
    return key


def _on_form(other: F2Record | F3Record, rec: F2Record | F3Record, form: str) -> str:
    """附件3 第5行; the file, or the sheet when it is not named after its form, where those say more."""
    if other.file != rec.file:
        return f"文件 {other.file} 的{form}（工作表“{other.sheet}”）第{other.row}行"
    return f"{form} 第{other.row}行" if form in other.sheet else f"{form}（工作表“{other.sheet}”）第{other.row}行"


def _renamed(missing: list, unlisted: list, unit: str, aliases: tuple[str, ...]) -> dict[int, F2Record | F3Record]:
    """A facility 附件2 lists without a disposal and an 附件3 row 附件2 does not list, whose names differ only in
    the kind of facility (松鹤颐养院 / 松鹤养老院) or one runs on from the other (幸福 / 幸福家园养老院): each one's
    finding names the other (id of either record -> the other). Only where each has that one counterpart: two
    candidates are no answer."""
    if not missing or not unlisted:
        return {}

    cores2 = [(_name_core(r.name, unit, aliases), r) for r in missing]
    cores3 = [(_name_core(r.name, unit, aliases), r) for r in unlisted]
    alike2, alike3 = _Alike([c for c, _ in cores2]), _Alike([c for c, _ in cores3])
    out: dict[int, F2Record | F3Record] = {}
    for c2, r2 in cores2:
        found = alike3.of(c2)
        if len(found) != 1:
            continue
        c3, r3 = cores3[found[0]]
        if len(alike2.of(c3)) == 1:
            out[id(r2)], out[id(r3)] = r3, r2
    return out


class _Alike:
    """Of a list's names, those alike one (_renamed): one begins with the other, both of two characters or more.
    Found by the name's own beginnings and a sorted list, not by comparing every pair: a 10,000-row list with
    every 附件3 name a character off took 44 s (audit)."""

    def __init__(self, names: list[str]) -> None:
        self.at: dict[str, list[int]] = {}
        for i, n in enumerate(names):
            if len(n) >= 2:
                self.at.setdefault(n, []).append(i)
        self.ordered = sorted(self.at)

    def of(self, name: str, enough: int = 2) -> list[int]:
        """Positions of the names alike `name`, up to about `enough` of them (the caller asks whether there is one)."""
        if len(name) < 2:
            return []
        out = [i for k in range(2, len(name)) for i in self.at.get(name[:k], ())]
        j = bisect.bisect_left(self.ordered, name)  # the names beginning with it follow one another when sorted
        while len(out) < enough and j < len(self.ordered) and self.ordered[j].startswith(name):
            out += self.at[self.ordered[j]]
            j += 1
        return out


def check_submission(sub: Submission) -> list[Finding]:
    """Within one unit: duplicates, F2↔F3 pairing, F1↔F2 counts, F3↔F4 referrals (SPEC「核对」)."""
    unit = sub.unit

    consolidated = sub.consolidated
    if consolidated:  # a consolidated workbook: one name may be two townships' facilities
        t2, t3 = _town_variants(sub.f2), _town_variants(sub.f3)
        out = _dupes(sub.f2, "附件2", unit, by_lead=True, same=t2) + _dupes(sub.f3, "附件3", unit, by_lead=True, same=t3)
    else:
        v2, v3 = variants(sub.f2, unit, sub.aliases), variants(sub.f3, unit, sub.aliases)
        out = _dupes(sub.f2, "附件2", unit, same=v2) + _dupes(sub.f3, "附件3", unit, same=v3)
    f2 = {facility_id(r, consolidated): r for r in reversed(sub.f2) if facility_key(r.name)}
    f3 = {facility_id(r, consolidated): r for r in reversed(sub.f3) if facility_key(r.name)}
    # a facility listed twice, written two ways: one (DUPLICATE_FACILITY above), under the spelling the other form
    # uses if it uses one of them — on a consolidated workbook township by township
    if consolidated:
        for recs, keyed, other, tv in ((sub.f2, f2, f3, t2), (sub.f3, f3, f2, t3)):
            ids = [facility_id(r, True) for r in recs]
            # (recs is 附件2's or 附件3's rows; mypy joins the two lists to list[Row])
            _one_per_facility(keyed, other, [(i, (i[0], tv.get((_town_apart(cast("F2Record | F3Record", r)), i[1]), i[1])))
                                             for r, i in zip(recs, ids, strict=True)])
    else:
        for same, keyed, other in ((v2, f2, f3), (v3, f3, f2)):
            _one_per_facility(keyed, other, list(same.items()))
    for k3, k2 in same_facilities(sub).items():  # one facility written two ways: paired, not missing twice
        if k2 not in f3 and k3 in f3:
            f3[k2] = f3.pop(k3)
    # an 附件2 without any 附件3 is a form not sent (SUBMISSION_MISSING in status/consolidate), not a
    # DISPOSAL_MISSING on every facility, as an 附件3 without 附件2 is no DISPOSAL_UNLISTED; on a consolidated
    # workbook likewise town by town: the towns with an 附件3 row there (pairing.pair_disposals gave it its town) or that
    # its 汇总 says sent one
    judge = "F3" in sub.forms or sub.f3 or not consolidated and _set_without(sub, sub.f2)
    towns = {_town(r) for r in sub.f3 if _lead(r)} | {town_key(u) for u in sub.f3_sent} if consolidated else set()
    missing = [rec for k, rec in f2.items() if k not in f3 and (not consolidated or _town(rec) in towns)] \
        if judge else []
    unlisted = [rec for k, rec in f3.items() if k not in f2
                # a consolidated 附件3 row names no township: when its 汇总 says a township sent 附件3 without
                # 附件2, an unpaired row may well be that one's (no DISPOSAL_UNLISTED in its own forms either)
                and not (consolidated and sub.f3_alone)] \
        if sub.f3 and ("F2" in sub.forms or not consolidated and _set_without(sub, sub.f3)) else []
    renamed = {} if consolidated else _renamed(missing, unlisted, unit, sub.aliases + sub.city)
    f3_files, place = _row_to_add(sub.f3) if missing else (frozenset(), None)  # (once a unit, not a row)
    blank = missing and not sub.f3 and "F3" in sub.starts
    if blank:
        # 附件3 sent with no row at all: the rows go under its header (its file was said 无需退回; review) — of a file
        # of its own, where it is also blank on a sheet of 附件2's workbook (whichever name sorts first; review)
        f2_files = {rec.file for rec in missing}
        place = min(sub.starts["F3"], key=lambda p: p[0] in f2_files)
        f3_files = frozenset((place[0],))
    for code, recs, form, said in ((Code.DISPOSAL_MISSING, missing, "附件3", "不在附件2 名单中，如是同一机构，请统一两表的名称"),
                                   (Code.DISPOSAL_UNLISTED, unlisted, "附件2", "在附件3 没有处置记录，可能是同一机构")):
        for rec in recs:
            twin = renamed.get(id(rec))
            also = f"；{_on_form(twin, rec, form)}的“{twin.name}”{said}" if twin is not None else ""
            found = make(code, file=rec.file, sheet=rec.sheet, cell=rec.cell("name"), row=rec.row, unit=unit,
                         facility=rec.name, same=also)
            if code == Code.DISPOSAL_MISSING and twin is None and place is not None and rec.file not in f3_files:
                # 附件3 in a file of its own: said, and marked there where the row goes — only 附件2's file was
                # marked and said 需退回, the row to add belonging to a file said 无需退回 (audit of the send-back loop)
                found = said_also(found, f"（附件3 在文件 {place[0]} 中{F3_BLANK if blank else ''}）").model_copy(
                    update={"also": (place,)})
            out.append(found)
    if sub.f3 and "F2" in sub.forms:
        # the points of every 附件2 row of a facility (listed twice at two levels, DUPLICATE_FACILITY: its 附件3 row is
        # the one of its own points, not a POINTS_DIFFER with the other; audit of duplicates)
        points_of: dict[object, set[frozenset[int]]] = {}
        for r in sub.f2:
            points_of.setdefault(facility_id(r, consolidated), set()).add(frozenset(r.points.items))
        for k, b in f3.items():
            a = f2.get(k)
            if a is not None and len(points_of.get(k, ())) > 1 and frozenset(b.points.items) in points_of[k]:
                continue
            # (无 on one form is no points, said: it differs from points on the other)
            # (附件2's points left blank beside its 绿, read as none — GREEN_IN_LIST, no VALUE_REQUIRED: 附件3's own
            # points went unsaid, its rows judged 橙 beside 附件2's 绿; audit of the messages)
            blank_green = a is not None and not a.raw.get("points", "") and a.level == RiskLevel.GREEN
            if a is not None and "points" not in a.invalid and "points" not in b.invalid \
                    and (a.points.items or no_points_written(a.points, a.raw.get("points", "")) or blank_green) \
                    and (b.points.items or no_points_written(b.points, b.raw.get("points", ""))) \
                    and set(a.points.items) != set(b.points.items):
                out.append(make(Code.POINTS_DIFFER, file=b.file, sheet=b.sheet, cell=b.cell("points"),
                                row=b.row, unit=unit, facility=b.name,
                                f2=a.points.display() or ("空（等级填绿）" if blank_green else "“无”"),
                                f3=b.points.display() or "“无”"))  # (none written, said so: it said 为空; audit)
    out += _listed_exceeds(sub.f1, sub.f2, unit, consolidated)
    out += _referrals(sub.f4, sub.f3, unit)
    return out


def _set_without(sub: Submission, listed: Iterable[F2Record | F3Record]) -> bool:
    """附件2 (附件3) sent in one workbook with 附件1 or 附件4 but no 附件3 (附件2) anywhere: a set sent with the other
    list left out — each facility's disposal (listing) is missing, said by DISPOSAL_MISSING (DISPOSAL_UNLISTED);
    check said nothing of it (audits of 附件3 and of the rules). A list sent alone may have the other still to come
    (SUBMISSION_MISSING, status and consolidate)."""
    with_others = {r.file for r in sub.f1} | {r.file for r in sub.f4}
    return any(r.file in with_others for r in listed)


def _one_per_facility(keyed: dict, other: dict, named: list[tuple]) -> None:
    """`keyed` (facility id -> its first row) with each facility's spellings (`named`: (id, the id of its first
    spelling)) under one id: the one `other` (the other form) has, else the first; the first row stands for it."""
    groups: dict[object, list[object]] = {}
    for i, first in named:
        groups.setdefault(first, []).append(i)
    for first, ids in groups.items():
        ids = list(dict.fromkeys(ids))
        if len(ids) > 1 and first in keyed:
            rep = next((i for i in ids if i in other), first)
            keep = keyed[first]
            for i in ids:
                keyed.pop(i, None)
            keyed[rep] = keep


def _listed_exceeds(f1: list[F1Record], f2: list[F2Record], unit: str, consolidated: bool = False
                    ) -> list[Finding]:
    checked = [r for r in f1 if r.checked is not None]
    if not checked or not f2:
        return []
    total_checked = sum(r.checked or 0 for r in checked)
    listed = len({facility_id(r, consolidated) for r in f2 if facility_key(r.name)})
    if listed <= total_checked:
        return []
    rec = checked[0]
    return [make(Code.LISTED_EXCEEDS_CHECKED, file=rec.file, sheet=rec.sheet, cell=rec.cell("checked"), row=rec.row,
                 unit=unit, listed=listed, checked=total_checked)]


def _referrals(f4: list[F4Record], f3: list[F3Record], unit: str) -> list[Finding]:
    known = [r for r in f4 if r.referred is not None]
    if not known or not f3:
        return []
    # one facility referred once: its row sent twice (DUPLICATE_FACILITY, an error already) asked 附件4 for two
    once: dict[object, F3Record] = {}
    for r in f3:
        once.setdefault((_town(r), facility_key(r.name)) if facility_key(r.name) else id(r), r)
    f3 = list(once.values())
    if len(known) > 1:
        # a consolidated workbook (one 附件4 row per township): each township's figure against its own 附件3 rows,
        # said at its row, where every 附件3 row's township has one
        rows = {town_key(r.label): r for r in known if r.label}
        towns: dict[str, list[F3Record]] = {}
        for r3 in f3:
            towns.setdefault(_town(r3), []).append(r3)
        # (an 附件3 row no township's — DISPOSAL_UNLISTED — made the whole city's sum said at the first township's
        # row, one that was right; it is said of its own rows where their township is known: audit of invariants)
        if len(rows) == len(known) and towns.keys() & rows.keys():
            return [f for town, recs in towns.items() if town in rows
                    for f in check_referrals(rows[town].referred, recs, Ctx(unit=unit), rows[town])]
    return check_referrals(sum(r.referred or 0 for r in known), f3, Ctx(unit=unit), known[0])


def check_across_units(subs: Iterable[Submission]) -> list[Finding]:
    """The same facility on two units' 附件2 (SPEC DUPLICATE_ACROSS_UNITS): the same name (the city before it
    or not, the company's form aside), or a name that puts another unit's township before it (南阳镇 listing
    汇龙镇康乐养老院, which 汇龙镇 lists as 康乐养老院)."""
    subs = list(subs)
    # a unit's name as it stands before a facility's -> the unit: in full or as the configuration's alias, not the
    # short form (合作 of 合作镇 begins 合作社区…, 北新 begins 北新家园…: ordinary words of other towns' names)
    towns: dict[str, str] = {}
    for sub in subs:
        for prefix in (sub.unit, *sub.aliases):
            if len(key := header_key(prefix)) >= 2:
                towns.setdefault(key, sub.unit)
    starts = {t[:2] for t in towns}
    lengths = sorted({len(t) for t in towns}, reverse=True)  # the longest township name first (吕四港镇 before 吕四)
    first: dict[object, tuple[str, F2Record]] = {}
    # every unit listing a facility, by the key of its first listing: a third town's was said as two (汇龙镇和北新镇
    # of a facility three towns list; audit of names)
    listers: dict[int, list[str]] = {}
    later: list[tuple[Submission, F2Record, int]] = []
    for sub in subs:
        seen_here: set[object] = set()
        for rec in sub.f2:
            k = facility_key(rec.name)
            if not k:
                continue
            written = rec.name
            if _BRACKETS & set(written) and (bare := _STATUS_REMARK.sub("", written)) != written:
                # (how it stands on the list, （新增）: the same facility — it was no DUPLICATE_ACROSS_UNITS; audit)
                written, k = bare, facility_key(bare) or k
            name, placed = _across_keys(k, written, sub.unit, towns, starts, lengths)
            if name in seen_here or placed in seen_here:
                continue
            seen_here.add(name)
            seen_here.add(placed)
            other = first.get(name) or first.get(placed)
            if other is not None and other[0] != sub.unit:
                units = listers[id(other[1])]
                if sub.unit not in units:
                    units.append(sub.unit)
                later.append((sub, rec, id(other[1])))
            else:
                first.setdefault(name, (sub.unit, rec))
                first.setdefault(placed, (sub.unit, rec))
                listers.setdefault(id(rec), [sub.unit])
    firsts = {id(rec): rec for _, rec in first.values()}
    # (the first unit's row marked too: the town that may have to take it off its list heard nothing — its copy
    # was said 无需退回; audit of the send-back loop)
    return [make(Code.DUPLICATE_ACROSS_UNITS, file=rec.file, sheet=rec.sheet, cell=rec.cell("name"), row=rec.row,
                 unit=sub.unit, facility=rec.name, units=_and(listers[at])).model_copy(
        update={"also": ((firsts[at].file, firsts[at].sheet, firsts[at].cell("name")),) if firsts[at].cell("name")
                else ()}) for sub, rec, at in later]


def _and(units: list[str]) -> str:
    """汇龙镇和北新镇; 汇龙镇、南阳镇和北新镇."""
    return units[0] if len(units) == 1 else "、".join(units[:-1]) + "和" + units[-1]


def _across_keys(k: str, name: str, unit: str, towns: dict[str, str], starts: set[str], lengths: list[int]
                 ) -> tuple[str, tuple[str, str]]:
    """A facility's keys across units: its name without numbering, city and company's form; and (the unit whose
    township it stands in, its name without that township) — its own unit's unless another's name comes first."""
    city = _plainer(name, "", remarks=False)[1] if name[:1] in _NUMBER_STARTS or "市" in k or "县" in k \
        or "公司" in k else k
    if city[:2] in starts:
        for n in lengths:
            if len(city) - n >= 4 and (named := towns.get(city[:n])) is not None:
                return city, (named, city[n:])
    return city, (unit, city)

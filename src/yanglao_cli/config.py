"""Configuration (yanglao.toml): the reporting unit, the units expected to submit, deadlines; unit matching."""

from __future__ import annotations

import difflib
import functools
import re
import stat
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator
from pydantic_core import ErrorDetails

from .normalize import header_key_cached, unify_lookalikes
from .oserrors import why as os_why

DEFAULT_TOML = """\
# yanglao 配置文件（TOML）。用 `yanglao init` 生成，按本地情况修改。

# 汇总单位：写在汇总表“填报单位”行上
reporting_unit = "启东市民政局"

# 写在汇总表各表下方的填报人、负责人、电话（不写则留空，打印后手填）
# filler = "张三"
# head = "李四"
# phone = "0513-12345678"

# 应报送的单位，按汇总表中的顺序排列。
# 简称（汇龙、吕四港…）和带“人民政府”“民政办”“社会事业局”等字样的全称会自动匹配。
# 也可以写成表，列出别名：{ name = "吕四港镇", aliases = ["吕四", "吕四港"] }
# 开发区等不在默认名单中，如需报送请在此添加，例如：
#   "启东经济开发区", "启东滨海工业园", "江苏吕四海洋经济开发区", "启隆生态科技产业园", "圆陀角旅游度假区"
units = [
  "汇龙镇", "南阳镇", "北新镇", "惠萍镇", "东海镇", "寅阳镇",
  "近海镇", "合作镇", "王鲍镇", "海复镇",
  { name = "吕四港镇", aliases = ["吕四", "吕四港"] },
  "启隆镇",
]

[deadlines]
monthly_day = 20        # 附件1–3 每月此日前报送
weekly = "Wed 17:00"    # 附件4 每周三 17:00 前报送；也可写 "周三 17:00"，须有星期和时刻
"""

# Words that people write around a unit's name; removed before comparing.
_DECORATIONS = (
    "填报单位", "(盖章)", "盖章", "人民政府", "民政和社会事务办", "社会事务办公室", "社会事务办", "社会事务局",
    "区镇民政业务部门", "民政业务部门", "社区服务中心", "政法和社会管理局", "民政办公室", "民政办", "社会事业局",
    "社会事业服务中心",
    "社会事业办公室", "社会事业办", "社会事务局", "民政局", "民政科", "民政所", "便民服务中心", "办事处", "政府",
    "管理委员会", "管委会",  # a development zone signs as its 管委会 (高新区管委会: the alias 高新区)
    "民政",  # last: what the longer office words leave (南阳民政 is 南阳镇's, as 南阳民政办 is)
)
_DECORATIONS_LONGEST_FIRST = tuple(sorted(_DECORATIONS, key=len, reverse=True))
_SUFFIXES = ("街道", "镇", "乡", "市", "区", "县")
_NO_PLACE_WORDS = frozenset(("乡镇", "区镇", "镇街", "镇区", "本镇", "本乡", "本街道", "本区", "本县", "本市", "我镇", "全镇"))
NO_PLACE_WORDS = _NO_PLACE_WORDS  # (read by consolidate.lead_text: 镇民政办 names no place)
_PLACE_ENDINGS = ("街道", "镇", "乡", "市", "区", "县", "园", "开发区", "园区", "度假区", "管委会")
_PLACEHOLDER = re.compile(r"xx|××|\*\*|某|…")
_NAME_PARTS = re.compile(r"[_\-\s.、，,（）()【】\[\]—]+")
_NAME_TAIL = re.compile(r"(?:附件|附表|表)\s*[0-9一二三四]*.*$|\d{1,4}\s*年.*$|\d{1,2}\s*月.*$|\d+$")
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
             "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKLY = re.compile(r"\s*每?(?:(?P<en>[A-Za-z]{3,9})|(?:周|星期|礼拜)(?P<zh>[一二三四五六日天]))\s*"
                     r"(?P<h>\d{1,2})\s*[:：]\s*(?P<m>\d{2})\s*")
_EN_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekly_parts(text: str) -> tuple[int, int, int] | None:
    """"Wed 17:00", "Wednesday 17:00", "周三 17:00", "星期三17:00", "每周三 17:00" → (2, 17, 0); else None."""
    m = _WEEKLY.fullmatch(text)
    if m is None:
        return None
    if m["en"]:
        day = m["en"].lower()
        if not any(full.startswith(day) for full in _EN_DAYS):
            return None
        wd = _WEEKDAYS[day[:3]]
    else:
        wd = _WEEKDAYS[m["zh"]]
    return wd, int(m["h"]), int(m["m"])


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is Chinese and names the file."""


_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060-\u2064\u2066-\u2069\u202a-\u202e\ufeff\u00ad\u061c\u180e]")
_SPACE_IN_NAME = re.compile(r"(?<=[\u4e00-\u9fff])[\s\u3000\xa0]+(?=[\u4e00-\u9fff])")


def _clean_name(v: object) -> object:
    """A name as written in the configuration, without the spaces a clerk's typing leaves around it or inside it
    (" 汇龙镇", "南阳镇　", "北新 镇"): they were written as typed into the consolidated forms (audit of units);
    a radical copied out of a PDF (汇⻰镇) as the character it looks like."""
    if not isinstance(v, str):
        return v
    return _SPACE_IN_NAME.sub("", unify_lookalikes(_INVISIBLE.sub("", v)).strip(" \t\r\n\u3000\xa0"))


class UnitDef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    aliases: list[str] = Field(default_factory=list)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, v: object) -> object:
        return _clean_name(v)

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, v: object) -> object:
        if isinstance(v, list):  # an empty alias names nothing
            return [a for a in map(_clean_name, v) if a != ""]
        return v


class Deadlines(BaseModel):
    model_config = ConfigDict(extra="forbid")

    monthly_day: int = 20
    weekly: str = "Wed 17:00"

    @field_validator("monthly_day", mode="before")
    @classmethod
    def _not_bool(cls, v: object) -> object:
        if isinstance(v, bool):  # (true would be day 1: every report late)
            raise ValueError(f"monthly_day 写成了 {str(v).lower()}，应为 1–31 的整数，如 20")
        return v

    @field_validator("monthly_day")
    @classmethod
    def _day(cls, v: int) -> int:
        if not 1 <= v <= 31:
            raise ValueError("monthly_day 应为 1–31")
        return v

    @field_validator("weekly")
    @classmethod
    def _weekly(cls, v: str) -> str:
        parts = _weekly_parts(v)
        if parts is None:
            raise ValueError(f"weekly 写成了“{v}”，应写成“星期 时:分”，如 \"Wed 17:00\" 或 \"周三 17:00\"")
        if not (parts[1] <= 23 and parts[2] <= 59):
            raise ValueError("weekly 的时刻应在 00:00–23:59 之间，如 \"Wed 17:00\"")
        return v

    def weekly_parts(self) -> tuple[int, int, int]:
        """(weekday 0=Mon, hour, minute) of the weekly deadline."""
        return _weekly_parts(self.weekly) or (2, 17, 0)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reporting_unit: str = "启东市民政局"
    # the consolidated forms' footer (填报人, 负责人, 电话): blank lines the clerk filled by hand every month
    filler: str = ""
    head: str = ""
    phone: str = ""
    units: list[UnitDef] = Field(default_factory=list)
    deadlines: Deadlines = Field(default_factory=Deadlines)
    source: str = "内置默认配置"
    _defaulted: bool = PrivateAttr(default=False)  # reporting_unit left out beside another county's units

    @property
    def reporting_unit_note(self) -> str:
        """What to tell the clerk when reporting_unit fell back to 启东市民政局 under other units, else ""."""
        if not self._defaulted:
            return ""
        return (f"配置文件 {self.source} 没有写汇总单位（reporting_unit），汇总表的填报单位和文件名按默认写作"
                f"“{self.reporting_unit}”；请在配置中加一行，如 reporting_unit = \"海门区民政局\"，或用 --unit 指定")

    @field_validator("reporting_unit", mode="before")
    @classmethod
    def _reporting_unit(cls, v: object) -> object:
        v = _clean_name(v)
        if v == "":  # the consolidated forms' 填报单位 line, and the outputs' file names (未命名_2022-06_汇总.xlsx)
            raise ValueError("不能为空，应写汇总单位的全称，如 \"启东市民政局\"")
        return v

    @field_validator("filler", "head", "phone", mode="before")
    @classmethod
    def _signature(cls, v: object) -> object:
        return str(v).strip() if isinstance(v, int | float) and not isinstance(v, bool) else \
            v.strip() if isinstance(v, str) else v  # phone = 051312345678 unquoted: a number

    @field_validator("units", mode="before")
    @classmethod
    def _units(cls, v: object) -> object:
        if isinstance(v, list):
            return [{"name": u} if isinstance(u, str) else u for u in v]
        return v

    @property
    def unit_names(self) -> list[str]:
        return [u.name for u in self.units]

    def is_unit(self, name: str) -> bool:
        """A configured unit's exact name (a set lookup: asked for every sheet of a province's 2,000 units)."""
        return name in _matcher(self).name_set

    def match_unit(self, text: str) -> UnitMatch:
        return _matcher(self).match(text)

    def foreign_inbox(self, sent: Iterable[str]) -> bool:
        """Forms came, and not one from a unit of the built-in list: another county's inbox read without its own
        yanglao.toml — every form UNIT_UNKNOWN, every configured town 未报送, and nothing said why (audit of another
        county's configuration)."""
        names = {u.name for u in self.units}
        # (this level's own consolidated workbook checked again is signed by the reporting unit: no foreign inbox —
        # the hint was said of it; audits of status and layouts)
        sent = {u for u in sent if u and u not in self.reporting_unit and not self.reporting_unit.startswith(u)}
        return self.source == "内置默认配置" and bool(sent) and not sent & names

    @property
    def foreign_hint(self) -> str:
        return (f"提示：收到的报表没有一个来自内置单位名单（{self.reporting_unit}的"
                f"{'、'.join(u.name for u in self.units[:3])}等）中的单位。不是{self.reporting_unit}的，请先运行"
                " yanglao init 生成 yanglao.toml，写上本级的汇总单位和单位名单，再运行本命令")

    def names_a_place(self, text: str) -> bool:
        """Whether a 填报单位 text names a unit of its own that is not in the list: a place (启东经济开发区, 南杨镇)
        or a near miss of a unit (汇龙真). An office (社会事务办, 区镇民政业务部门) or a placeholder (XX镇) is not,
        nor a short form two units share (东海: the 乡镇 column or the file name may say which)."""
        key = strip_decorations(_key(text))
        if not key or _PLACEHOLDER.search(key) or key in _PLACE_ENDINGS or key in _NO_PLACE_WORDS \
                or key in _matcher(self).ambiguous:
            return False  # 市民政局, 镇民政办, 乡镇民政办, 本镇: the level's word alone names no place
        if key.endswith(_PLACE_ENDINGS):
            return True
        matcher = _matcher(self)
        # a short form typed one character off (南杨, 汇尤): too short for the ratio below, and silently passed over
        # for the 乡镇 column or the file name (blind audit of units)
        return bool(difflib.get_close_matches(key, matcher.near_keys, n=1, cutoff=0.6)) or 2 <= len(key) <= 3 and any(
            len(k) == len(key) and sum(a != b for a, b in zip(k, key, strict=True)) == 1 for k in matcher.exact)

    def place_name(self, text: str) -> str:
        """A place not in the list as it is to be called: 汇尤镇人民政府 and 汇尤镇 (one workbook's two sheets) are one
        unit, the office words around a name dropped as they are for the units; the text as written where that
        leaves no place."""
        bare = text.strip()
        for word in _DECORATIONS_LONGEST_FIRST:
            bare = bare.replace(word, "")
        bare = bare.strip(" ：:（）()\u3000")
        return bare if len(bare) >= 2 and bare.endswith(_PLACE_ENDINGS) else text.strip()

    def place_in_name(self, stem: str) -> str | None:
        """A place not in the list that a file's name gives (启东经济开发区_附件2, 启东经济开发区6月报表): its first
        part naming a place, the form's number, month or year after it dropped. None where no part does."""
        for part in _NAME_PARTS.split(stem):
            part = _NAME_TAIL.sub("", part)
            if len(part) >= 3 and self.names_a_place(part) and not self.unit_named(part):
                place = self.place_name(part)
                if place.endswith(_PLACE_ENDINGS) and place not in self.reporting_unit:  # (启东市民政局_附件2)
                    return place
        return None

    def shared_by(self, text: str) -> tuple[str, ...]:
        """The units whose common short form the text is (东海: 东海镇, 东海街道), else ()."""
        return _matcher(self).ambiguous.get(strip_decorations(_key(text)), ()) if text else ()

    @property
    def city_short(self) -> tuple[str, ...]:
        """The reporting unit's place without 市/县/区 (启东 of 启东市民政局): written before a facility's name as
        启东市 is (启东康乐老年公寓 on 附件2, 康乐老年公寓 on 附件3 were two facilities; audit of 附件2)."""
        place = _key(self.reporting_unit)
        for word in ("民政局", "民政厅", "民政办", "人民政府", "政府"):
            place = place.split(word, 1)[0]
        m = re.match(r"(?:[\u4e00-\u9fff]{2,3}省)?([\u4e00-\u9fff]{2,3}?)(?:市|县|区)$", place)
        # (开发区, 高新区: no place's name of their own)
        return (m[1],) if m and len(m[1]) >= 2 and m[1] not in ("开发", "高新", "经开", "工业", "保税", "新城", "城区") else ()

    def aliases_of(self, unit: str) -> tuple[str, ...]:
        """The aliases the configuration gives a unit (吕四, 吕四港 for 吕四港镇)."""
        return _matcher(self).aliases.get(unit, ())

    def unit_named(self, text: str) -> str | None:
        """The configured unit a text names: its name or a decorated form of it, else a short form or alias
        inside it (match_unit, then find_unit)."""
        return self.match_unit(text).name or self.find_unit(text)

    def short_form_of(self, text: str) -> str | None:
        """The unit a bare short form or alias names (常乐 → 常乐镇), else None: its name itself, or a name with
        office words (海门区民政局, the reporting unit's own), is no short form to write out."""
        key = _key(text)
        name = self.match_unit(text).name
        return name if name and _key(name) != key and strip_decorations(key) == key else None

    def names_several(self, text: str) -> bool:
        """The text names two configured units or more in full (近海镇合作镇6月报表): it tells no one unit."""
        return len(_matcher(self).every(text)) > 1

    def units_in(self, text: str) -> list[str]:
        """The configured units a text names in full, in list order (南阳镇、北新镇: both)."""
        named = _matcher(self).every(text)
        if len(named) < 2:  # (asked of every sheet: the list walked only where there is an order to give)
            return list(named)
        return [u for u in self.unit_names if u in named]

    def find_unit(self, text: str) -> str | None:
        """A unit named by a short form or alias inside a longer text such as a file name (汇龙_6月,
        海复6月报表, 经开区附件1), where `match_unit` takes only the full name inside a longer text."""
        return _matcher(self).find(text)


@dataclass(frozen=True)
class UnitMatch:
    name: str | None  # the configured unit, or None
    text: str  # what was read, cleaned
    suggestion: str | None = None


def _key(s: str) -> str:
    return header_key_cached(s)


_DECORATION_KEYS = tuple(k for k in map(_key, _DECORATIONS) if k)


def strip_decorations(key: str) -> str:
    """A normalised unit text without the office words around a name (人民政府, 民政办, 办事处…)."""
    for word in _DECORATION_KEYS:
        key = key.replace(word, "")
    return key


# an ethnic township (黄竹瑶族乡, 某某土家族苗族乡) is called by its place name: 黄竹, 黄竹乡
_ETHNIC = re.compile(r"(.{2,}?)(?:[^族乡镇]{1,4}族)+([乡镇])")


def short_name(name: str) -> str:
    """A unit's name without its 镇/乡/街道 (汇龙 for 汇龙镇; 黄竹 for 黄竹瑶族乡)."""
    return _short(name)


def _short(name: str) -> str:
    if (m := _ETHNIC.fullmatch(name)) is not None:
        return m.group(1)
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


_PROVINCES = ("江苏", "浙江", "安徽", "山东", "河南", "河北", "湖南", "湖北", "广东", "广西", "福建", "江西", "四川", "贵州",
              "云南", "陕西", "山西", "甘肃", "青海", "辽宁", "吉林", "黑龙江", "海南", "内蒙古", "宁夏", "新疆", "西藏",
              "北京", "天津", "上海", "重庆")


def _unprefixed(name: str, city: str) -> list[str]:
    """A unit's name without the province or city in front of it, as it signs itself: 江苏吕四海洋经济开发区 →
    吕四海洋经济开发区, 启东滨海工业园 → 滨海工业园 (SPEC: short forms match; they were UNIT_UNKNOWN)."""
    out = []
    rest = name
    for prefix in (*(p + s for p in _PROVINCES for s in ("省", "")), *(city + s for s in ("市", "区", "县", ""))):
        if prefix and rest.startswith(prefix) and len(rest) - len(prefix) >= 3:
            rest = rest[len(prefix):]
            out.append(rest)
    return out


# the abbreviations a zone goes by (经开区 for 经济开发区): a file named 经开区.xlsx signed 启东经济开发区 was
# UNIT_CONFLICT on every sheet, the name taken for another place (blind audit of codes)
_ZONE_SHORT = (("经济技术开发区", "经开区"), ("经济开发区", "经开区"), ("高新技术产业开发区", "高新区"))


def _zone_abbreviations(name: str, city: str) -> list[str]:
    """启东经济开发区 → 启东经开区, 经开区 (the city's name taken off, as _unprefixed does)."""
    for long, short in _ZONE_SHORT:
        if long in name:
            abbr = name.replace(long, short)
            return [abbr, *_unprefixed(abbr, city)]
    return []


class _Matcher:
    def __init__(self, cfg: Config) -> None:
        self.exact: dict[str, str] = {}
        self.full: list[tuple[str, str]] = []  # (key of full name, unit) for substring search
        self.aliases: dict[str, tuple[str, ...]] = {}
        shorts: dict[str, list[str]] = {}
        city = _place_stem(_key(strip_decorations(_key(cfg.reporting_unit))))  # 启东市民政局 → 启东
        self.city = city
        for u in cfg.units:
            k = _key(u.name)
            self.exact[k] = u.name
            shorts.setdefault(_key(_short(u.name)), []).append(u.name)
            # a level above townships lists offices (海门区民政局); a workbook signed with the place alone (海门区, 海门,
            # 海门区人民政府 — what `--unit 海门区` writes) is that office's (it was UNIT_UNKNOWN; audit of the levels)
            if (place := strip_decorations(k)) != k and len(place) >= 2:
                for bare in {place, _key(_short(place))} - {k}:
                    shorts.setdefault(bare, []).append(u.name)
            for bare in (*_unprefixed(u.name, city), *_zone_abbreviations(u.name, city)):
                shorts.setdefault(_key(bare), []).append(u.name)
            self.full.append((k, u.name))
            for a in u.aliases:
                self.exact[_key(a)] = u.name
            if u.aliases:
                self.aliases[u.name] = tuple(u.aliases)
        # a short form two units share (东海 of 东海镇 and 东海街道) names neither: it went to the first listed, the
        # other reported missing (blind audit); a name in full or an alias says which
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        for k, owners in shorts.items():
            if k in self.exact:
                continue
            # (海门 of 海门街道 under 海门区民政局: the level's own place as much as the town's — a 常乐镇 report signed 海门
            # was taken for 海门街道's, 常乐镇 said missing; blind audit of another county)
            if len(owners) == 1 and not (k == city and len(k) >= 2):
                self.exact[k] = owners[0]
            else:
                self.ambiguous[k] = tuple(owners)
        self.full.sort(key=lambda p: -len(p[0]))
        self.full_index: dict[str, int] = {}
        for i, (k, _) in enumerate(self.full):
            if k:
                self.full_index.setdefault(k, i)
        self.lengths = sorted({len(k) for k in self.full_index}, reverse=True)
        self.short_lengths = sorted({len(k) for k in self.exact if len(k) >= 2}, reverse=True)
        self.names = [u.name for u in cfg.units]
        self.name_set = frozenset(self.names)
        self.name_keys = [_key(n) for n in self.names]
        self.stems = [_place_stem(k) for k in self.name_keys]
        # the names and the aliases a misspelt text may mean (吕泗: the alias 吕四 of 吕四港镇), each with its unit
        self.near_stems = list(self.stems)
        self.near_units = list(range(len(self.names)))
        for i, k in enumerate(self.name_keys):  # a zone's name with its kind word misspelt (如东经济开发去) too
            if (whole := _place_stem(k, _KIND_WORDS)) != self.stems[i] and whole not in self.near_stems:
                self.near_stems.append(whole)
                self.near_units.append(i)
        for i, u in enumerate(cfg.units):
            for a in u.aliases:
                if (stem := _place_stem(_key(a))) and stem not in self.near_stems:
                    self.near_stems.append(stem)
                    self.near_units.append(i)
        self.near_keys = [*self.name_keys, *(k for k in map(_key, (a for u in cfg.units for a in u.aliases))
                                             if k not in self.name_keys)]
        self._memo: dict[str, UnitMatch] = {}

    def match(self, text: str) -> UnitMatch:
        hit = self._memo.get(text)
        if hit is None:
            hit = self._memo[text] = self._match(text)
        return hit

    def every(self, text: str) -> set[str]:
        """Every unit a text names by its full name (a workbook of two townships' forms named after both)."""
        key = _key(text)
        spans = [(i, i + n, self.full[self.full_index[key[i:i + n]]][1]) for n in self.lengths
                 for i in range(len(key) - n + 1) if key[i:i + n] in self.full_index]
        # a name inside a longer one found there is not named (河口镇 in 新河口镇)
        return {u for a, b, u in spans if not any(x <= a and b <= y and (x, y) != (a, b) for x, y, _ in spans)}

    def find(self, text: str) -> str | None:
        key = _key(text)
        for length in self.short_lengths:  # longest first: 吕四港 before 吕四
            for i in range(len(key) - length + 1):
                name = self.exact.get(key[i:i + length])
                if name and _apart(key[:i], key[i + length:]) and not self._other_kind(key[i:i + length], name,
                                                                                       key[i + length:]):
                    return name
        # a short form set apart by the clerk's own separator (汇龙_名单, 吕四港-处置表): a name of its own there,
        # whatever word follows — it was UNIT_UNKNOWN but before the few words above (blind audit of a city's config)
        # — one unit so named (汇龙、南阳 names two), and what follows it no other place's name (启隆 生态科技产业园_附件2,
        # 吕四-海洋经济开发区: a zone, not the town; code review)
        parts = [_key(part) for part in _SEPARATED.split(text)] if _SEPARATED.search(text) else []
        at = [i for i, part in enumerate(parts) if part in self.exact]
        if len({self.exact[parts[i]] for i in at}) != 1:
            return None
        i = at[0]
        return self.exact[parts[i]] if _apart("", next((p for p in parts[i + 1:] if p), "")) else None

    @staticmethod
    def _other_kind(short: str, name: str, after: str) -> bool:
        """A short form followed by another kind of place than its unit's names another unit: 新市街道 is not
        新市镇, nor 龙潭镇 龙潭乡 (blind audit of another city; an unlisted one went in silently) — while 吕四镇
        (the alias 吕四 and 镇) is 吕四港镇."""
        kind = next((k for k in _KINDS if after.startswith(k)), None)
        return kind is not None and not short.endswith(_KINDS) and not _key(name).endswith(kind)

    def _match(self, text: str) -> UnitMatch:
        key = _key(text)
        if not key:
            return UnitMatch(None, text)
        stripped = strip_decorations(key)
        for k in (key, stripped):
            if k in self.exact:
                return UnitMatch(self.exact[k], text)
        kind = next((k for k in _KINDS if stripped.endswith(k)), "")
        unit = self.exact.get(stripped[:-len(kind)]) if kind else None
        if unit is not None and _key(unit).endswith(kind):  # a short form with its unit's kind: 黄竹乡 (黄竹瑶族乡)
            return UnitMatch(unit, text)
        owners = self.ambiguous.get(stripped)
        if owners:
            # the office says which: a 街道 has a 办事处, a 镇 a 人民政府 (新港办事处 is 新港街道's)
            kind = "街道" if "办事处" in key or "街道" in key else "镇" if "人民政府" in key else ""
            which = [u for u in owners if kind and _key(u).endswith(kind)]
            if len(which) == 1:
                return UnitMatch(which[0], text)
            return UnitMatch(None, text, "”或“".join(owners))
        # The full official name inside a longer text (启东市汇龙镇人民政府); short forms only match exactly,
        # so that 启隆生态科技产业园 is not taken for 启隆镇.
        for length in self.lengths:  # longest first; substrings of the text, not every unit (2,000 at a province)
            hits = {(self.full_index[key[i:i + length]], i) for i in range(len(key) - length + 1)
                    if key[i:i + length] in self.full_index}
            if hits:
                at, i = min(hits)
                unit = self.full[at][1]
                if self._place_beside(key[:i], key[i + length:]):
                    return UnitMatch(None, text, unit)
                return UnitMatch(unit, text)
        return UnitMatch(None, text, self._nearest(stripped or key))

    def _place_beside(self, before: str, after: str) -> bool:
        """A unit's full name inside a text that names another place with it: a place under it (如东县掘港街道民政办
        at a city whose units are counties: the township's own report, taken for the county's, the county's
        SUBMISSION_MISSING unsaid) or another county's before it (海安市城中街道 at 如东县, whose list has its own
        城中街道: taken in silently) — blind audit of another county's configuration. 启东市汇龙镇人民政府, 南通市如东县
        are the unit itself."""
        rest = strip_decorations(after)
        # (a place of its own: 掘港街道, 城东镇 — not a part of the unit, 南阳镇（城区）, 南阳镇集镇: its rows; audit)
        if _PLACE_UNDER.fullmatch(rest) and not _PART_OF_PLACE.search(rest):
            return True
        m = _COUNTY_BEFORE.search(before)
        return m is not None and m[1] != self.city and self.city not in before

    def _nearest(self, key: str) -> str | None:
        """The configured name a misspelt one most likely means: the place names compared without 镇/街道, so
        that sharing only 镇 suggests nothing (北新镇 is not 汇龙镇), and the same characters in the same places
        count most (海付镇: 海复镇, not 近海镇)."""
        stem = _place_stem(key)
        if not stem:
            return None
        near = difflib.get_close_matches(stem, self.near_stems, n=8, cutoff=0.5)
        if len(stem) <= 2:
            # a two-character name sharing one character elsewhere is another place (城东 is not 东海, 新港 not 北新:
            # suggested, a clerk could take the file for that town's; audit of the command line) — not one
            # misspelt in one place (惠平: 惠萍, 江海: 近海)
            near = [s for s in near if any(a == b for a, b in zip(stem, s, strict=False))]
        if not near:
            return None

        kind = key[len(stem):]  # 镇, 街道 …: of equally near names, those of the same kind of place
        if kind in _ZONE_KINDS:
            # a zone is another zone misspelt, not a town whose name it shares a part of (洋口港经济开发区 is not 洋口镇;
            # county audit)
            near = [s for s in near if any(self.near_stems[j] == s and self.name_keys[self.near_units[j]].endswith(
                _ZONE_KINDS) for j in range(len(self.near_stems)))]
            if not near:
                return None
        if kind in ("市", "区", "县") and not key.endswith(("社区", "小区", "园区", "开发区", "景区")):
            # a county or city named is another place, not a township misspelt (海门区 is not 海复镇, 南通市 not
            # 南阳镇; audit of units) — unless the name is the same and only its level word differs (如东市: 如东县)
            near = [s for s in near if s == stem or any(
                self.near_stems[j] == s and self.name_keys[self.near_units[j]].endswith(kind)
                for j in range(len(self.near_stems)))]
            if not near:
                return None

        def score(j: int) -> float:
            other, i = self.near_stems[j], self.near_units[j]
            same_place = sum(a == b for a, b in zip(stem, other, strict=False)) / max(len(stem), len(other))
            # (the kind written counts: 东海导街道 is 东海岛街道 misspelt, not 东海镇 with a character more)
            same_kind = 0.25 if kind and self.name_keys[i].endswith(kind) else 0
            return difflib.SequenceMatcher(None, stem, other).ratio() + same_place + same_kind

        scored = sorted(((score(j), self.near_units[j]) for j, s in enumerate(self.near_stems) if s in near),
                        key=lambda p: (-p[0], p[1]))
        tied = list(dict.fromkeys(i for sc, i in scored if sc == scored[0][0]))
        # equally near (三兴镇: 三星镇, 三阳镇): all of them, in list order, up to three — not the first alone
        return "”或“".join(self.names[i] for i in tied[:3])


# What may follow a short form inside a file name: 汇龙_6月, 汇龙附件1, 汇龙报表, 汇龙（更正）. Any other word
# makes another name: 启隆生态科技产业园 is not 启隆镇.
_AFTER_WORDS = ("附件", "报", "表", "月", "年", "第", "更正", "修改", "最终", "定稿", "终稿", "版", "排查", "汇总",
                "镇", "街道", "乡", "民政", "人民政府", "政府", "社会事业", "社会事务", "社区服务", "副本",
                # the forms' own words (汇龙名单, 吕四港处置表, 海复进度表, 近海战果统计)
                "名单", "清单", "处置", "管控", "进度", "战果", "统计", "台账", "上报")
# what sets a name apart in a file name (汇龙_名单, 汇龙 名单, 汇龙-名单, 【汇龙】名单)
_SEPARATED = re.compile(r"[\s_\-—–.·、，,;；（）()【】\[\]《》]+")


_KIND_WORDS = ("街道办事处", "街道", "镇", "乡", "区", "县", "市")
# a zone's kind (洋口港经济开发区 was suggested to be 如东经济开发区, their 经济开发 alike; county audit), longest first
_ZONE_KINDS = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "工业集中区", "旅游度假区", "工业园区", "产业园区",
               "开发区", "高新区", "度假区", "工业园", "产业园")
_PLACE_SUFFIXES = (*_ZONE_KINDS, *_KIND_WORDS)
_KINDS = ("街道", "镇", "乡")  # the kinds of township
# a place under a unit named after it (如东县掘港街道民政办): two characters of its own, then its kind
_PLACE_UNDER = re.compile(r"[\u4e00-\u9fff]{2,}(?:镇|乡|街道|开发区|园区|管理区)")
_PART_OF_PLACE = re.compile(r"^(?:城区|集镇|镇区|老区|新区|片区|农村|城镇|街区|社区)")
# a county or district named right before a township (海安市城中街道, 如皋市城南街道): its own name
_COUNTY_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:县|区|市)$")


def _place_stem(key: str, suffixes: tuple[str, ...] | None = None) -> str:
    """A place's own name without what kind of place it is: 汇龙镇 → 汇龙, 掘港街道 → 掘港 (a one-character stem
    is kept whole: 港区)."""
    for suffix in suffixes or _PLACE_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key[: -len(suffix)]
    return key


def _apart(before: str, after: str) -> bool:
    """A short form found in a longer text stands as a name of its own there."""
    if before and _is_cjk(before[-1]) and before[-1] not in "年月日市县区":
        return False
    return not after or not _is_cjk(after[0]) or after.startswith(_AFTER_WORDS)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_cache: dict[int, tuple[Config, _Matcher]] = {}


def _matcher(cfg: Config) -> _Matcher:
    hit = _cache.get(id(cfg))
    if hit is None or hit[0] is not cfg:
        hit = (cfg, _Matcher(cfg))
        _cache[id(cfg)] = hit
    return hit[1]


def parse_config(text: str, source: str) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        where = re.search(r"line (\d+), column (\d+)", str(e))
        at = f"第 {where[1]} 行第 {where[2]} 列附近" if where else "到文件末尾仍未写完整，" if "end of document" in str(e) else ""
        if "Cannot overwrite" in str(e) or "twice" in str(e):  # (a key or a [section] written twice: audit of config)
            at = f"第 {where[1]} 行" if where else "最后一行"
            raise ConfigError(f"配置文件 {source} {at}的设置项在前面已经写过一次；同一项只写一次，删去多余的一行") from None
        raise ConfigError(f"配置文件 {source} {at}不符合 TOML 格式（检查引号、括号、逗号和等号是否成对、齐全）") from None
    if "units" not in data and data.get("reporting_unit", Config.model_fields["reporting_unit"].default) == \
            Config.model_fields["reporting_unit"].default and source != "内置默认配置":
        # a file that sets only the deadlines (or 启东市民政局 alone): the embedded units — it was refused as listing
        # no units (blind audit of status); one naming another reporting unit must still list its own
        data = {**data, "units": tomllib.loads(DEFAULT_TOML)["units"]}
    try:
        cfg = Config.model_validate({**data, "source": source})
    except ValidationError as e:
        first = e.errors()[0]
        raise ConfigError(f"配置文件 {source}：{_where(first['loc'])} 有误：{_reason(first)}") from None
    if not cfg.units:
        raise ConfigError(f"配置文件 {source} 没有列出任何单位（units）")
    _check_units(cfg, text, source)
    if "reporting_unit" not in data and not set(cfg.unit_names) & _default_unit_names():
        # another county's units under 启东市民政局: every 填报单位 line and output file said so, without a word
        # (audit of config). Said, not refused: a configuration of units alone still checks
        cfg._defaulted = True
    return cfg


_LIST_MARK = re.compile(r"[，,、;；]|\s{2,}")  # marks between names: no unit's name holds one


def _check_units(cfg: Config, text: str, source: str) -> None:
    """A unit listed twice (shown twice by status), or an alias that is another unit's name, alias or short form
    (that unit's files counted as this one's, itself reported missing): refused, not silently used. An alias equal
    to a short form two units share (城关 of 城关镇 and 城关街道) says which one it means, and is kept."""
    lines = [line.split("#", 1)[0] for line in text.splitlines()]  # (a name in a comment is no entry)
    owner: dict[str, tuple[str, str]] = {}  # key of a name, alias or short form -> (its unit, which it is)
    for u in cfg.units:
        k = _key(u.name)
        if not strip_decorations(k):
            raise ConfigError(f"配置文件 {source}{_line_of(lines, u.name, 1)}：units 中有一个单位名称是空的"
                              f"{'' if not k else '（只有“' + u.name + '”这类机关名）'}，请填写或删去")
        if k in owner:
            raise ConfigError(f"配置文件 {source}{_line_of(lines, u.name, 2)}：单位“{u.name}”列了两次，请删去一个")
        if (sep := _LIST_MARK.search(u.name)) is not None:
            # "启隆镇，启东经济开发区" in one pair of quotes was one unit of that name: 启隆镇's reports UNIT_UNKNOWN, the
            # town listed as not reported — the township blamed for the bureau's slip (audit of a real inbox)
            parts = [x for x in _LIST_MARK.split(u.name) if x.strip()]
            raise ConfigError(f"配置文件 {source}{_line_of(lines, u.name, 1)}：单位名称“{u.name}”中有“{sep[0]}”，"
                              "像是几个单位写在了一对引号里；每个单位单独加引号，用英文逗号分开，如 units = ["
                              + ", ".join(f'"{x.strip()}"' for x in parts[:3]) + "]")
        owner[k] = (u.name, "名称")
    # the same unit under another spelling (汇龙 beside 汇龙镇, 汇龙镇人民政府 beside 汇龙镇): its files matched the one,
    # the other reported missing every period (blind audit)
    named: dict[str, str] = {}
    for u in cfg.units:
        for k in {strip_decorations(_key(u.name)), _key(_short(u.name))}:
            other = named.get(k)
            if other is not None and other != u.name and _key(other) != _key(u.name) and (
                    k in (_key(other), _key(u.name)) or strip_decorations(_key(u.name)) == _key(other)
                    or strip_decorations(_key(other)) == _key(u.name)):
                raise ConfigError(f"配置文件 {source}{_line_of(lines, u.name, 1)}：单位“{u.name}”与“{other}”是同一个单位"
                                  "（简称或加了机关名），列了两次；请删去一个，简称写进 aliases")
            named.setdefault(k, u.name)
    for u in cfg.units:
        owner.setdefault(_key(_short(u.name)), (u.name, "简称"))
    for u in cfg.units:
        for a in u.aliases:
            if (sep := _LIST_MARK.search(a)) is not None:
                raise ConfigError(f"配置文件 {source}{_line_of(lines, a, 1, after=u.name)}：{u.name}的别名“{a}”中有"
                                  f"“{sep[0]}”，像是几个别名写在了一对引号里；每个别名单独加引号，用英文逗号分开")
            other, what = owner.get(_key(a), (u.name, ""))
            if other != u.name and not (what == "简称" and _key(a) == _key(_short(u.name))):
                raise ConfigError(f"配置文件 {source}{_line_of(lines, a, 1, after=u.name)}：{u.name}的别名“{a}”"
                                  f"也是单位“{other}”的{what}，会把{other}的报表算作{u.name}的；请改正别名")
            owner[_key(a)] = (u.name, "别名")


def _line_of(lines: list[str], name: str, nth: int, after: str = "") -> str:
    """ 第 N 行 of the nth time a quoted name is written (past the line naming `after`), where it can be told."""
    seen, start = 0, 0
    if after:
        start = next((i for i, line in enumerate(lines) if f'"{after}"' in line or f"'{after}'" in line), 0)
    # (as typed: "汇龙镇 " or "北新 镇" is the name the configuration keeps without its spaces)
    quoted = re.compile("[\"'][\\s\u3000\xa0]*" + "[\\s\u3000\xa0]*".join(map(re.escape, name))
                        + "[\\s\u3000\xa0]*[\"']")
    for i, line in enumerate(lines[start:], start=start + 1):
        seen += len(quoted.findall(line))
        if seen >= nth:
            return f" 第 {i} 行"
    return ""


_REASONS = {
    "string_type": "应为文字（用英文引号括起来）", "int_type": "应为整数", "int_from_float": "应为整数",
    "int_parsing": "应为整数", "list_type": "应为列表（[ ] 括起来）", "dict_type": "应为一节设置",
    "model_type": "应为一节设置",
    "missing": "缺少必填项",
    "extra_forbidden": "不是可用的配置项（可用：reporting_unit、filler、head、phone、units（name、aliases）、"
                        "[deadlines] 的 monthly_day 和 weekly）",
}


def _where(loc: tuple) -> str:
    """pydantic's place of an error as a clerk counts: units 中第 13 个单位的 name, not units.12.name (0-based)."""
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out += f" 中第 {part + 1} 个" + ("单位" if i and loc[i - 1] == "units" else "")
        else:
            # (a table is named as the file heads it, [deadlines]: it read “deadlines的 monthly_day”; audit of the CLI)
            out += (f" 的 {part}" if out.endswith("]") else f"的 {part}") if out else \
                f"[{part}]" if len(loc) > 1 and not isinstance(loc[1], int) else str(part)
    return out


def _reason(error: ErrorDetails) -> str:
    """pydantic's English message said in Chinese (a validator's own message is Chinese already)."""
    if error["type"] == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    if error["type"] == "model_type":  # (what to write in its place, by where it stands)
        loc = error["loc"]
        if loc[:1] == ("units",) and len(loc) == 2:
            return "应为带引号的单位名称，如 \"汇龙镇\"，或 { name = \"汇龙镇\", aliases = [\"汇龙\"] }"
        if loc == ("deadlines",):
            return "应为一节设置：另起一行写 [deadlines]，其下写 monthly_day = 20 和 weekly = \"Wed 17:00\""
    if error["type"] == "extra_forbidden" and error["loc"] and isinstance(key := error["loc"][-1], str):
        # (unit = […] for units: the clerk was given the list of keys, not told which one was meant; audit)
        part = str(error["loc"][0]) if len(error["loc"]) > 1 else ""
        if not part and key.lower() in _HOME:  # (aliases at the top was asked 是否为 deadlines？; review)
            return f"{_REASONS['extra_forbidden']}；{key} 应写在{_HOME[key.lower()]}"
        near = difflib.get_close_matches(key.lower(), _KEYS_IN.get(part, _KEYS_IN[""]), n=1, cutoff=0.7)
        if near:
            return f"{_REASONS['extra_forbidden']}，是否为 {near[0]}？"
    return _REASONS.get(error["type"], f"取值有误（{error.get('input')!r}）")


# the keys of each part of yanglao.toml: the one a misspelt key was meant to be
_KEYS_IN = {"": ("reporting_unit", "filler", "head", "phone", "units", "deadlines"),
            "deadlines": ("monthly_day", "weekly"), "units": ("name", "aliases")}
# where a key of a part belongs, written at the top of the file
_IN_UNITS = "单位的设置中，如 units = [{ name = \"汇龙镇\", aliases = [\"汇龙\"] }]"
_HOME = {"monthly_day": " [deadlines] 一节下", "weekly": " [deadlines] 一节下", "aliases": _IN_UNITS, "name": _IN_UNITS}


@functools.cache
def _default_unit_names() -> frozenset[str]:
    return frozenset(u if isinstance(u, str) else u["name"] for u in tomllib.loads(DEFAULT_TOML)["units"])


def default_config() -> Config:
    return parse_config(DEFAULT_TOML, "内置默认配置")


MAX_CONFIG_BYTES = 1024 * 1024  # a configuration of the largest province is a few dozen KB


def load_config(path: Path | None = None) -> Config:
    """--config FILE, else ./yanglao.toml, else the embedded default."""
    if path is None:
        local = Path("yanglao.toml")
        if not local.is_file():
            return default_config()
        path = local
    try:
        st = path.stat()
        # a named pipe waits for ever for a writer, a device never ends: neither is a configuration (blind audit);
        # a script's --config <(…) is a pipe already open, read up to the limit (review)
        substituted = stat.S_ISFIFO(st.st_mode) and str(path).startswith(("/dev/fd/", "/proc/self/fd/"))
        if not (stat.S_ISREG(st.st_mode) or substituted):
            raise ConfigError(f"配置文件 {path} 不是普通文件，请检查 --config 指向的文件")
        with path.open("rb") as fh:
            data = fh.read(MAX_CONFIG_BYTES + 1)  # (a file too large is told by what was read, as a pipe is)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(f"配置文件 {path} 过大（超过 {MAX_CONFIG_BYTES // 1024} KB），请检查 --config 指向的文件")
    except OSError as e:
        raise ConfigError(f"无法读取配置文件 {path}：{os_why(e)}") from None
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        # a workbook given as --config was told to be saved again as UTF-8 (audit of config)
        raise ConfigError(f"配置文件 {path} 是 Excel 工作簿或压缩包，不是配置文件；配置文件是纯文本的 yanglao.toml，"
                          "可用 yanglao init 生成后修改")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Notepad on an older Chinese Windows saves "ANSI", which is GBK: read as such (it was refused, though
        # nothing else writes a .toml of Chinese names in another encoding; audit of a clerk's environment)
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ConfigError(f"配置文件 {path} 不是 UTF-8 编码，请用记事本另存为 UTF-8") from None
    return parse_config(text, str(path))

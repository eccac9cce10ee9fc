"""Typed vocabulary of the campaign (levels, categories, points, measures) and the records of each form."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field

CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


def china_time(timestamp: float) -> dt.datetime:
    """A file's time as the bureau's clock shows it — deadlines are Beijing time — whatever the machine's TZ (a
    server's UTC showed a file of 21 June 01:30 as 20 June 17:30, and the year of 1月5日 followed TZ; audit)."""
    return dt.datetime.fromtimestamp(timestamp, CHINA_TIME).replace(tzinfo=None)


class RiskLevel(StrEnum):
    """风险隐患等级. Order GREEN < YELLOW < ORANGE < RED (启民发〔2022〕66号 二（二）二)."""

    GREEN = "GREEN"
    YELLOW = "YELLOW"
    ORANGE = "ORANGE"
    RED = "RED"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]

    @property
    def label(self) -> str:
        """Short label as written in the forms: 红/橙/黄/绿."""
        return _LEVEL_LABEL[self]

    @property
    def long_label(self) -> str:
        return _LEVEL_LABEL[self] + "色"

    @property
    def color(self) -> str:
        """Fill colour used in workbooks and reports."""
        return _LEVEL_COLOR[self]

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if isinstance(other, RiskLevel):
            return _LEVEL_RANK[self] < _LEVEL_RANK[other]  # (not .rank: a property call each side)
        return NotImplemented

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if isinstance(other, RiskLevel):
            return _LEVEL_RANK[self] <= _LEVEL_RANK[other]  # (not .rank: a property call each side)
        return NotImplemented

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if isinstance(other, RiskLevel):
            return _LEVEL_RANK[self] > _LEVEL_RANK[other]  # (not .rank: a property call each side)
        return NotImplemented

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if isinstance(other, RiskLevel):
            return _LEVEL_RANK[self] >= _LEVEL_RANK[other]  # (not .rank: a property call each side)
        return NotImplemented


_LEVEL_RANK = {RiskLevel.GREEN: 0, RiskLevel.YELLOW: 1, RiskLevel.ORANGE: 2, RiskLevel.RED: 3}
_LEVEL_LABEL = {RiskLevel.GREEN: "绿", RiskLevel.YELLOW: "黄", RiskLevel.ORANGE: "橙", RiskLevel.RED: "红"}
_LEVEL_COLOR = {RiskLevel.GREEN: "#C6EFCE", RiskLevel.YELLOW: "#FFEB3B", RiskLevel.ORANGE: "#FFA500",
                RiskLevel.RED: "#FF4D4D"}
LISTED_LEVELS = (RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW)


class Category(StrEnum):
    """类别 (附件2 填报说明二)."""

    A = "A"
    B = "B"
    C = "C"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]

    @property
    def display(self) -> str:
        return f"{self.value}.{CATEGORY_LABELS[self]}"


CATEGORY_LABELS = {
    Category.A: "养老机构",
    Category.B: "社区养老服务机构",
    Category.C: "未经登记但从事养老服务经营活动的场所",
}

# 风险隐患点 (附件2 填报说明三); text as in the seed.
RISK_POINTS: dict[int, str] = {
    1: "养老服务机构有收取大额预付费行为，但资金主要用于弥补设施建设资金不足",
    2: "近三年分支机构、服务网点扩张过快",
    3: "频繁变更法定代表人、登记注册地",
    4: "虚假或夸大宣传",
    5: "有关联公司且存在关联交易",
    6: "养老服务机构的投资人、法定代表人或主要负责人因经济犯罪被提起诉讼、被投诉举报、纳入养老服务市场失信联合惩戒对象名单",
    7: "养老服务机构有收取大额预付费行为，资金使用不规范，但资可抵债运营比较平稳的",
    8: "养老服务机构收取大额预付费的对象数量超过床位总数",
    9: "未经登记开展养老服务活动但无收取大额预付费行为的",
    10: "未经登记开展养老服务活动且有收取大额预付费行为的",
    11: "存在涉嫌非法集资、诈骗等犯罪行为",
    12: "有收取大额预付费行为且资不抵债",
    13: "已经“爆雷”",
    14: "引起不良影响或重大舆情",
    15: "其他情形",
}
OTHER_POINT = 15
# The notice's own wording in the 填报说明, with the examples in brackets that RISK_POINTS leaves out (they would
# make every message that names point 6 or 7 three lines long)
NOTICE_POINTS: dict[int, str] = {
    **RISK_POINTS,
    6: RISK_POINTS[6] + "（企业经营异常名录或者严重违法失信名单、社会组织活动异常名录或者严重违法失信名单）",
    7: "养老服务机构有收取大额预付费行为，资金使用不规范（包括但不限于投资不动产、股票、债券、证券、借贷等，以及投资、"
       "转移到法定代表人、主要负责人名下其他关联企业），但资可抵债运营比较平稳的",
}

# 打击整治措施 (附件3 填报说明二)
MEASURES: dict[int, str] = {
    1: "风险提示",
    2: "增加抽查检查频次",
    3: "警示约谈",
    4: "责令整改",
    5: "停止经营活动",
    6: "督促清退资金",
    7: "移送司法机关",
    8: "督促依法办理登记",
    9: "未经登记以社会服务机构名义开展养老服务活动的场所，由社会组织登记管理部门依法查处、取缔",
    10: "未经登记以企业名义开展养老服务活动的场所，将有关问题线索书面移交市场监管部门依法处理",
    11: "其他规范整治措施",
}
OTHER_MEASURE = 11

# 存量风险已化解情形 (附件3 填报说明三)
CRITERIA: dict[int, str] = {
    1: "收取大额预付费的，已制定还款计划，并按期履行的",
    2: "收取大额预付费的，开立专用存款账户，纳入第三方存管",
    3: "收取大额预付费的，已完成资金清退",
    4: "已取缔未经登记但开展养老服务活动的场所",
    5: "未经登记但开展养老服务活动的场所已依法登记",
    6: "已移送司法机关",
    7: "已立案",
    8: "已判决",
    9: "需要安置的老年人，已协助妥善安置老年人",
    10: "符合条件的受损困难老年人，已依法及时纳入城乡低保、特困供养范围或者给予临时救助等",
    11: "其他情形",
}


class Numbers(BaseModel):
    """A set of numbered items (risk points, measures, criteria) with the free text of 其他."""

    model_config = ConfigDict(frozen=True)

    items: tuple[int, ...] = ()
    other_text: str = ""

    def __contains__(self, n: object) -> bool:
        return n in self.items

    def __reduce__(self) -> tuple[object, ...]:  # every row's points cross between processes: pydantic's
        return (_numbers, (self.items, self.other_text))  # state protocol loads them 3× slower

    def display(self) -> str:
        parts = [str(n) for n in self.items]
        if self.other_text:
            parts = [p if p not in ("15", "11") or not self.other_text else f"{p}.其他：{self.other_text}"
                     for p in parts]
        return "、".join(parts)


class YesNo(StrEnum):
    YES = "YES"
    NO = "NO"
    NA = "NA"  # 不涉及 / — where a column allows it

    @property
    def label(self) -> str:
        return {"YES": "是", "NO": "否", "NA": "不涉及"}[self.value]


class Answer(BaseModel):
    """A yes/no answer with its optional detail ("是，王某某（副镇长）")."""

    model_config = ConfigDict(frozen=True)

    value: YesNo
    detail: str = ""


class Footer(BaseModel):
    filler: str = ""  # 填报人
    head: str = ""  # 负责人
    phone: str = ""  # 电话
    date: dt.date | None = None  # 填报日期 / 填报时间
    date_text: str = ""
    time: dt.time | None = None  # the hour written with the date (2022-06-15 17:30), for the weekly deadline
    date_cell: str = ""  # where the 填报日期 value is ("G9")


DETAIL = ":detail"  # Row.cells key suffix: the cell of a field's detail, in a column of its own
# Row.cells key suffix: the line holding a bare 15/11 of a facility written over several rows (parse)
OTHER_LINE = ":other"
# Row.cells key suffix: the other lines' cells (D6,D7) of a field of a facility written over several rows (parse)
LINES = ":lines"


class Row(BaseModel):
    """Where a record came from: the cell of every field, and the raw text as declared."""

    file: str = ""
    sheet: str = ""
    row: int = 0
    cells: dict[str, str] = Field(default_factory=dict)  # field -> "D7" (when not given by `columns`)
    columns: dict[str, str] = Field(default_factory=dict)  # field -> "D": the sheet's letters, shared by its rows
    raw: dict[str, str] = Field(default_factory=dict)  # field -> text as the township wrote it
    extra: dict[str, str] = Field(default_factory=dict)  # unknown column header -> value
    invalid: set[str] = Field(default_factory=set)  # fields that could not be read

    def cell(self, field: str) -> str:
        """The A1 reference of `field`'s cell, or "" when the form had no such column."""
        ref = self.cells.get(field)
        if ref:
            return ref
        letter = self.columns.get(field)
        return f"{letter}{self.row}" if letter else ""

    def other_cell(self, field: str) -> str:
        """The cell where `field`'s 15/11 (其他) is written: its own line's, on a facility over several rows."""
        return self.cells.get(field + OTHER_LINE) or self.cell(field)

    def detail_cell(self, field: str) -> str:
        """Where `field`'s detail is (立案时间, 化解情形, 负责人): its own column when a township split it off."""
        return self.cells.get(field + DETAIL) or self.cell(field)

    def __reduce__(self) -> tuple[object, ...]:
        # Records cross from the reading processes to the main one by pickle; pydantic's own state
        # protocol costs twice as much to load, and the main process does that for every row.
        return (_rebuild, (type(self), self.__dict__))

    @classmethod
    def from_parsed(cls, values: dict[str, object]) -> Self:
        """A record from values the parser has already typed, without validating them again (the parser is
        the only caller; validation would cost as much as the rest of reading a row). Fields not given take
        their defaults, as in model_construct, which is itself slower than validating."""
        static, factories = _defaults(cls)
        data = static.copy()
        for k, factory in factories:
            if k not in values:
                data[k] = factory()
        data.update(values)
        return cls._of_fields(data)

    @classmethod
    def _of_fields(cls, data: dict[str, object]) -> Self:
        """The record whose __dict__ is `data`, which holds every field."""
        rec = cls.__new__(cls)
        object.__setattr__(rec, "__dict__", data)
        # every field holds a value the parser decided on (a default is a decision too); one frozen set per
        # class instead of a 700-byte set per row: records are never assigned to after parsing
        _set_model_slots(rec, _all_fields(cls))
        return rec


def _model_slots() -> Callable[[BaseModel, frozenset[str]], None]:
    """Sets what pydantic keeps beside a model's fields, as model_construct does. Through BaseModel's slot
    descriptors where this pydantic has them: half the time of object.__setattr__ by name, asked for every
    record built (124,000 at 2,000 units, in the reading processes and again in the main one)."""
    slots = [BaseModel.__dict__.get(k) for k in ("__pydantic_fields_set__", "__pydantic_extra__",
                                                 "__pydantic_private__")]
    if all(s is not None and hasattr(s, "__set__") for s in slots):
        fields_set, extra, private = (s.__set__ for s in slots)  # type: ignore[union-attr]

        def put(model: BaseModel, fields: frozenset[str]) -> None:
            fields_set(model, fields)
            extra(model, None)
            private(model, None)
        return put

    def put_by_name(model: BaseModel, fields: frozenset[str]) -> None:
        object.__setattr__(model, "__pydantic_fields_set__", fields)
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
    return put_by_name


_set_model_slots = _model_slots()


def _numbers(items: tuple[int, ...], other_text: str) -> Numbers:
    # (its fields set is the one frozen set all share, as a record's: frozen, it is never copied with an update)
    n = Numbers.__new__(Numbers)
    n.__dict__.update(items=items, other_text=other_text)
    _set_model_slots(n, _all_fields(Numbers))
    return n


@functools.cache
def _all_fields(cls: type[BaseModel]) -> frozenset[str]:
    return frozenset(cls.model_fields)


_ALL_VALID: frozenset[str] = frozenset()  # one for every record read in another process without invalid fields


def _rebuild(cls: type[Row], values: dict[str, object]) -> Row:
    if not values.get("invalid"):
        values["invalid"] = _ALL_VALID  # a 216-byte empty set per row is 27 MB at 2,000 units; never added to later
    if values.keys() == _all_fields(cls):  # as from_parsed made it: nothing to fill in
        return cls._of_fields(values)
    return cls.from_parsed(values)


def pack_rows(records: list) -> tuple[type[Row], tuple[str, ...], list[tuple[object, ...]]] | None:
    """A sheet's records as one class, its field names once and each record's values: what crosses from a reading
    process (as dicts, every row carried its field names and came back through a call of its own: a third of
    the main process's time receiving). None when they are not all alike (rebuilt one by one then)."""
    if not records:
        return None
    cls = records[0].__class__
    keys = tuple(records[0].__dict__)
    if frozenset(keys) != _all_fields(cls) or not all(r.__class__ is cls and tuple(r.__dict__) == keys
                                                       for r in records):
        return None
    return cls, keys, [tuple(r.__dict__.values()) for r in records]


def unpack_rows(cls: type[Row], keys: tuple[str, ...], rows: list[tuple[object, ...]]) -> list[Row]:
    new, put, fields = cls.__new__, _set_model_slots, _all_fields(cls)
    out = []
    for values in rows:
        rec = new(cls)
        data = rec.__dict__
        data.update(zip(keys, values, strict=True))  # (filled in place: a dict made and then set costs twice as much)
        if not data["invalid"]:
            data["invalid"] = _ALL_VALID  # as _rebuild
        put(rec, fields)
        out.append(rec)
    return out


@functools.cache
def _defaults(cls: type[BaseModel]) -> tuple[dict[str, object], tuple[tuple[str, Callable[[], object]], ...]]:
    """Field -> default, and (field, factory) for the fields whose default is made fresh for each record."""
    static: dict[str, object] = {}
    factories: list[tuple[str, Callable[[], object]]] = []
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            static[name] = None
            factories.append((name, info.default_factory))  # type: ignore[arg-type]
        else:
            static[name] = info.default
    return static, tuple(factories)


class F1Record(Row):
    township: str = ""
    total: int | None = None
    checked: int | None = None
    percent: float | None = None
    group: Answer | None = None
    task_force: Answer | None = None
    publicity: Answer | None = None
    info_sharing: Answer | None = None
    complaints: Answer | None = None


# Row.raw's key for the heading (一、红色名单) or sheet (红色名单) a 附件2 row's blank level was read from
LEVEL_SECTION = "level_section"


class F2Record(Row):
    seq: str = ""
    name: str = ""
    category: Category | None = None
    points: Numbers = Numbers()
    level: RiskLevel | None = None  # as declared
    lead_unit: str = ""
    note: str = ""


class F3Record(Row):
    seq: str = ""
    name: str = ""
    points: Numbers = Numbers()
    clue: Answer | None = None
    fundraising: Answer | None = None
    measures: Numbers = Numbers()
    progress: str = ""
    case: Answer | None = None
    case_date: dt.date | None = None
    resolved: Answer | None = None
    criteria: Numbers = Numbers()
    # not a column of 附件3: on a consolidated workbook, the 牵头排查单位 of its 附件2 row (the township), paired
    # by pairing.pair_disposals so that two townships' facilities of one name are told apart
    lead_unit: str = ""


F4_FIELDS = ("ongoing", "done", "total", "early", "obvious", "referred",
             "police_letters", "procuratorate", "judicial", "supervision")


class F4Record(Row):
    label: str = ""
    ongoing: int | None = None
    done: int | None = None
    total: int | None = None
    early: int | None = None
    obvious: int | None = None
    referred: int | None = None
    police_letters: int | None = None
    procuratorate: int | None = None
    judicial: int | None = None
    supervision: int | None = None


class FacilityRecord(Row):
    """养老服务机构风险隐患排查表 (this project's own form)."""

    name: str = ""
    township: str = ""
    category: Category | None = None
    registered: Answer | None = None
    filed: Answer | None = None
    beds: int | None = None
    prepay_people: int | None = None
    insolvent: Answer | None = None
    ticked: dict[int, Answer] = Field(default_factory=dict)  # risk point -> 是/否 with note
    inspector: str = ""
    date: dt.date | None = None


class Submission(BaseModel):
    """Everything one unit sent for a period, possibly from several files."""

    unit: str
    period: str = ""
    files: list[str] = Field(default_factory=list)
    f1: list[F1Record] = Field(default_factory=list)
    f2: list[F2Record] = Field(default_factory=list)
    f3: list[F3Record] = Field(default_factory=list)
    f4: list[F4Record] = Field(default_factory=list)
    facilities: list[FacilityRecord] = Field(default_factory=list)
    footers: dict[str, Footer] = Field(default_factory=dict)  # form key -> footer
    forms: dict[str, str] = Field(default_factory=dict)  # form key -> "file!sheet"
    # form key -> (file, sheet, cell under its header) of each such form sent with no row at all (a blank 附件3
    # beside 附件2)
    starts: dict[str, list[tuple[str, str, str]]] = Field(default_factory=dict)
    consolidated: bool = False  # sent as a workbook this tool consolidated: its rows are several townships
    no_list: frozenset[str] = frozenset()  # of such a workbook: townships its 汇总 sheet says sent no 附件2
    no_stats: frozenset[str] = frozenset()  # of such a workbook: townships its 汇总 sheet says sent no 附件4
    f3_alone: bool = False  # of such a workbook: its 汇总 says a township sent 附件3 without 附件2
    f3_sent: frozenset[str] = frozenset()  # of such a workbook: townships its 汇总 says sent 附件3
    stated_period: str = ""  # of such a workbook: the period its 汇总 title states
    stated_week: dt.date | None = None  # of a weekly round's workbook: the week its 汇总 title states
    # of such a workbook: its 附件1/附件4 rows of places that sent nothing (未报送): form key -> (file, sheet, row,
    # place), written again in place on the consolidated forms one level up
    unsent: dict[str, list[tuple[str, str, int, str]]] = Field(default_factory=dict)
    aliases: tuple[str, ...] = ()  # the unit's other names in the configuration (吕四 for 吕四港镇), as before a facility's name
    city: tuple[str, ...] = ()  # the reporting city's short name (启东), before a facility's name as its 启东市 is


def percent_of(checked: float, total: float) -> float:
    """已排查占比 to one decimal, rounded half up as a clerk and Excel's ROUND do (13/16 is 81.3, not round()'s
    81.2; 23/80 is 28.8, not 28.7 from the binary 28.749999…)."""
    exact = Decimal(checked) * 100 / Decimal(total)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))

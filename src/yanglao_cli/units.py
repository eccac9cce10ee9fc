"""Which unit a sheet is of: its 填报单位 line, else 附件1's 乡镇 column, else the file's or folder's name, matched
against the configured units (short forms, offices around a name, former names of the same kind of place);
UNIT_UNKNOWN with the nearest unit suggested, UNIT_CONFLICT where they disagree."""

from __future__ import annotations

import copy
import functools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import reader
from .config import Config, strip_decorations
from .findings import NOTHING_WRITTEN, Code, Finding, make, row_of, unit_in_toml
from .inbox import shown
from .normalize import header_key, header_key_cached
from .rules.crossform import TOLD_APART

# kinds of place a slip does not cross: a zone (海门港新区, 经济开发区), a township (东海乡 for 东海镇, 海门镇 for 海门街道:
# a 乡 become a 镇, a 镇 a 街道 — former names; review), a county (海安县 for 海安市: its name before 2018; 通州市 for 通州区)
_PLACE_KINDS = (("zone", ("新区", "开发区", "高新区", "度假区", "园区", "工业园", "产业园", "工业集中区")),
                ("town", ("街道", "街道办事处", "镇", "乡")), ("county", ("市", "区", "县")))


def _kind(place: str) -> str:
    return next((kind for kind, ends in _PLACE_KINDS if place.endswith(ends)), "")


def _same_kind(place: str, unit: str) -> bool:
    """No kind of place told apart: 北欣镇 may be a slip for 北新镇, 海安街道 or 海门港新区 is none for 海安市 or 海门区
    — a town's file in a folder named after its city, one level up, was read as the city's report (the city said
    附件1–4齐全; audit of the levels)."""
    a, b = _kind(place), _kind(unit)
    return not a or not b or a == b


def sheet_unit(fs: reader.FormSheet, config: Config) -> str:
    """Whose a sheet of several townships' rows is as a whole: the unit its 填报单位 line names, else the line as
    written, else the reporting unit (who puts townships' rows together)."""
    written = fs.unit_text.strip()
    return (config.unit_named(written) if written else None) or written or config.reporting_unit


def _named_by_path(file: str, unit: str, config: Config) -> str:
    """Which part of a path names the unit: the file's name, or the folder it came in (岔河镇/附件.xlsx was said as
    “文件名“附件.xlsx”对应“岔河镇”” — the name says nothing; audit of another county)."""
    path = Path(file)
    if config.unit_named(path.stem) != unit and path.parent.name and config.unit_named(path.parent.name) == unit:
        return f"文件夹“{path.parent.name}”对应“{unit}”"
    return f"文件名“{path.name}”对应“{unit}”"


def _sheet_unit_cell(fs: reader.FormSheet) -> str:
    """The cell a unit finding points at when no source has one: the 填报单位 line, else the header's first."""
    return fs.unit_ref or fs.unit_label_ref or reader.ref(fs.match.header_row, min(fs.match.columns.values(), default=0))


def unit_of_path(path: Path, display: str, config: Config) -> str | None:
    """The unit a file's name names (汇龙镇_6月.xlsx, 吕四港附件1.xlsx), else the folder it was found in
    (收件/南阳镇/附件1.xlsx): a clerk who files each township's mail in its own folder names it there."""
    stem = Path(display).stem if path.name != Path(display).name else path.stem
    if config.names_several(stem):
        return None  # one workbook of two townships' forms, named after both: each sheet's 填报单位 says whose
    name = config.unit_named(stem)
    if name:
        return name
    # the folder it was found in, else one above it (收件/汇龙镇/6月/附件.xlsx: a township's folder of months; it
    # was UNIT_UNKNOWN, only the month's folder looked at — audit of units); the folders it is in, not those typed
    # (run inside 收件/南阳镇 on 附件.xlsx it was UNIT_UNKNOWN, from 收件 not: audit of determinism)
    for parent in list(Path(os.path.abspath(path)).parents)[:3]:
        if not parent.name or parent == Path(parent.anchor):
            break
        name = config.match_unit(shown(parent.name)).name
        if name:
            return name
    return None


def workbook_unit(sheets: list[reader.FormSheet], config: Config, ours: Callable[[], bool] = bool
                   ) -> str | None:
    """The unit a workbook's 附件1 names (its 填报单位 line, else its one 乡镇): the unit of the workbook's other
    sheets whose own 填报单位 line is blank. A place not in the list (启东经济开发区) is returned as written: the
    附件1 sheet says UNIT_UNKNOWN once for the workbook."""
    for fs in sheets:
        if fs.form.key != "F1":
            continue
        line_text = fs.unit_text.strip()
        if line_text and not is_reporting_unit(line_text, config):
            name = config.match_unit(line_text).name
            if name:
                return name
            if config.names_a_place(line_text) and fs.rows:
                return config.place_name(line_text)  # as the 附件1 sheet itself is called (not “…民政办（盖章）”)
        township = _township_of(fs, config, ours)
        if township:
            return township[0]
    return None


def by_row_unit(fs: reader.FormSheet, config: Config, ours: Callable[[], bool]
                 ) -> list[tuple[reader.FormSheet, str]]:
    """附件1 (附件4) whose 填报单位 names no unit while its 乡镇 column (first column) names two or more configured
    units, one on every row — several townships' figures typed into one sheet: each unit's rows are that unit's
    form (SPEC: the unit comes from the 乡镇 column), not one unit made up from the file's name with 汇龙镇 listed
    twice on the consolidated 附件1 (numbers audit). Else the sheet as it is, its unit still to be told."""
    whole = [(fs, "")]
    lists = fs.form.key in ("F2", "F3")
    c = list_place_column(fs) if lists else _place_column(fs)
    line = fs.unit_text.strip()
    # (under the city bureau's own name, 附件1/附件4 of several townships made by hand are parted too: they were the
    # bureau's rows, its towns 未报送, their UNIT_UNKNOWN said only in a comment; audit of edge rows)
    city = bool(line) and is_reporting_unit(line, config)
    if fs.form.key not in ("F1", "F4", "F2", "F3") or c is None or len(fs.rows) < 2 - lists or (line and (
            city and (lists or ours()) or not city and (config.unit_named(line) or config.names_a_place(line)))):
        return whole
    groups: dict[str, list[reader.RawRow]] = {}
    other: set[str] = set()  # places a list's rows name that are not in the list
    for row in fs.rows:
        text = row.texts[c].strip() if c < len(row.texts) else ""
        unit = config.match_unit(text).name if text else None
        if unit is None and not lists:
            return whole
        if unit is None and text and config.names_a_place(text):
            unit = text
            other.add(text)
        groups.setdefault(unit or "", []).append(row)
    # (a list's rows naming a place not in the list or misspelt — each that place's, UNIT_UNKNOWN at its cell — or
    # none: a part of their own, its unit told as the sheet's would be; one such row made every township's rows
    # the file's; review)
    named = [u for u in groups if u and u not in other]
    if len(named) < 2 - lists or ours() or sum(map(len, (groups[u] for u in named))) * 2 < len(fs.rows):
        return whole
    parts = []
    for unit, rows in groups.items():
        part = copy.copy(fs)
        part.rows = rows
        parts.append((part, unit))
    return parts


def unlisted_rows(records: list[Any], fs: reader.FormSheet, config: Config,
                   notes: dict[str, str] | None = None) -> list[Finding]:
    """This level's own consolidated workbook checked: a row of a place outside the list (启东经济开发区) was
    UNIT_UNKNOWN when it was consolidated, on the township's 填报单位 line the workbook no longer has; said again at
    the row's 乡镇 (附件4's first column), or the workbook would check clean."""
    field = "township" if fs.form.key == "F1" else "label"
    if not any(config.is_unit(getattr(rec, field, "")) for rec in records):
        # one level up its rows are the units' townships (汇龙镇 under 启东市), none of them a unit by its name
        # (海门街道 is read as 海门区 by its short form, but is not named so)
        return []
    # a unit with no row of its name (every unit is written, 未报送 if it sent nothing) sent a consolidated workbook:
    # its townships' rows stand among units' own (南通: 启东市's towns beside 海门区's row). Those are not asked for
    # (each was UNIT_UNKNOWN); a place said UNIT_UNKNOWN when consolidated still is, by its comment
    c = fs.match.columns.get(field)
    # (a township told apart by its unit, 城南街道（如皋市）, is no row of that unit: taken for one, 如皋市's other towns
    # were UNIT_UNKNOWN and the city's own workbook failed its check; blind audit of another county)
    written = {config.unit_named(t) for row in fs.rows if not TOLD_APART.fullmatch(t := fs.grid.text(row.row - 1, c))} \
        if c is not None else set()
    below = any(u not in written for u in config.unit_names)
    out = []
    for rec in records:
        text = getattr(rec, field, "")
        if below and Code.UNIT_UNKNOWN.value not in (notes or {}).get(rec.cell(field), ""):
            continue
        if text and rec.cell(field) and not config.unit_named(text) and config.names_a_place(text) \
                and not _NO_PLACE.match(text) and not _BELOW_TOWN.search(text):
            out.append(make(Code.UNIT_UNKNOWN, file=fs.file, sheet=fs.sheet, cell=rec.cell(field), row=rec.row,
                            unit=text, name=text, suggestion=unit_suggestion(text, config)))
    return out


def lists_several_units(sheets: list[reader.FormSheet], config: Config) -> bool:
    """Rows naming two configured units or more (附件1's 乡镇, 附件4's first column, 附件2's 牵头排查单位): a city's
    own workbook made by hand, not a township's."""
    for fs in sheets:
        c = _place_column(fs) if fs.form.key in ("F1", "F4") else fs.match.columns.get("lead_unit") \
            if fs.form.key == "F2" else None
        if c is not None and len({config.unit_named(r.texts[c]) for r in fs.rows
                                  if c < len(r.texts) and r.texts[c]} - {None}) >= 2:
            return True
    return False


def list_place_column(fs: reader.FormSheet) -> int | None:
    """附件2/附件3's own column naming each row's township (所属区镇, 乡镇, 填报单位（盖章）): a city's list collected
    by an online form and exported, every township's rows in one sheet — read as each township's (they were one
    unit named after the file, every township SUBMISSION_MISSING; blind audit of online-form exports). Only where
    no 填报单位 line names a unit (by_row_unit)."""
    return next((c for c, t in fs.match.unknown.items()
                 if LIST_PLACE.fullmatch(asked_words(t))), None)


LIST_PLACE = re.compile(r"(?:所属|所在)?(?:区镇|乡镇|镇|街道|镇街|街镇|镇区|乡镇街道|区镇街道|镇别|区域|单位)(?:名称)?"
                         r"|(?:填报|报送)单位(?:名称)?")
_HINT = re.compile(r"[（(][^（）()]*[)）]|[:：*＊]")


@functools.lru_cache(maxsize=4096)
def asked_words(header: str) -> str:
    """An extra column's header as its words, its question number and hints left out (1.所属区镇（必填）: 所属区镇):
    asked of the header once, not of every row (pipeline._place_in_row) and every form."""
    return header_key(_HINT.sub("", reader.question_asked(header)))


def _place_column(fs: reader.FormSheet) -> int | None:
    """The column naming each row's place: 附件1's 乡镇, 附件4's first column."""
    return fs.match.columns.get("township" if fs.form.key == "F1" else "label")


# a place below a township (a town's 附件1 by village: 东方村, 城中社区), written as the town wrote it on the
# consolidated 附件1 — no unit of this level missing from the list (its re-check said UNIT_UNKNOWN; blind audit)
_BELOW_TOWN = re.compile(r"(?:社区|村|居委会|村委会|居民委员会|村民委员会|小区|片区|网格)$")
# what a township may write in its own 附件1 乡镇 cell without naming a unit: itself, the whole area, a total
_NO_PLACE = re.compile(r"^(全|本|我|该)(镇|乡|乡镇|街道|区|县|市|辖区)$|^辖区$|^(合|总|小)计")


def _township_of(fs: reader.FormSheet, config: Config, ours: Callable[[], bool] = bool
                 ) -> tuple[str, str] | None:
    """附件1's 乡镇 column (附件4's first column) when every row names the same unit: (unit, its first cell). A place
    not in the list (启东经济开发区, a typo 汇尤镇) is returned as written (UNIT_UNKNOWN or UNIT_CONFLICT for
    resolve_unit), except on a consolidated workbook (`ours()`), whose townships are the level below the units."""
    c = _place_column(fs)
    if c is None:
        return None
    names = {fs.grid.text(r.row - 1, c) for r in fs.rows} - {""}
    if len(names) != 1:
        return None
    name = next(iter(names))
    unit = config.match_unit(name).name
    if unit is None and (not config.names_a_place(name) or _NO_PLACE.search(header_key(name))
                         or is_reporting_unit(name, config) or ours()):
        return None
    r0 = fs.rows[0].row - 1 if fs.rows else fs.match.data_start
    return unit or name.strip(), reader.ref(r0, c)


_PLACE_IN_NAME = re.compile(r"[\u4e00-\u9fff]{2,}(?:镇|乡|街道|区|园)")


def workbook_lead(sheets: list[reader.FormSheet], config: Config, stem: str) -> str | None:
    """The one unit the 牵头排查单位 of a workbook's 附件2 names on every row, where its 填报单位 line names no unit
    (民政办): the unit of its sheets that nothing else names — not where the file's name names a place of its own
    (启隆生态科技产业园_6月.xlsx: UNIT_UNKNOWN)."""
    if _PLACE_IN_NAME.search(stem):
        return None
    # (a line under the city bureau's own name, copied from its form, names no township either: the 牵头排查单位
    # said whose the list was, and it was UNIT_UNKNOWN; blind audit of another city's configuration)
    leads = {lead for fs in sheets if fs.form.key == "F2" and (is_reporting_unit(fs.unit_text, config) or (
             not config.unit_named(fs.unit_text.strip()) and not config.names_a_place(fs.unit_text)))
             and (lead := _lead_unit(fs, config))}
    return leads.pop() if len(leads) == 1 else None


def _lead_unit(fs: reader.FormSheet, config: Config) -> str | None:
    """The one configured unit every 牵头排查单位 of a 附件2 names (汇龙镇民政办, 汇龙镇市场监管分局)."""
    col = fs.match.columns.get("lead_unit")
    if col is None:
        return None
    units = {config.unit_named(row.texts[col]) for row in fs.rows if col < len(row.texts) and row.texts[col]}
    return units.pop() if len(units) == 1 else None


_VILLAGE_ENDS = ("村", "社区", "居委会", "村委会", "居", "组")


_TOWN_LIKE = re.compile(r"(?:镇|乡|街道|街道办事处)$")  # a township's name (its office's too)


def resolve_unit(fs: reader.FormSheet, config: Config, stem_unit: str | None, stem: str,
                  book_unit: str | None = None, ours: Callable[[], bool] = bool, book_lead: str | None = None,
                  one_set: bool = False, several: Callable[[], bool] = bool, lines_named: frozenset[str] = frozenset()
                  ) -> tuple[str, list[Finding]]:
    """填报单位 line, else F1's 乡镇 column (of this sheet, or of the workbook's 附件1), else the file name
    (SPEC「单位」)."""
    out: list[Finding] = []
    place: str | None
    loc = {"file": fs.file, "sheet": fs.sheet}
    sources: list[tuple[str, str, str]] = []  # (label, unit, cell)
    line_text = fs.unit_text.strip()
    line_unit: str | None = None
    # 附件4's first column names the unit too (the template asks for it there); else the workbook's 附件1 speaks
    township = _township_of(fs, config, ours) if fs.form.key in ("F1", "F4") else None
    if line_text and is_reporting_unit(line_text, config) and not ours() and (
            township or (book_unit and not is_reporting_unit(book_unit, config)) or stem_unit or book_lead
            # (附件1/附件4 of several places made by hand under the city's name, one not in the list: as under a line
            # naming no unit — its rows were all the bureau's, without a word; by_row_unit parts those all listed)
            or fs.form.key in ("F1", "F4") and several()):
        # the city bureau's own name on a township's sheet (copied from the city's form): its 乡镇 column, else its
        # workbook's 附件1, its file name or its 牵头排查单位 naming one place says whose it is — it was a unit of its
        # own, the town's forms lost to a 13th row under the city's name without a word (invariant audits: a
        # 附件1 beside it, an 附件4 with its first column blank, a file of one sheet)
        line_text = ""
    if line_text:
        if is_reporting_unit(line_text, config):
            if fs.form.key != "FAC" and fs.rows and not ours() and not several() \
                    and not config.match_unit(config.reporting_unit).name:
                # (a township putting its own files together, --unit 汇龙镇: its own name is no city's; its 附件2
                # signed 汇龙镇 was UNIT_UNKNOWN, 本级汇总单位; blind audit of another city's configuration)
                # a township's form under the city bureau's own name and nothing else saying whose: its rows were
                # the bureau's, a unit of their own, without a word (blind audit; 附件1, 附件3 and 附件4 said
                # nothing where 附件2 did: audit of units); a city's list names its towns
                cell = _sheet_unit_cell(fs)
                out.append(make(Code.UNIT_UNKNOWN, **loc, cell=cell, row=row_of(cell), unit=config.reporting_unit,
                                name=line_text, suggestion="").model_copy(update={"message": (
                                    f"填报单位写的是“{line_text}”（本级汇总单位），不是区镇，文件名和表中也看不出是哪个"
                                    f"区镇；请写明本区镇全称（如 {_example(config)}）")}))
            return config.reporting_unit, out  # our own consolidated workbook, one level down
        line_unit = config.unit_named(line_text)  # 汇龙社会事务办: 汇龙镇
        if line_unit:
            sources.append(("填报单位", line_unit, fs.unit_ref))
        elif config.names_a_place(line_text) and fs.rows:  # a blank form needs no unit
            # SPEC: the unit comes from the 填报单位 line first: a line naming a unit not in the list (启东经济开发区,
            # a typo 南杨镇) is UNIT_UNKNOWN, not overruled by the 乡镇 column or the file name — but a typo whose
            # nearest unit the file's other sheets or name give is read as that unit's (below). Only a line
            # naming no place (民政办, 社会事业局) leaves the unit to them.
            place = config.place_name(line_text)  # (汇尤镇人民政府 on one sheet, 汇尤镇 on the others: one unit)
            near = config.match_unit(line_text).suggestion
            # (backed by the file as a whole — its other sheets' lines, its 附件1, its name — not by this sheet's own
            # 乡镇 column: a file misspelt on every line went half to each unit; a village's sheet (汇龙村) in its
            # town's file is no misspelling of the town; review)
            if near and near in lines_named | {book_unit, stem_unit} and not ours() \
                    and not place.endswith(_VILLAGE_ENDS) and _same_kind(place, near):
                # a misspelling of the unit the file's other sheets or its name give (北欣镇 beside 北新镇): said, and
                # read as that unit's sheet — read as a place of its own, every facility of the other list was
                # DISPOSAL_UNLISTED, the clerk told to list again what was listed (audits of mutations and units)
                # (said of the unit it is read as: 汇总 counted its error on no unit's row; review)
                found = make(Code.UNIT_UNKNOWN, **loc, cell=fs.unit_ref, row=row_of(fs.unit_ref), unit=near,
                             name=line_text, suggestion=unit_suggestion(line_text, config))
                out.append(found.model_copy(update={"message": found.message + f"（本表暂按“{near}”读取：同一文件的"
                                                    "其他表或文件名是该单位）"}))
                return near, out
            out.append(make(Code.UNIT_UNKNOWN, **loc, cell=fs.unit_ref, row=row_of(fs.unit_ref), unit=place,
                            name=line_text, suggestion=unit_suggestion(line_text, config)))
            if township and not config.is_unit(township[0]) and (
                    township[0] == line_text or config.place_name(township[0]) == place) \
                    and config.match_unit(township[0]).suggestion:
                # the same misspelling of a unit in the 乡镇 column (附件4's first column): marked now, or it came up
                # as UNIT_CONFLICT only once the line was put right (blind audit of the messages followed); a place
                # not in the list (开发区) is one fix, in yanglao.toml, and said once per sheet
                found = make(Code.UNIT_UNKNOWN, **loc, cell=township[1], row=row_of(township[1]), unit=place,
                             name=township[0], suggestion=unit_suggestion(township[0], config))
                # (its own words: it said 填报单位 of the 乡镇 cell; audit of messages)
                column = "乡镇" if fs.form.key == "F1" else "第一列"
                out.append(found.model_copy(update={"message": found.message.replace("填报单位“", f"{column}“", 1)}))
            return place, out
    if fs.form.key == "F4" and township and not config.is_unit(township[0]) \
            and not (line_unit and _TOWN_LIKE.search(township[0]) and not is_reporting_unit(township[0], config)):
        # 全市, 本乡镇, the city: 附件4's first column speaks only when it names a unit — or another township beside
        # a 填报单位 line naming one (汇龙镇 under 三星镇's line: the label was replaced unsaid, where a listed town
        # there is UNIT_CONFLICT, as on 附件1; blind audit of another county's month)
        township = None
    if fs.form.key == "F1" or township:
        if township and not config.is_unit(township[0]) and line_unit is None:
            # no 填报单位 line: the 乡镇 column comes next (SPEC), and it names a place not in the list
            name, cell = township
            found = make(Code.UNIT_UNKNOWN, **loc, cell=cell, row=row_of(cell), unit=name, name=name,
                         suggestion=unit_suggestion(name, config))
            # said of the column it is in, not of a 填报单位 left blank (audit of units)
            where = "乡镇列" if fs.form.key == "F1" else "第一列"
            out.append(found.model_copy(update={"message": found.message.replace(f"填报单位“{name}”",
                                                                                  f"{where}“{name}”", 1)}))
            return name, out
        if township:
            sources.append(("乡镇列" if fs.form.key == "F1" else "第一列", *township))
            if fs.form.key == "F4" and book_unit and one_set and config.is_unit(book_unit) and not ours() \
                    and book_unit not in {u for _, u, _ in sources}:
                # 附件4's first column 海复镇 beside the workbook's 附件1 of 王鲍镇: the workbook went to two towns
                # without a word (blind audit of layouts)
                sources.append(("同一工作簿的附件1", book_unit, ""))
    elif book_unit and line_unit is None:  # a sheet's own line naming a unit speaks for it (two towns in one book)
        if not config.is_unit(book_unit):
            return book_unit, out  # the workbook's 附件1 names a place not in the list (its UNIT_UNKNOWN is there)
        sources.append(("同一工作簿的附件1", book_unit, ""))
    elif book_unit and line_unit and book_unit != line_unit and one_set and config.is_unit(book_unit) and not ours():
        # one workbook of one set of forms whose 附件2 says 海复镇 beside an 附件1 of 王鲍镇 (a sheet copied from a
        # neighbour's file): read as its own line says (SPEC), but said — it passed without a word (blind audit)
        sources.append(("同一工作簿的附件1", book_unit, ""))
    if line_unit is None and not sources and fs.rows and not ours() and not config.names_several(fs.sheet) \
            and (tab := config.unit_named(fs.sheet)):
        # no 填报单位 line naming a unit, no 乡镇 column: a sheet named 惠萍镇 in a workbook of the towns' 附件2 side by
        # side says whose its rows are — before the file's name (各镇附件2.xlsx: UNIT_UNKNOWN though the tab said it)
        sources.append(("工作表名", tab, ""))
    if stem_unit:
        sources.append(("文件名", stem_unit, ""))
    elif line_unit and fs.rows and (place := config.place_in_name(stem)) and not config.match_unit(place).suggestion:
        # 江苏吕四海洋经济开发区_2022年6月.xlsx, 填报单位 吕四 (a neighbour's workbook copied, its line left): a place
        # not in the list names the file — its figures replaced 吕四港镇's own without a word (SPEC sweep). A
        # misspelling of a unit (王包镇_…, the file a township named before it put its line right) is not one.
        sources.append(("文件名", place, ""))
    if line_unit is None and not sources and book_lead and (
            not (shared := config.shared_by(line_text)) or book_lead in shared):
        # 附件2.xlsx, 填报单位 民政办: its 牵头排查单位 column, one unit throughout (惠萍镇民政办), says whose the
        # workbook is (workbook_lead); of a place two units share (东海 with 东海镇 and 东海街道), which one — not
        # another's (a neighbour's 惠萍镇民政办 left in took 汇龙民政办's forms without a word; audit of config)
        sources.append(("附件2的牵头排查单位", book_lead, ""))
    if line_unit is None and not sources and fs.title and fs.rows and len(named := config.units_in(fs.title)) == 1:
        # no 填报单位 line, the title says whose (汇龙镇养老服务诈骗…名单, …名单（汇龙镇）): it was UNIT_UNKNOWN saying
        # nothing in the sheet told the township (blind audit of county variants)
        sources.append(("标题", named[0], fs.title_ref))
    elif line_unit is None and sources and fs.title and fs.rows and not ours() and fs.form.key != "F1" \
            and len(named := config.units_in(fs.title)) == 1 and named[0] not in {u for _, u, _ in sources}:
        # 附件2 titled 海复镇…名单 in a workbook whose 附件1 says 王鲍镇: read as the 附件1 says (SPEC's order), but
        # said — the workbook was split between two towns without a word (blind audit of layouts). Against the file's
        # name alone the title decides, as the README says (岔河镇附件2.xlsx titled 马塘镇…: audit of a county)
        if all(label == "文件名" for label, _, _ in sources):
            sources.insert(0, ("标题", named[0], fs.title_ref))
        else:
            sources.append(("标题", named[0], fs.title_ref))
    if not sources and not fs.rows:
        return line_text or stem, out  # a blank form (a template): no rows to attribute, no unit to ask for
    if not sources and (not line_text or not config.names_a_place(line_text)) and (place := config.place_in_name(stem)):
        # 启东经济开发区_附件2.xlsx, 填报单位 blank or 民政办: the place its name gives, not in the list — the unit its
        # other files are under (it was a unit “启东经济开发区_附件2”, or “民政办”, of its own, and said the name gave
        # no place)
        cell = _sheet_unit_cell(fs)
        found = make(Code.UNIT_UNKNOWN, **loc, cell=cell, row=row_of(cell), unit=place, name=place,
                     suggestion=unit_suggestion(place, config))
        # the place is the file name's, not a 填报单位 written (audit of units)
        out.append(found.model_copy(update={"message": found.message.replace(
            f"填报单位“{place}”", f"填报单位没有写明区镇，文件名中的“{place}”", 1)}))
        return place, out
    if not sources:
        text = line_text or ""
        cell = _sheet_unit_cell(fs)
        shared = config.shared_by(text)
        advice = f"，是{'还是'.join(shared)}？文件名和表中也看不出，请写明区镇全称" if shared else \
            f"，没有写明是哪个区镇，文件名和表中也看不出，请写明区镇全称（如“{_example(config)}民政办”）" \
            if text and not config.names_a_place(text) else unit_suggestion(text, config)
        found = make(Code.UNIT_UNKNOWN, **loc, cell=cell, row=row_of(cell), unit=text or stem, name=text,
                     suggestion=advice)
        if not text:  # nothing written: no name to quote, nothing for the city to add to its list
            found = found.model_copy(update={"message": f"{NOTHING_WRITTEN}，文件名和表中也看不出是哪个区镇；"
                                                        f"请在本表“填报单位”后写明本区镇全称（如 {_example(config)}）"})
        out.append(found)
        return text or stem, out
    several_named = config.units_in(line_text) if line_unit else []
    if len(several_named) > 1:
        # a line naming two units (南阳镇、北新镇): went to the first without a word (audit of units). The one the
        # 乡镇 column or the file name also names, else the first; said either way
        agreed = next((u for _, u, _ in sources[1:] if u in several_named), sources[0][1])
        sources[0] = ("填报单位", agreed, fs.unit_ref)
        line_unit = agreed
        out.append(make(Code.UNIT_CONFLICT, **loc, cell=fs.unit_ref, row=row_of(fs.unit_ref), unit=agreed,
                        detail=f"填报单位“{line_text}”写了{len(several_named)}个单位（{'、'.join(several_named)}）",
                        chosen=agreed))
    chosen = sources[0][1]
    distinct = {u for _, u, _ in sources}
    if len(distinct) > 1:  # a line naming no place (民政办) disagrees with nothing: the other sources say the unit
        parts = [_named_by_path(fs.file, u, config) if label == "文件名" else f"{label}为“{u}”"
                 for label, u, _ in sources]
        if line_text and line_unit is None:
            parts.insert(0, f"填报单位为“{line_text}”")
        # at the cell that says another unit (the 乡镇 a clerk left from another township's form); where only the
        # file name does, at the 填报单位 line that was followed
        others = [u for _, u, _ in sources[1:]]
        # the 乡镇 and the file name agree: the 填报单位 line is the one left over
        line_left = line_unit is not None and len(others) >= 2 and len(set(others)) == 1
        if line_left:
            cell = fs.unit_ref
        else:
            cell = next((c for _, u, c in sources if u != chosen and c), "") or fs.unit_ref or \
                next((c for _, _, c in sources if c), "") or _sheet_unit_cell(fs)
        found = make(Code.UNIT_CONFLICT, **loc, cell=cell, row=row_of(cell), unit=chosen, detail="，".join(parts),
                     chosen=chosen)
        if line_left and config.is_unit(others[0]):
            # the line is the one left over (a neighbour's file copied): say which way each fix goes, not only
            # "统一" — a clerk renamed the file to the line's unit and the neighbour's figures stayed (blind audit)
            where = "、".join(label for label, _, _ in sources[1:])
            found = found.model_copy(update={"message": found.message.split("；请把")[0] + (
                f"；{where}都是“{others[0]}”：如是{others[0]}的报表，请把填报单位改为“{others[0]}”后重报；"
                f"如是{chosen}的，请改正{where}")})
        out.append(found)
    if fs.form.key in ("F1", "F4") and fs.rows and config.is_unit(chosen):
        strays = _rows_of_other_units(fs, config, chosen)
        if strays and not ours():  # asked last: it may open the file again (a consolidated workbook's rows name
            out.extend(strays)  # the townships below)
    return chosen, out


def _rows_of_other_units(fs: reader.FormSheet, config: Config, chosen: str) -> list[Finding]:
    """附件1/附件4 rows naming another configured unit (a 区 sending two towns' rows under one 填报单位): each is a
    UNIT_CONFLICT at its cell — the rows are read as the sheet's unit's, which a clerk must see (SPEC: a conflict
    between 填报单位 and the 乡镇 column is a finding)."""
    c = _place_column(fs)
    if c is None:
        return []
    named = [(r, fs.grid.text(r.row - 1, c)) for r in fs.rows]
    if len({t for _, t in named} - {""}) < 2:
        return []  # one place named throughout: _township_of's, judged as a source of the unit
    out: list[Finding] = []
    for r, text in named:
        other = config.match_unit(text).name if text else None
        if other and other != chosen:
            cell = reader.ref(r.row - 1, c)
            out.append(make(Code.UNIT_CONFLICT, file=fs.file, sheet=fs.sheet, cell=cell, row=r.row, unit=chosen,
                            detail=f"本表按“{chosen}”读取，第{r.row}行却是“{other}”的数据", chosen=chosen))
    return out


def unit_suggestion(text: str, config: Config) -> str:
    """UNIT_UNKNOWN's advice: the nearest configured unit, else to write the proper name — of the name without this
    level's own place before it (海门区三厂镇 was asked 是否为“海门街道”, by its 海门; blind audit of another county)."""
    said = ""
    for short in config.city_short if text else ():
        bare = re.sub(rf"^{re.escape(short)}(?:市|区|县)?", "", text.strip())
        if bare != text.strip() and len(bare) >= 2:
            m = config.match_unit(bare)
            said = m.name or m.suggestion or ""
            break
    if not said and text:
        said = config.match_unit(text).suggestion or ""
    return (f"，是否为“{said}”？" if said else "，请填写规范的单位名称") + unit_in_toml(config.reporting_unit)


def _example(config: Config) -> str:
    """A unit of the configured list, for the messages that show how to write one (汇龙镇 is no unit of 海门区)."""
    return config.unit_names[0] if config.unit_names else "汇龙镇"


# What may follow the reporting unit's name on its own workbook's 填报单位 line: its offices and sections
# (启东市 + 民政局, 南通市民政局 + 养老服务科), besides the office words config strips (民政办, 人民政府…).
_OWN_OFFICES = ("养老服务科", "养老服务处", "社会福利科", "社会福利处")


def is_reporting_unit(text: str, config: Config) -> bool:
    """The 填报单位 line of the reporting unit's own (consolidated) workbook: its name, alone or followed by
    office words. A unit named after it is that unit (reporting_unit 南通市: 南通市海门区民政局 is 海门区;
    如东县: 如东县掘港街道办事处 is 掘港街道), never the reporting unit's own workbook."""
    k, r = header_key_cached(text), header_key_cached(config.reporting_unit)  # (asked of every sheet)
    if r and not k.startswith(r):
        place = _bureau_place(r)  # 海门区 of 海门区民政局: the district's own name is the bureau's (blind audit)
        if place and len(place) >= 3 and k.startswith(place):
            r = place
    if not r or not k.startswith(r):
        return False
    rest = strip_decorations(k[len(r):])
    for word in _OWN_OFFICES:
        rest = rest.replace(word, "")
    return not rest


@functools.lru_cache(maxsize=8)
def _bureau_place(key: str) -> str:
    return strip_decorations(key)

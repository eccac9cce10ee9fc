"""Which of a unit's reports counts when it sent more than one: a correction sent again, a list split over two
files, last week's 附件4 beside this week's, the same file received twice — the README's 设计取舍 (同一单位的附件1
或附件4 收到不止一份…): the latest 填报日期, then a title or name saying correction, then the file's time."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import reader
from .annotate import ANNOTATED_STEM
from .findings import Code, Finding, col_index, make, said_also
from .models import Footer
from .parse import facilities_named
from .results import (
    CUMULATIVE_FORMS,
    LIST_FORMS,
    FileResult,
    FormResult,
    Source,
    first_cell,
    first_row,
    source_of,
)
from .rules.crossform import facility_key, variant_key

# SUBMISSION_SUPERSEDED of a list whose facilities the one that counts leaves out (check's verdict line says so)
LEFT_OUT_LATER = "不在后报的一份中，请核实是否确已不再列入"



# the part of a township a one-row form's row names in brackets (南阳镇（城区）): a place or a kind of facility, not a
# version (（更正）, （修正）, （初报）, （第二次）, （6月15日）: two versions were both counted; review)
_PART_OF = re.compile(r"[（(]([^（）()]{1,12})[）)]\s*$")
A_PART = re.compile(r"城区|农村|乡村|集镇|片区|[东西南北中]片|社区|村$|居委|园区|开发区|养老机构|未登记|场所|机构")
NOT_A_PART = re.compile(r"更正|修改|修正|修订|最终|终稿|第.版|补报|重报|[Vv]\d|盖章|汇总|合计|小计")


def _part_of(fr: FormResult) -> str:
    """The part a cumulative form's one row names (城区), "" where it names none: parts sent in two files are
    each counted."""
    if len(fr.records) != 1:
        return ""
    rec = fr.records[0]
    m = _PART_OF.search(getattr(rec, "township" if fr.key == "F1" else "label", "") or "")
    return m[1] if m and A_PART.search(m[1]) and not NOT_A_PART.search(m[1]) else ""


def latest_reports(results: list[FileResult], relation: Callable[[FormResult], int] = lambda fr: 0,
                   known: Callable[[str], bool] = lambda unit: True, renamed: dict[Source, str] | None = None,
                   replacing: set[Source] | None = None, corrected: set[Source] | None = None
                   ) -> tuple[frozenset[Source], list[Finding]]:
    """Where a unit's form came from more than one sheet, which are superseded by a later one: the latest
    填报日期 (and hour, where written), then the newest file, then the last in file order counts — this period's
    first (`relation`, period_relation): June's 附件4 of 29 June counts for June, not July's of 6 July beside it
    (it did, its July figures under June's title; blind audit), and June's 附件1–3 count for June, not the
    July report in the same inbox (it did, with its July list added to June's). A report of this period replaces
    any list of another one, shared facilities or not. Returns the reports (Source) left out and a
    SUBMISSION_SUPERSEDED finding for each; `corrected` gets those of a contested unit (UNIT_CONFLICT) that their
    own correction replaced (named so, our annotated copy put right and sent back): no neighbour's copy, their
    findings go with them."""
    sources: dict[tuple[str, str], list[tuple[Any, FileResult, FormResult]]] = {}  # (order, or when: below)
    for i, res in enumerate(results):
        for j, fr in enumerate(res.forms):
            if fr.key in CUMULATIVE_FORMS + LIST_FORMS and fr.records:
                sources.setdefault((fr.unit, fr.key), []).append((i * 1000 + j, res, fr))
    left_out: set[Source] = set()
    findings: list[Finding] = []
    for place, sent in sources.items():
        key = place[1]
        if len(sent) < 2:
            continue  # (most: one report of the form; nothing to order)
        if any(fr.combined for _, _, fr in sent) and not all(fr.combined for _, _, fr in sent):
            # 附件2's columns copied beside an 附件3 sent in another file than the unit's own 附件2 (reader._combined):
            # the 附件2 sent as one counts — unless the joined table is dated after it and lists all of it and
            # more, a later report of the whole list, which replaces an earlier one as any would (review). An 附件3
            # dated later with 类别 and 等级 copied beside it replaced the list, a facility it left out lost unsaid
            own_res, own = max(((res, fr) for _, res, fr in sent if not fr.combined),
                               key=lambda item: item[1].footer.date or dt.date.min)
            own_names = frozenset(facility_key(rec.name) for rec in own.records) if key in LIST_FORMS else None
            aside = [(res, fr) for _, res, fr in sent if fr.combined and not (
                fr.footer.date and own.footer.date and fr.footer.date > own.footer.date
                and (own_names is None or frozenset(facility_key(rec.name) for rec in fr.records) > own_names))]
            for res, fr in aside:
                left_out.add(source_of(res, fr))
                other = f"附件{reader.JOINED[key][1]}"
                findings.append(_superseded(res, fr, own_res, own, len(sent), "").model_copy(update={"message": (
                    f"本表是{other}，其中抄有附件{key[1]}的各列；{fr.unit}另有单独报送的附件{key[1]}"
                    f"（{own_res.display}!{own.sheet}），以它为准，本表这些列的{len(fr.records)}行未计入汇总")}))
            sources[place] = sent = [item for item in sent if not any(item[2] is fr for _, fr in aside)]
            if len(sent) < 2:
                continue
        # a sheet named as a correction counts within its file only (after the file's time): 附件2 (2) in two
        # files of one report is no correction of either (review)
        # (copies of one file: one time, the earliest, so that their order read decides)
        same = {res.digest: min(r.mtime for _, r, _ in sent if r.digest == res.digest) for _, res, _ in sent
                if res.digest}
        made = _generations([res for _, res, _ in sent])
        times = _report_times([(res, fr) for _, res, fr in sent], {id(res): same.get(res.digest, res.mtime)
                                                                   for _, res, _ in sent})
        items = [((fr.footer.date or fr.sent or dt.date.min, fr.footer.time, made.get(id(res), 0), file_version(res),
                   times[id(res)], _revised(fr.sheet), first_row(fr), order), res, fr)
                 for order, res, fr in sent]
        other_period = {id(fr) for _, _, fr in items if relation(fr)}
        items.sort(key=functools.cmp_to_key(functools.partial(_earlier_in, other_period)))
        sources[place] = items  # (in this order for the empty lists below too)
        for n, (_, res, fr) in enumerate(items[:-1]):
            # another period's report, replaced by this period's whatever it lists
            outdated = id(fr) in other_period
            # two lists in one workbook add up (a list split over sheets), unless the later one is dated later:
            # last month's 附件2 left beside this month's is replaced as it would be in a file of its own
            mine = frozenset(facility_key(rec.name) for rec in fr.records) - {""} if key in LIST_FORMS \
                else frozenset()
            later = [(r, f) for _, r, f in items[n + 1:] if r.display != res.display or key in CUMULATIVE_FORMS
                     or ((first_sent := fr.footer.date or fr.sent) is not None
                         and (then_sent := f.footer.date or f.sent) is not None and then_sent > first_sent)
                     or (outdated and id(f) not in other_period)
                     or _copy_after(fr, f) and r.display == res.display  # 附件2 beside 附件2（修改）
                     or r.display == res.display and _after_on_sheet(fr, f)  # a corrected list pasted under the
                     # first, or beside it; a copy of the sheet, whatever it is named (Sheet1)
                     or mine and fr.sheet != f.sheet and _same_list(mine, fr, f)]
            if key in LIST_FORMS:
                # a resubmission carries a later 填报日期 and repeats the list: at least half of the earlier
                # list, and half of the later one unless it holds the whole earlier list (a facility added)
                later = [(r, f) for r, f in later if (outdated and id(f) not in other_period)
                         # a neighbour's copy (its unit contested) does not add to the unit's own list, not contested:
                         # 城西街道's facilities went onto 城东街道's 附件2 under its copied 填报单位 line, and came back
                         # next month as 城东街道's FACILITY_DROPPED (blind audit of another city)
                         or fr.contested and not f.contested and r.display != res.display
                         # a city's consolidated workbook sent again: its lists are the whole city's, never a part —
                         # merged, every facility of it was DUPLICATE_FACILITY (audit of the levels)
                         or res.consolidated and r.consolidated and r.display != res.display
                         # the file's correction by its name (汇龙镇（更正）, the annotated copy sent back): the green
                         # facilities its comments said to delete, deleted, came back merged (audit of the loop)
                         or _corrects(r.display, res.display) or _folder_correction(r, res)
                         or _whole_correction(res, fr, r, f)
                         or _replaces(mine, f, _whole_report(res, r, fr.unit))
                         and (_later_report(fr, f, r, res)
                              or r.display == res.display and _after_on_sheet(fr, f)
                              or _same_list(mine, fr, f))
                         # a sheet copy named as a correction (附件2（修改）) replaces the list it half repeats; one
                         # named only by its number, as Excel names a copy (附件2 (2)), must repeat (nearly) the
                         # whole list — one continuing a short list with a repeat is no correction (review)
                         or r.display == res.display and _copy_after(fr, f) and (
                             _holds_most(mine, f) if _COPY_ONLY.search(f.sheet) else _replaces(mine, f))]
            if key in CUMULATIVE_FORMS and (part := _part_of(fr)):
                # 南阳镇（城区） and 南阳镇（农村） in two files: parts of the township, each counted, not two
                # versions of one row (the 城区 part's figures were dropped; audit of the levels)
                later = [(r, f) for r, f in later if r.display == res.display or _part_of(f) in ("", part)]
            if not later:
                continue
            newest_res, newest = later[-1]
            left_out.add(source_of(res, fr))
            titled = _unit_revised(newest_res, newest.unit) and not _unit_revised(res, fr.unit)
            # a report under a contested unit put right by its own correction (南阳镇/附件1.xlsx, 乡镇 北新镇, and its
            # annotated copy sent back with 南阳镇): corrected, not a neighbour's copy — its UNIT_CONFLICT and errors
            # were listed beside the correction, exit 1 (blind audit of the annotate loop)
            # (by its name or our copy's sheet only: of two same-named files, either may be the later)
            # (our copy of a file of its folder or one below: 报表.xlsx is every folder's name — 北新镇/报表.xlsx's copy
            # made 惠萍镇/报表.xlsx, a neighbour's copy under 北新镇's line, its own correction; review)
            by_own = fr.contested and not newest.contested and (
                named_correction(newest_res, res) > 0 or _made_from(newest_res, [res]) is res
                and _within(newest_res, res))
            if by_own and corrected is not None:
                corrected.add(source_of(res, fr))
            rule = ("所在文件夹名表明是其更正版" if _folder_correction(newest_res, res) else "文件名表明是其更正版") \
                if _dated_before(newest, fr) and named_correction(newest_res, res) > 0 \
                else _rule(fr, newest, outdated and id(newest) not in other_period,
                           file_version(newest_res) > file_version(res) or titled,
                           newest_res.returned and not res.returned,
                           file_version(res) == 0 and file_version(newest_res) == 1,
                           "标题" if titled and file_version(newest_res) <= file_version(res)
                           else _named_in(newest_res), by_own)
            # (two files: sheets of one workbook share its digest; review)
            same_bytes = bool(res.digest) and res.digest == newest_res.digest and res.display != newest_res.display
            if same_bytes and "更正版" in rule and _copy_stem(newest_res.display) == _copy_stem(res.display):
                rule = "同日后报"  # 北新镇 (2).xlsx, a download's second copy: no correction, one file twice (review)
            # (…or saved again as it was, as .xlsx by another program: cell for cell the same — it said 同日后报, as if
            # a correction had come; audit of the send-back loop)
            if rule in ("同日后报", "后报") and (same_bytes or _same_report(res, newest_res, fr.unit)):
                rule = "内容完全相同（同一文件重复收到）"  # (by mail and by chat: neither came later; audit of status)
                same_bytes = False
            found = _superseded(res, fr, newest_res, newest, len(items), rule)
            if replacing is not None:  # (the report that counts instead: status pardons a correction so found)
                replacing.add(source_of(newest_res, newest))
            if same_bytes and "更正版" in rule:
                # a "correction" byte for byte the file it corrects: the township most likely attached the old
                # file again — said, not passed as corrected (review of the supersession rules)
                found = found.model_copy(update={"message": found.message.rstrip("。") + (
                    "。两份文件内容完全相同：对方若是要发更正版，可能发错了文件，请核实。")})
            findings.append(found)
    # a report under a unit not in the list (填报单位 王包镇人民政府, UNIT_UNKNOWN) and its correction named so (王鲍（更正）,
    # the annotated copy returned) with the unit put right: the township counted twice, once as 王包镇, and the
    # UNIT_UNKNOWN kept at exit 1 (audit of the send-back loop). The correction stands for it.
    corrections: dict[str, list[FileResult]] | None = None  # (made when first needed: most inboxes never do)
    for res in results:
        for fr in res.forms:
            # (…or under a neighbour's 填报单位 left in, UNIT_CONFLICT, its correction signed by its own: the
            # neighbour, which sent nothing, was counted as having sent 附件1–3; blind audit of file names)
            # (one left out already, a neighbour's copy beside the unit's own report, may still have its own
            # correction under its own unit: its findings go with it; review)
            gone = source_of(res, fr) in left_out
            if fr.key not in CUMULATIVE_FORMS + LIST_FORMS or not fr.records or known(fr.unit) and not fr.contested \
                    or gone and not fr.contested:
                continue
            if corrections is None:
                corrections = _corrections_by_name(results)
            newer = [(r, f) for r in corrections.get(_name_base(Path(res.display).stem), ())
                     if r is not res and _corrects(r.display, res.display)
                     for f in r.forms if f.key == fr.key and f.records and known(f.unit) and f.unit != fr.unit]
            if fr.contested:
                # a neighbour's copy's own correction: in its folder (or below), not contested itself, and of the unit
                # its own file's or folder's name gives — not any folder's 报表（更正）, nor another township's report
                # so named (its findings went, or it was renamed that township's; review)
                here = Path(res.display)
                newer = [(r, f) for r, f in newer if _within(r, res) and not f.contested
                         and (_names_unit(here.stem, f.unit) or _names_unit(here.parent.name, f.unit))]
            if newer and gone:
                if corrected is not None:
                    corrected.add(source_of(res, fr))
            elif newer:
                left_out.add(source_of(res, fr))
                fixed_res, fixed = newer[-1]
                findings.append(_superseded(res, fr, fixed_res, fixed, 2, f"文件名表明是其更正版（填报单位改为{fixed.unit}）"))
                if replacing is not None:
                    replacing.add(source_of(fixed_res, fixed))
                if renamed is not None:
                    renamed[source_of(res, fr)] = fixed.unit
                if corrected is not None:  # (put right as UNIT_CONFLICT asked: its findings go with it; review)
                    corrected.add(source_of(res, fr))
    # a list of this period reported empty (无, or no row under a dated footer or a title stating the month)
    # replaces another period's list as a list would: May's five facilities beside June's 无 were consolidated as
    # June's (blind audit of layouts)
    for res in results:
        # (a blank template sent back, its title stating the month, is no report: a date, or a form filled beside)
        filled = any(fr.records or fr.footer.date for fr in res.forms)
        for fr in res.forms:
            if fr.key not in LIST_FORMS or fr.records:
                continue
            items = sources.get((fr.unit, fr.key), [])
            # a correction named so (惠萍镇（更正）) whose list says 无 replaces its original's list, as the whole file
            # does: the facilities it withdrew were consolidated (blind audit of an inbox)
            if filled and file_version(res) > 1:
                for _, old_res, old in items:
                    if old_res is not res and source_of(old_res, old) not in left_out and \
                            _corrects(res.display, old_res.display):
                        left_out.add(source_of(old_res, old))
                        findings.append(_superseded(old_res, old, res, fr, len(items) + 1, "文件名表明是其更正版"))
            if relation(fr) or not (fr.footer.date or fr.month and filled):
                continue
            for _, old_res, old in items:
                if relation(old) and source_of(old_res, old) not in left_out:
                    left_out.add(source_of(old_res, old))
                    findings.append(_superseded(old_res, old, res, fr, len(items) + 1, _rule(old, fr, True)))
    return frozenset(left_out), findings


def _rule(fr: FormResult, newest: FormResult, this_period: bool, by_name: bool = False, returned: bool = False,
          draft: bool = False, named_in: str = "文件名", own: bool = False) -> str:
    """Why `newest` counts instead of `fr`, as SUBMISSION_SUPERSEDED says it: by its 填报日期 only where the two
    dates differ (one date, the correction was told by its name, its place or the file's time; audit of periods).
    `by_name`: of one date, the file's name says it is the later version (第二版 saved before the first: 同日后报
    was said of it, the clerk comparing the files' times puzzled; blind audit of periods). `own`: `fr`'s own
    correction replaces it, its unit contested or not."""
    if fr.contested and not newest.contested and not own:
        return "填报单位、乡镇列与文件名一致"
    if this_period:
        return "本期内填报日期最新" if newest.footer.date is not None and newest.footer.date != fr.footer.date else "本期"
    if newest.footer.date is not None and newest.footer.date != fr.footer.date:
        return "填报日期最新"
    if by_name and returned:
        # our annotated copy put right and sent back, renamed (南阳镇6月报表.xlsx): told by its 校验结果 sheet, not
        # its name (blind audit of the send-back loop)
        return "同日、是标注副本（寄回或另存的）" if newest.footer.date is not None else "是标注副本（寄回或另存的）"
    if by_name and draft:
        # (寅阳镇_6月_初稿 beside 寅阳镇_6月: the reason is the draft's name, not a correction's; audit of periods)
        return "同日、文件名未标为初稿或修改前" if newest.footer.date is not None else "文件名未标为初稿或修改前"
    if by_name:
        return f"同日、{named_in}表明是更正版" if newest.footer.date is not None else f"{named_in}表明是更正版"
    return "同日后报" if newest.footer.date is not None else "后报"


def _superseded(res: FileResult, fr: FormResult, newest_res: FileResult, newest: FormResult, count: int, rule: str
                ) -> Finding:
    """SUBMISSION_SUPERSEDED of `fr`, at its first row, naming the report that counts instead."""
    cell = first_cell(fr)
    # on the same sheet (a corrected list below the first): where the other one begins
    at = f"（{first_cell(newest)}起）" if newest.records and first_cell(newest) and \
        (newest_res.display, newest.sheet) == (res.display, fr.sheet) else ""
    newer = f"{newest_res.display}!{newest.sheet}{at}" + (f"，填报日期{_when(newest.footer)}" if newest.footer.date
                                                          else "") + ("，本期没有名单" if not newest.records else "")
    found = make(Code.SUBMISSION_SUPERSEDED, file=res.display, sheet=fr.sheet, cell=cell, row=fr.records[0].row,
                 unit=fr.unit, form=f"附件{fr.key[1]}", count=count, newer=newer, rule=rule, rows=len(fr.records),
                 # (the month it states also beside a date: a sheet 附件2（5月） copied and its date left said none)
                 date=(_when(fr.footer) if fr.footer.date else "未填") + (
                     f"，所报为{fr.month[:4]}年{int(fr.month[5:])}月" if fr.month and fr.month != newest.month else ""))
    if fr.key in ("F2", "F3") and newest.records:
        # the facilities the list that counts leaves out, by name: a correction dropping one said only 5行未计入
        # (audit of a province's day) — whether it was meant to go, the clerk can now ask
        # (as the lists pair them: 汇龙镇X and X（新增） are X — named as gone, they were not; review)
        kept = {k for r in newest.records for k in (facility_key(r.name), variant_key(r.name, fr.unit)) if k}
        gone = list(dict.fromkeys(r.name for r in fr.records if facility_key(r.name)
                                  and not {facility_key(r.name), variant_key(r.name, fr.unit)} & kept
                                  # (康乐养老院、福寿养老院 listed a row each in the resend: not gone; audit)
                                  and not ((parts := facilities_named(r.name))
                                           and all(facility_key(p) in kept for p in parts))))
        if gone:
            more = f"等{len(gone)}家" if len(gone) > 5 else ""
            found = said_also(found, f"；其中{'、'.join(gone[:5])}{more}{LEFT_OUT_LATER}")
    return found


_COPY_SUFFIX = re.compile(r"(?:\s*[(（]\d{1,2}[)）]|\s*[-_－]?\s*副本(?:\s*[(（]\d{1,2}[)）])?|\s*-\s*[Cc]opy(?:\s*\(\d{1,2}\))?)+$")


def _copy_stem(display: str) -> str:
    """A file's name without the suffix a download or a copy adds (北新镇 (2), 北新镇 - 副本): one file twice."""
    return _COPY_SUFFIX.sub("", Path(display).stem)


def _when(footer: Footer) -> str:
    return footer.date.isoformat() + (f" {footer.time:%H:%M}" if footer.time else "") if footer.date else ""


# A file named as a correction: 汇龙镇（修改后）.xlsx, 附件2更正版, 最终版, 第二版, v2, (2)
# (校验标注: the copy `check --annotate` sent back, corrected and returned by the township — beside the original
# in the inbox it is the correction; untouched, find_files leaves it out)
# (v1, V1.0 and (1) — the first version, a download's copy — are no correction: an original so named replaced the
# township's correction sent the same day; audit of a clerk's month)
# (改 alone, as clerks shorten 修改: 汇龙镇-改, 汇龙镇（改）, 汇龙镇改后 — not 整改, 待改, 改革; audit of the loop)
# (…nor a name saying one is to come: 待修改, 退回改, 应改, 请更正 — the original kept so was taken for the correction;
# review)
# (退回修改后, 退回重报, 已相应修改: made after the return — corrections; 退回修改, 应修改 bare: _UNREVISED; review)
_NOT_YET = "(?<![整待未需要用须不无没请该拟将别勿必])"
_REVISED = re.compile(_NOT_YET + r"(?:更正|修正|修改|修订|重报)|最终|终版|终稿|定稿|新版|第[二三四2-9]版"
                      r"|[vV](?:[2-9]|[1-9]\d)(?!\d)|[(（](?:[2-9]|[1-9]\d)[)）]|校验标注"
                      r"|" + _NOT_YET + r"(?<![修更回应])(?:已|重新|更)?改(?:后|好|正|过)?(?:版|稿)?"
                      r"(?=$|[)）\]】_\-－—\s.])")
# (再修改 is a second correction; 需再修改, 请再改 one still to come; review)
_UNREVISED = re.compile(r"(?:更正|修改|修订)前|原表|原稿|备份|底稿|旧版|作废|未定稿")
# words saying a correction was asked for (退回修改, 应修改): no correction by themselves, nor the version before one —
# the rest of the name decides (退回修改完成, （退回修改）终稿, 对应修改 are corrections; review)
_PENDING = re.compile(r"(?:退回|打回|(?<![相对响照])应)(?:修改|更正|修订|修正)(?![后版稿好过完了的毕成\d\-_－—(（])"
                      r"|(?:需|要|请|待|应|该|拟|将)再(?:修改|更正|修订|修正|改)")
# a name saying the file is a draft: of one date, the other file is the report (初稿 beside 汇龙镇.xlsx)
_DRAFT = re.compile(r"初稿|草稿|征求意见稿|试填")


def _earlier_in(other_period: set[int], x: tuple[Any, ...], y: tuple[Any, ...]) -> int:
    """_earlier, a report of another period (its form in `other_period`) ranked before any of this period's, and
    one whose unit is contested (UNIT_CONFLICT) before one whose is not: a neighbour's file copied with its 填报单位
    line left (乡镇 and file name say 惠萍镇) replaced 北新镇's own 附件1/附件4 by its later date (blind audit)."""
    return (id(y[2]) in other_period) - (id(x[2]) in other_period) or y[2].contested - x[2].contested \
        or named_correction(x[1], y[1]) or _earlier(x[0], y[0])


def _dated_before(a: FormResult, b: FormResult) -> bool:
    return a.footer.date is not None and b.footer.date is not None and a.footer.date < b.footer.date


def named_correction(x: FileResult, y: FileResult) -> int:
    """1 where x's file is named as the correction of y's (王鲍（更正）of 王鲍) in the same folder, -1 the other way,
    else 0: it comes after it whatever its 填报日期 — a township putting right a 填报日期 typed late (SUBMISSION_LATE
    asks it to) sends a correction dated earlier, and the original replaced it, the lists half merged (audit of
    three levels). Not across folders: week 1's 惠萍镇附件4（更正） in 0608/ is no correction of week 2's 0615/惠萍镇附件4
    (review: it replaced the latest cumulative figures)."""
    if x is y:
        return 0
    if Path(x.display).parent != Path(y.display).parent:
        # the same file's name put in a folder saying so (更正/汇龙镇.xlsx of 6月/汇龙镇.xlsx): as a name saying so,
        # whatever its date (README; a correction dated earlier lost to its original there: audit of supersession)
        return _folder_correction(x, y) - _folder_correction(y, x)
    return 1 if _corrects(x.display, y.display) else -1 if _corrects(y.display, x.display) else 0


def _folder_correction(x: FileResult, y: FileResult) -> int:
    """1 where x is y's file name in a folder saying it is the correction, inside y's own folder (6月/更正/汇龙镇.xlsx
    of 6月/汇龙镇.xlsx), and y's folder says nothing of it. Not a 更正/ beside dated folders: week 1's correction there
    replaced the later weeks' figures, whatever their dates (reviews) — it is ranked by its date as any report."""
    px, py = Path(x.display), Path(y.display)
    return int(px.stem.casefold() == py.stem.casefold() and px.parent.parent == py.parent
               and _version(px.stem) == 1 and file_version(x) == 2 and not x.returned and file_version(y) == 1)


def _earlier(a: tuple[Any, ...], b: tuple[Any, ...]) -> int:
    """Which of two reports of one unit's form came first: the 填报日期; on one day the hour written, where both
    have one (09:00 before 16:00); then a file named as a correction, the file's time as _report_times raises it,
    the order read."""
    if a[0] != b[0]:
        return -1 if a[0] < b[0] else 1
    if a[1] is not None and b[1] is not None and a[1] != b[1]:
        return -1 if a[1] < b[1] else 1
    rest_a, rest_b = a[2:], b[2:]
    return 0 if rest_a == rest_b else -1 if rest_a < rest_b else 1


def _report_times(entries: list[tuple[FileResult, FormResult]], times: dict[int, float]
                  ) -> dict[int, tuple[float, float]]:
    """id of each file -> its time, raised just above the time of every file it is the later report of
    (_later_file: its titles say （更正）, or the other forms both hold are dated later), so that one order — a key,
    not a comparison of pairs, which went round in a circle (a titled correction over the original downloaded again,
    an 附件4 sent alone between them by time: the result hung on the folders' names; review) — ranks a report after
    the one it replaces whatever the files' times (download times), and an 附件4 sent alone by its time against it."""
    files = {id(res): (res, fr) for res, fr in entries}
    if len(files) < 2:
        return {i: (t, t) for i, t in times.items()}

    def dated(fr: FormResult) -> tuple[Any, Any]:
        return fr.footer.date or fr.sent, fr.footer.time

    # (only reports of this form's date and hour: the time breaks ties among those alone — June's workbook raised
    # above last month's report left in the inbox beat June's 附件4 sent alone after it; review)
    later = {i: [j for j in files if j != i and dated(files[j][1]) == dated(files[i][1])
                 and _later_file(files[j][0], files[i][0], files[i][1]) == -1] for i in files}
    out: dict[int, float] = {}

    def time_of(i: int, path: frozenset[int]) -> float:
        if i in out:
            return out[i]
        below = [time_of(j, path | {i}) for j in later[i] if j not in path]  # (a circle of titles and dates: cut)
        t = max([times[i], *(b + 1e-3 for b in below)])
        out[i] = t
        return t

    for i in files:
        time_of(i, frozenset())
    # (…and its own time after it: two corrections of one original, raised alike, went by the order read; review)
    return {i: (out.get(i, t), t) for i, t in times.items()}


def _later_file(x: FileResult, y: FileResult, fr: FormResult) -> int:
    """-1 where y's titles say it is the correction and x's do not, or y's forms of `fr`'s unit other than its own are
    dated later than x's (each form both files hold, none earlier); 1 the other way, else 0. A workbook sent again
    whole, its 附件1–3 dated later and its 附件4 dated as before (a township's or a county's cumulative figures keep
    their date), is the later report — its 附件4 was the earlier file's by the files' times (download times), a
    town's corrected figures lost (audit of the levels). Only between files holding other forms in common."""
    def dates(res: FileResult) -> dict[str, dt.date]:
        return {f.key: d for f in res.forms if f.unit == fr.unit and f.key != fr.key and (d := f.footer.date or f.sent)}
    if x is y:
        return 0
    a, b = dates(x), dates(y)
    if not a.keys() & b.keys():
        return 0  # (附件4 sent alone after the workbook: the files' times decide, whatever the workbook's titles; review)
    # titles saying （更正） are the correction whatever the files' times, as a file's name saying so is (README;
    # the original, saved later, replaced it: audit of the rules of supersession)
    if (rx := _unit_revised(x, fr.unit)) != _unit_revised(y, fr.unit):
        return 1 if rx else -1
    signs = {(a[k] > b[k]) - (a[k] < b[k]) for k in a.keys() & b.keys()} - {0}
    return signs.pop() if len(signs) == 1 else 0


# a title saying its form is a correction: …名单（2022年6月）（更正）, （修改后）, 更正版
_TITLE_REVISED = re.compile(r"[(（【\[]\s*(?:更正|修正|重报|修改后|修订后)(?:版|稿)?\s*[)）】\]]|(?:更正|修正)版\s*$")


def title_revised(title: str) -> bool:
    """A form's title saying it is the correction — not 非更正版, nor a draft's or a void one's (（更正）（作废）,
    （初稿）; review)."""
    return _TITLE_REVISED.search(title) is not None and _TITLE_NOT_REVISED.search(title) is None \
        and _UNREVISED.search(title) is None and _DRAFT.search(title) is None


_TITLE_NOT_REVISED = re.compile(r"(?:非|不是|未|无需|不需|不必)(?:更正|修正|修改)")


def _unit_revised(res: FileResult, unit: str) -> bool:
    """Any of the file's forms of `unit` titled as the correction: the file is (its 附件3 titled so alone replaced
    the first's 附件3 while its 附件2 was added to the first's — a false DISPOSAL_MISSING; review)."""
    return any(fr.revised for fr in res.forms if fr.unit == unit)


def _later_report(earlier: FormResult, later: FormResult, later_res: FileResult, earlier_res: FileResult) -> bool:
    """A later report of a list: a later 填报日期, or, the dates being the same or missing, a file named as a
    correction (or our copy sent back), or the other named as a draft (files are ordered by date, then file time).
    Without either, two lists of one date that share facilities are DUPLICATE_FACILITY. A list left undated is dated
    by its workbook (FormResult.sent)."""
    a, b = earlier.footer.date or earlier.sent, later.footer.date or later.sent
    if a is not None and b is not None and b != a:
        return b > a
    ta, tb = earlier.footer.time, later.footer.time
    if a is not None and a == b and ta is not None and tb is not None and ta != tb:
        return tb > ta  # one day's 09:00 list corrected at 16:00
    if later_res.display == earlier_res.display:
        # two sheets of one file: its name says nothing of which is later — our copy (…_校验标注) of a list continued
        # on 附件2 (2) was read as a correction, a red facility lost (blind audit of leftovers)
        return False
    if Path(later_res.display).stem.casefold() == Path(earlier_res.display).stem.casefold():
        # one file's name sent twice (as .xls, then as .xlsx; by mail, then by chat): the later file is the report,
        # as for 附件1 and 附件4 — its lists were added to the earlier's, each facility DUPLICATE_FACILITY and the
        # errors it put right still said (audit of formats)
        return True
    # (our copy of a file put right and renamed, beside that file — itself a returned copy: its correction; the
    # two lists were added up, every facility DUPLICATE_FACILITY; audit of the send-back loop)
    # (a file whose titles say （更正）, sent the same day: its 附件1/附件4 replaced the first's while its lists were
    # added to the first's, every facility DUPLICATE_FACILITY; audit of resends)
    return _revised(Path(later_res.display).stem) or file_version(earlier_res) < file_version(later_res) \
        or _made_from(later_res, [earlier_res]) is earlier_res \
        or _unit_revised(later_res, later.unit) and not _unit_revised(earlier_res, earlier.unit)


def _made_from(res: FileResult, others: list[FileResult]) -> FileResult | None:
    """The file our copy that `res` was made of was made from (its 校验结果 sheet names our copy): by that copy's
    name, else by the name it was made of, without what marks a copy or a correction."""
    if not res.copy_of:
        return None
    exact = next((r for r in others if r is not res and Path(r.display).name == res.copy_of), None)
    if exact is not None:
        return exact
    base = _name_base(Path(res.copy_of).stem)
    return next((r for r in others if r is not res and base and _name_base(Path(r.display).stem) == base), None)


def _generations(files: list[FileResult]) -> dict[int, int]:
    """id of each file -> how many rounds of our copies it is from a file with none (0): a township's round-3 file
    made from our copy of its round-2 file is after that one whatever the times and names (the round-2 file was kept,
    a fixed error back, or its list added to the round-3 one; audit of the send-back loop)."""
    out: dict[int, int] = {}
    for res in files:
        n, at, seen = 0, res, set()
        while (parent := _made_from(at, files)) is not None and id(parent) not in seen and n < 16:
            seen.add(id(at))
            n, at = n + 1, parent
        out[id(res)] = n + (1 if at.copy_of else 0)  # (the first file of the chain a copy too, its original elsewhere)
    return out


def file_version(res: FileResult) -> int:
    """_version of a file's name; 2 for our annotated copy sent back (FileResult.returned), whatever its name."""
    if res.returned:
        return 2
    path = Path(res.display)
    # a resend put in a folder named so (更正/北新镇.xlsx beside 6月/北新镇.xlsx, one 填报日期): the correction too —
    # its lists were added to the original's, each facility DUPLICATE_FACILITY (blind audit of the send-back loop)
    # (only words that say so: 待修改/, 退回修改/, 6月报表(2)/ hold the originals sent back or a download's copy —
    # their older files beat the resend; review)
    if (v := _version(path.stem)) != 1 or not (folder := path.parent.name):
        return v
    if _FOLDER_REVISED.search(folder) and not _UNREVISED.search(folder):
        return 2
    return 0 if _DRAFT.search(folder) else 1


_FOLDER_REVISED = re.compile(r"(?<![待需要回未])(?:更正|修正|重报|修改后|修订后)")


def _named_in(res: FileResult) -> str:
    """What names `res` the correction: its file's name, or the folder it was put in (更正/北新镇.xlsx)."""
    return "文件名" if res.returned or _version(Path(res.display).stem) != 1 else "所在文件夹名"


def _version(name: str) -> int:
    """0 for a name saying it is a draft or the version before a correction (初稿, 修改前, 备份), 2 for one saying
    it is the correction or the final (更正, 终稿), 1 for the rest: of one date, the higher is the later report."""
    if _revised(name):
        return 2
    return 0 if _DRAFT.search(name) or _UNREVISED.search(name) else 1


_MARKED = re.compile(r"[\s_\-－—]*[(（\[【〔「《]?\s*(?:退回|打回|已相应|相应|对应|响应|已经|已|再)?(?:" + _REVISED.pattern
                     + r")(?:后|版|稿)?\s*[)）\]】〕」》]?")


def _name_base(stem: str) -> str:
    """A file's name without what says it is a correction or an annotated copy: 王鲍（更正）, 王鲍_校验标注 → 王鲍."""
    return _MARKED.sub("", ANNOTATED_STEM.sub("", stem)).strip(" ._-")


def _corrects(later: str, earlier: str) -> bool:
    """The file `later` is named as the correction of `earlier`: the same name with 更正/修改/(2)… (王鲍（更正）of
    王鲍), or the annotated copy of it sent back (王包镇_王鲍_校验标注, its unit put before the name)."""
    a, b = Path(later).stem, Path(earlier).stem
    if _version(a) <= _version(b):
        return False
    base, mine = _name_base(b), _name_base(a)
    return bool(base) and (mine == base or ANNOTATED_STEM.search(a) is not None and mine.endswith("_" + base))


def corrected_by_name(results: list[FileResult]) -> frozenset[int]:
    """id of each file a file named as its correction (王鲍镇（更正）of 王鲍镇, our copy sent back) stands beside."""
    corrections = _corrections_by_name(results)
    if not corrections:
        return frozenset()
    return frozenset(id(res) for res in results if any(
        named_correction(r, res) > 0 for r in corrections.get(_name_base(Path(res.display).stem), ())))


def _corrections_by_name(results: list[FileResult]) -> dict[str, list[FileResult]]:
    """The files named as corrections, by the name of the file each may correct (an annotated copy's also by what
    follows each _ of it: the unit put before the original's name): looked up, not compared with every file."""
    out: dict[str, list[FileResult]] = {}
    for r in results:
        stem = Path(r.display).stem
        if _version(stem) < 2:
            continue
        base = _name_base(stem)
        keys = {base} | ({base[i + 1:] for i, ch in enumerate(base) if ch == "_"} if ANNOTATED_STEM.search(stem) else set())
        for k in keys:
            out.setdefault(k, []).append(r)
    return out


def _revised(name: str) -> bool:
    """A file's or sheet's name saying it is a correction (更正, 修改, (2) as Excel names a copied sheet), not the
    version before one (修改前, 原表, 备份), nor only that one was asked for (退回修改)."""
    return _REVISED.search(_PENDING.sub("", name)) is not None and _UNREVISED.search(name) is None


def _after_on_sheet(earlier: FormResult, later: FormResult) -> bool:
    """`later` a list under its own title after `earlier` on the same sheet — pasted under it, or set beside it —
    dated no earlier (a corrected list below the first, one 填报日期 on both: the lower one is the later; review of
    stacked lists; a copy beside the first was counted with it: fuzz audit)."""
    a, b = earlier.footer.date, later.footer.date
    # with a title of its own: a list running on to a second page under a repeated header is one list (review)
    return later.titled and later.sheet == earlier.sheet and first_row(earlier) > 0 and \
        (first_row(later), _first_column(later)) > (first_row(earlier), _first_column(earlier)) and \
        (a is None or b is None or b >= a)


def _first_column(fr: FormResult) -> int:
    """The column (1 = A) of the first record's name, 0 when unknown."""
    if not fr.records:
        return 0
    rec = fr.records[0]
    cell = next((c for c in (rec.cell(f) for f in ("name", "township", "label")) if c), "")
    return col_index(cell)


def _same_list(mine: frozenset[str], earlier: FormResult, later: FormResult) -> bool:
    """The same list of the same date in another file or sheet, cell for cell: a copy sent twice (by mail and by
    WeChat, or the .xls and the .xlsx the clerk saved beside it, or the sheet copied to Sheet1), counted once. A
    draft and a final of one date that differ in any cell are two reports (DUPLICATE_FACILITY), unless the later
    one is named as a correction."""
    return earlier.footer.date == later.footer.date and \
        mine == {facility_key(rec.name) for rec in later.records} - {""} and \
        _cells(earlier.records) == _cells(later.records)


def _cells(records: list) -> list[tuple[tuple[str, str], ...]]:
    return sorted(tuple(sorted(rec.raw.items())) for rec in records)


def _copy_after(earlier: FormResult, later: FormResult) -> bool:
    """`later` a sheet named as a later copy of `earlier`'s: 附件2（修改） of 附件2, 附件2 (3) of 附件2 (2), and
    LibreOffice's 附件2_2 of 附件2 (it was a second list beside it: DUPLICATE_FACILITY; blind audit of leftovers)."""
    if (copy := _CALC_COPY.fullmatch(later.sheet)) is not None and int(copy[2]) >= 2:
        first = _CALC_COPY.fullmatch(earlier.sheet)
        return first[1] == copy[1] and int(first[2]) < int(copy[2]) if first else earlier.sheet == copy[1]
    return _revised(later.sheet) and _copy_number(later.sheet) > _copy_number(earlier.sheet)


def _copy_number(name: str) -> int:
    """0 for a sheet not named as a copy, else its number (附件2 (3): 3, 附件2（修改2）: 2, 附件2（修改）: 1)."""
    if not _revised(name):
        return 0
    m = _COPY_NUMBER.search(name)
    return int(next(g for g in m.groups() if g)) if m else 1


_COPY_ONLY = re.compile(r"[(（]\d{1,2}[)）]\s*$|_\d{1,2}$")  # 附件2 (2), 附件2_2: a copy a program named, no word of
# correcting
_CALC_COPY = re.compile(r"(.+)_(\d{1,2})")  # LibreOffice's name for a copy of a sheet
_COPY_NUMBER = re.compile(r"[(（](\d{1,2})[)）]|(?:修改|更正|修订|第)(\d{1,2})")


def _holds_most(mine: frozenset[str], later: FormResult) -> bool:
    """`later` lists four in five or more of the facilities `mine` names."""
    theirs = {facility_key(rec.name) for rec in later.records} - {""}
    return bool(mine) and 5 * len(mine & theirs) >= 4 * len(mine)


def _replaces(mine: frozenset[str], later: FormResult, whole: bool = False) -> bool:
    """`later` repeats half the facilities `mine` names, and half of its own are those (a list adding more than it
    repeats is another part of the list) — unless it holds them all, or comes with the whole report (`whole`): a
    township sending its four forms again, one facility taken off and two added, corrects its report (the two
    lists were added up; audit of the send-back loop)."""
    theirs = {facility_key(rec.name) for rec in later.records} - {""}
    shared = len(mine & theirs)
    return bool(mine) and 2 * shared >= len(mine) and (whole or mine <= theirs or 2 * shared >= len(theirs))


def _same_report(a: FileResult, b: FileResult, unit: str) -> bool:
    """Two files holding the unit's forms alike, cell for cell and date for date (saved again by another program):
    one report received twice — not where any form differs (附件3 put right beside the same 附件1: its lists were
    added up while 附件1 was said received twice; review)."""
    def forms(res: FileResult) -> dict[str, tuple[Any, ...]]:
        return {fr.key: (fr.footer.date, _cells(fr.records)) for fr in res.forms if fr.unit == unit}
    return a is not b and forms(a) == forms(b)


def _whole_correction(earlier_res: FileResult, earlier: FormResult, later_res: FileResult, later: FormResult) -> bool:
    """`later_res` replaces `earlier_res` whole, whatever its list repeats, as a file named as its correction does
    (README): of the same date or later, a whole report under the township's own file name sent again from another
    folder (邮件/ and 更正/ or 微信/), the list's own title saying （更正）/（修改后） where the earlier's does not, or
    the earlier named a draft (初稿) beside it. Each replaced its 附件1/附件4 while its lists were added up unless they
    shared most facilities (audit of the rules of supersession)."""
    if later_res.display == earlier_res.display:
        return False
    a, b = earlier.footer.date or earlier.sent, later.footer.date or later.sent
    if a is not None and b is not None and b < a:
        return False
    # (the same name of lists sent alone may be parts of one list, each in a mail of its own: 邮件1/附件2-3.xlsx and
    # 邮件2/附件2-3.xlsx — the overlap rules decide those; review)
    # (…a name of the township's own: 邮件1/附件1-4.xlsx and 邮件2/附件1-4.xlsx, the template's name, or 新建 Microsoft
    # Excel 工作表.xlsx, may hold two parts of one list; the list's own title, not 附件4's beside new facilities; review)
    stem = Path(later_res.display).stem
    return stem.casefold() == Path(earlier_res.display).stem.casefold() and _names_unit(stem, later.unit) \
        and _whole_report(earlier_res, later_res, later.unit) \
        or later.revised and not earlier.revised \
        or file_version(earlier_res) == 0 and file_version(later_res) >= 1


def _names_unit(stem: str, unit: str) -> bool:
    """The file's name names the unit (汇龙镇_6月报表, 汇龙6月): not a template's or a program's name — 新建 Microsoft
    Excel 工作表 is no name of 新建镇 (review)."""
    stem = _PROGRAM_NAME.sub("", stem)
    short = re.sub(r"(?:街道办事处|街道|镇|乡|市|区|县)$", "", unit)
    return unit in stem or len(short) >= 2 and short in stem


# the names programs give a new file: 新建 Microsoft Excel 工作表, 新建 XLSX 工作表 (WPS), 工作簿1, Book1
_PROGRAM_NAME = re.compile(r"新建\s*(?:Microsoft\s*)?(?:Office\s*)?(?:Excel|XLSX?|WPS)?\s*(?:工作表|表格|电子表格)|工作簿\d*|"
                           r"Book\d*", re.IGNORECASE)


def _within(later: FileResult, earlier: FileResult) -> bool:
    """`later` lies in `earlier`'s folder or one below it (6月/更正/ of 6月/), not in a neighbour's folder."""
    folder = Path(earlier.display).parent
    return Path(later.display).parent == folder or folder in Path(later.display).parents


def _whole_report(earlier: FileResult, later: FileResult, unit: str) -> bool:
    """Both files carry the unit's 附件1 or 附件4 beside its list: the report sent again, not a part of a list."""
    return all(any(fr.key in CUMULATIVE_FORMS and fr.unit == unit for fr in res.forms) for res in (earlier, later))

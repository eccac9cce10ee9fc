"""The one declarative description of the forms (附件1–4 and the facility sheet).

Reader, parser, writer, templates and checks all read these definitions; no other module spells a header.
Header texts are the seed's (启民发〔2022〕66号 附件1–4).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .models import CRITERIA, MEASURES, NOTICE_POINTS, RISK_POINTS


class Kind(StrEnum):
    SEQ = "seq"  # 序号, renumbered on output
    TEXT = "text"
    NAME = "name"  # facility name (key of cross-form checks)
    UNIT = "unit"  # a township / unit name
    INT = "int"  # count >= 0
    PERCENT = "percent"
    ANSWER = "answer"  # 是/否 with optional detail
    ANSWER_NA = "answer_na"  # 是/否/不涉及
    POINTS = "points"  # risk points 1-15
    MEASURES = "measures"  # measures 1-11
    LEVEL = "level"
    CATEGORY = "category"
    CASE = "case"  # 是否立案及立案时间: 是/否 + date
    RESOLVED = "resolved"  # 是/否 + criteria 1-11
    DATE = "date"


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # canonical header text as in the seed
    kind: Kind
    required: bool = False
    # a column the form cannot do without though a cell of it may be blank (its rule says what a blank means:
    # 附件2's 等级, filled in from the points): COLUMN_MISSING when the column is not there
    needed: bool = False
    variants: tuple[str, ...] = ()  # other headers people write
    group: str = ""  # upper header of a two-row header (附件4 问题数)
    width: float = 12  # output column width (characters)
    asked: str = ""  # for ANSWER columns of 附件1: the detail the question asks for
    hint: str = ""  # input message in templates
    na_read: bool = False  # an ANSWER column that also reads 不涉及 / "/" (not offered in the template's list)
    # headers of a column some townships split off this one (是否立案 | 立案时间): its text joins this column's
    companions: tuple[str, ...] = ()


@dataclass(frozen=True)
class FormDef:
    key: str  # F1..F4, FAC
    number: int  # 附件N (0 for the facility sheet)
    title: str
    columns: tuple[Column, ...]
    title_variants: tuple[str, ...] = ()
    header_rows: int = 1
    footer: tuple[str, ...] = ("填报人", "负责人", "电话", "填报日期")
    notes: str = ""  # 填报说明 / 备注 block, as in the seed
    unit_label: str = "填报单位（盖章）："
    min_match: int = 3  # columns that must match to recognise the form by its header
    landscape: bool = True

    @property
    def label(self) -> str:
        return f"附件{self.number}" if self.number else "排查表"

    @property
    def sheet_name(self) -> str:
        return self.label

    def column(self, field_name: str) -> Column:
        for c in self.columns:
            if c.field == field_name:
                return c
        raise KeyError(field_name)

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    @property
    def needed(self) -> tuple[Column, ...]:
        """The columns whose absence is COLUMN_MISSING."""
        return tuple(c for c in self.columns if c.required or c.needed)


def _numbered(items: dict[int, str], sep: str = ". ") -> str:
    """The notice's numbered list: each item ends with ；, the last with 。"""
    last = max(items)
    return "\n".join(f"{n}{sep}{t}{'。' if n == last else '；'}" for n, t in items.items())


POINT_NOTES = _numbered(NOTICE_POINTS)  # the notice's list of the 15 points, as on 附件2
_POINT_NOTES_F3 = _numbered({**NOTICE_POINTS, 9: "未经登记开展养老服务活动但没有收取大额预付费行为的"})  # 附件3 so words it

F2_NOTES = (
    "填报说明\n"
    "一、排查范围\n本辖区内已登记（无论是否备案）的养老机构+未经登记但开展养老服务活动的场所\n"
    "二、类别\nA.养老机构；B.社区养老服务机构；C.未经登记但从事养老服务经营活动的场所。\n"
    "三、风险隐患点\n" + POINT_NOTES + "\n"
    "四、风险隐患等级\n黄：风险隐患点中存在1-5情况的纳入黄色名单；\n橙：风险隐患点中存在6-9情况的纳入橙色名单；\n"
    "红：风险隐患点中存在10-14情况的纳入红色名单；\n如有其他风险隐患点请补充完整。\n"
    "五、排查牵头单位\n各区镇（街道）民政业务部门"
)

F3_NOTES = (
    "填报说明\n"
    "一、风险隐患点\n" + _POINT_NOTES_F3 + "\n"
    "二、打击整治措施\n" + _numbered({**MEASURES, 11: "其他规范整治措施（需具体明确）"}) + "\n"
    "三、存量风险已化解\n" + _numbered(CRITERIA, sep=".") + "\n"
    "符合上述一项或者多项情形，且舆情未炒作、未发生冲击社会底线的极端事件、未发生重大群体性事件的，属于存量风险已经化解。"
)

# Headers townships write for a column several forms share: one list each, so a wording read on 附件2 is read on
# 附件3 and the facility sheet too (风险隐患情形 was COLUMN_MISSING on 附件3 only; review)
SEQ_VARIANTS = ("编号", "序", "No")
NAME_VARIANTS = ("机构名称", "养老服务机构名称", "机构及场所名称", "名称", "养老机构名称", "机构全称", "场所名称", "单位名称",
                 # the column named as the notice names what is listed (养老机构及场所): its names were put in 备注,
                 # the list's name cells left blank (audit of layouts)
                 "养老机构及场所", "养老机构场所", "养老机构或场所", "养老服务场所")  # (机构 alone heads a roster's column)
CATEGORY_VARIANTS = ("机构类别", "类型", "机构类型", "所属类别", "分类")
POINTS_VARIANTS = ("风险点", "隐患点", "风险隐患点（序号）", "风险隐患情形", "主要风险隐患", "存在风险点", "存在的风险点",
                   "存在风险")
NOTE_VARIANTS = ("说明", "备注说明", "其他说明", "备注栏", "情况说明", "附注")

F1 = FormDef(
    key="F1", number=1, title="养老服务诈骗风险隐患排查工作进度表",
    title_variants=("排查工作进度表",),
    columns=(
        Column("seq", "序号", Kind.SEQ, variants=SEQ_VARIANTS, width=6),
        Column("township", "乡镇", Kind.UNIT, required=True,
               variants=("区镇", "乡镇（街道）", "区镇（街道）", "单位", "镇（街道）", "镇（区）", "区（镇）", "镇区", "街道",
                         "乡镇名称", "区镇名称", "填报单位", "所属区镇", "所属乡镇", "所在区镇", "所在乡镇", "镇街", "街镇", "单位名称"),
               width=10,
               hint="填写本区镇（街道）名称，与填报单位一致"),
        Column("total", "辖区内应当排查的养老服务机构及场所总数（家）", Kind.INT, required=True,
               variants=("应当排查的养老服务机构及场所总数", "应排查总数", "应当排查总数", "应排查数", "总数", "机构总数",
                         "应排查机构数", "应排查机构总数", "机构及场所总数", "场所总数", "需排查数量", "需排查数", "需排查机构数"), width=14,
               hint="已登记（无论是否备案）的养老服务机构+未经登记但开展养老服务活动的场所"),
        Column("checked", "已经排查的养老服务机构及场所数量（家）", Kind.INT, required=True,
               variants=("已排查的养老服务机构及场所数量", "已排查数", "已经排查数量", "已排查数量", "已排查", "已排查机构数",
                         "已排查机构数量", "实际排查数", "实际排查数量", "完成排查数", "完成排查数量", "已排查机构及场所"), width=14,
               hint="已经排查的机构及场所数，不大于应当排查的总数"),
        Column("percent", "已排查占比（%）", Kind.PERCENT, variants=("已排查占比", "排查占比", "占比", "排查进度", "排查率", "完成率", "排查完成率", "排查比例", "已排查比例",
                                                                               "已经排查的养老服务机构及场所占比", "已排查机构占比"), width=10),
        Column("group", "是否成立了专项行动领导小组，主要负责人及职务", Kind.ANSWER, required=True,
               variants=("是否成立专项行动领导小组", "是否成立领导小组", "成立领导小组情况", "领导小组成立情况",
                         "是否成立专项行动工作组", "是否成立工作组", "是否成立专项工作组",
                         # the question shortened (audit of headers: 领导小组及负责人职务 was COLUMN_UNKNOWN)
                         "领导小组", "成立领导小组", "领导小组及负责人", "领导小组负责人", "领导小组及负责人职务",
                         "领导小组组长"),
               asked="主要负责人及职务",
               companions=("主要负责人及职务", "主要负责人", "负责人及职务", "组长"),
               width=18),
        Column("task_force", "是否抽调专门工作力量组成专班", Kind.ANSWER, required=True,
               variants=("是否组成专班", "是否抽调专门力量组成专班", "是否组建专班", "是否成立工作专班",
                         "是否组建工作专班", "专班", "专班组建情况", "组建专班情况", "是否抽调精干力量组成工作专班",
                         "是否抽调力量组成专班", "是否抽调精干力量组成专班"), width=14),
        Column("publicity", "是否利用新闻媒体等平台开展广泛宣传，具体宣传方式", Kind.ANSWER, required=True,
               variants=("是否开展广泛宣传", "是否利用新闻媒体开展宣传", "是否开展新闻宣传", "是否开展宣传", "是否利用媒体宣传",
                         "宣传", "宣传开展情况", "开展宣传情况", "广泛宣传情况及方式", "是否开展集中宣传活动", "是否开展集中宣传",
                         "媒体宣传", "新闻媒体宣传", "新闻媒体宣传情况", "宣传发动", "宣传发动情况"),
               asked="具体宣传方式", width=18,
               companions=("具体宣传方式", "宣传方式")),
        Column("info_sharing", "是否建立了部门间信息共享机制，具体涉及部门", Kind.ANSWER, required=True,
               variants=("是否建立部门间信息共享机制", "是否建立信息共享机制", "是否建立部门信息共享机制", "是否建立信息共享",
                         "信息共享机制", "信息共享涉及部门", "信息共享情况"),
               asked="具体涉及部门", width=18,
               companions=("具体涉及部门", "涉及部门")),
        Column("complaints", "是否已开通了投诉举报通道，具体渠道", Kind.ANSWER, required=True,
               variants=("是否开通投诉举报通道", "是否已开通投诉举报通道", "投诉举报通道", "是否开通举报渠道", "是否开通举报通道",
                         "是否开通投诉举报渠道", "是否畅通线索举报渠道", "是否畅通举报渠道", "是否畅通投诉举报渠道"),
               asked="具体渠道", width=18,
               companions=("具体渠道", "举报渠道", "投诉举报渠道")),
    ),
    notes="备注：\n本地区应当排查的养老机构及场所总数=已登记（无论是否备案）的养老服务机构+未经登记但开展养老服务活动的场所",
    min_match=4,
)

F2 = FormDef(
    key="F2", number=2, title="养老服务诈骗风险隐患“红橙黄”风险管控名单",
    title_variants=("风险管控名单", "红橙黄风险管控名单"),
    columns=(
        Column("seq", "序号", Kind.SEQ, variants=SEQ_VARIANTS, width=6),
        Column("name", "养老服务机构及场所名称", Kind.NAME, required=True,
               variants=NAME_VARIANTS, width=26,
               hint="填写机构或场所全称；附件2、附件3 中同一机构的名称须一致"),
        Column("category", "类别", Kind.CATEGORY, required=True, variants=CATEGORY_VARIANTS, width=12,
               hint="A.养老机构；B.社区养老服务机构；C.未经登记但从事养老服务经营活动的场所"),
        Column("points", "风险隐患点", Kind.POINTS, required=True, variants=POINTS_VARIANTS, width=16, hint="填编号，如 1、7；选15须在“15.其他：”后写明实际情形"),
        Column("level", "风险隐患等级", Kind.LEVEL, needed=True, variants=(
            "风险等级", "等级", "隐患等级", "名单类别", "名单等级", "风险级别", "级别", "风险隐患级别", "隐患级别",
            # what townships head it with besides (a header not known is COLUMN_MISSING now: the review found these)
            "管控等级", "预警等级", "红橙黄等级", "四色名单", "风险名单", "名单颜色", "红橙黄", "红/橙/黄", "四色等级",
            "风险颜色", "颜色等级", "管控级别", "颜色",
            # typed by pinyin: 等级 and 登记 are both dengji; 等极 one key off (it was COLUMN_MISSING, the levels
            # under it unread, LEVEL_MISSING on rows that had one; SPEC sweep)
            "风险隐患登记", "风险登记", "隐患登记", "风险隐患等极", "风险等极"), width=10,
               hint="黄：1-5；橙：6-9；红：10-14；取最高"),
        Column("lead_unit", "牵头排查单位", Kind.TEXT, variants=("排查牵头单位", "牵头单位", "牵头排查部门", "牵头部门", "排查牵头部门", "责任单位", "排查责任单位"),
               width=16,
               hint="五、排查牵头单位：各区镇（街道）民政业务部门"),
        Column("note", "备注", Kind.TEXT, variants=NOTE_VARIANTS, width=20),
    ),
    footer=("填报人", "负责人", "电话", "填报时间"),
    notes=F2_NOTES,
)

F3 = FormDef(
    key="F3", number=3, title="养老服务诈骗风险隐患分类处置工作进度表",
    title_variants=("分类处置工作进度表",),
    columns=(
        Column("seq", "序号", Kind.SEQ, variants=SEQ_VARIANTS, width=6),
        Column("name", "养老服务机构及场所名称", Kind.NAME, required=True,
               variants=NAME_VARIANTS, width=22,
               hint="填写机构或场所全称，与附件2 名称一致；附件2 的每个机构在附件3 都要有一行"),
        Column("points", "风险隐患点", Kind.POINTS, required=True, variants=POINTS_VARIANTS, width=12),
        Column("clue", "是否向属地人民政府和政法机关通报线索", Kind.ANSWER, required=True,
               variants=("是否通报线索", "是否向属地政府和政法机关通报线索", "通报线索", "线索通报", "通报", "是否通报"), width=12, na_read=True,
               hint="橙色、红色名单须及时向属地人民政府和政法机关通报线索（填“是”）"),
        Column("fundraising", "属于非法集资的同步纳入属地防范和处置非法集资工作机制", Kind.ANSWER_NA, needed=True,
               variants=("是否纳入处非机制", "纳入处非机制", "纳入属地防范和处置非法集资工作机制", "纳入处非工作机制",
                         "是否同步纳入处非工作机制", "处非", "处非机制", "是否纳入处非", "纳入处置非法集资工作机制",
                         "非法集资处置工作机制", "打击非法集资工作机制", "处非工作机制"), width=14,
               hint="是/否/不涉及\n红色名单中属于非法集资的，同步纳入属地防范和处置非法集资工作机制（填“是”）；"
                    "不属于非法集资的填“不涉及”"),
        Column("measures", "打击整治措施", Kind.MEASURES, required=True, variants=("整治措施", "处置措施", "措施", "采取措施", "措施编号", "已采取措施", "采取的措施", "处置举措", "处置方式",
                                                                   "整治举措", "打击整治举措"), width=14,
               hint="填编号，如 1、2；11 须写明具体措施"),
        Column("progress", "当月处置进展", Kind.TEXT, needed=True, variants=("处置进展", "本月处置进展", "进展", "进展情况", "当月进展", "处置进展情况", "工作进展", "本月处置情况", "当月处置情况"),
               width=22,
               hint="简要写明本月采取的处置措施和进展"),
        Column("case", "是否立案及立案时间", Kind.CASE, needed=True, variants=("是否立案", "立案时间", "是否立案及时间", "立案情况", "立案"), width=14,
               companions=("立案时间", "立案日期"),
               hint="否；或 是，2022-06-03"),
        Column("resolved", "存量风险是否已有效化解", Kind.RESOLVED, needed=True,
               variants=("存量风险是否有效化解", "是否已化解", "存量风险是否化解", "化解情况", "是否化解", "化解", "已化解",
                         "是否已有效化解", "有效化解"), width=14,
               companions=("化解情形", "化解情形编号", "符合的化解情形"),
               hint="否；或 是，化解情形编号（1–11）"),
    ),
    notes=F3_NOTES,
)

F4 = FormDef(
    key="F4", number=4, title="打击整治养老服务诈骗专项行动战果统计表",
    title_variants=("专项行动战果统计表", "战果统计表"),
    header_rows=2,
    columns=(
        Column("label", "提供养老服务活动的机构、场所涉及诈骗问题（民政领域）", Kind.UNIT, width=22,
               variants=("涉及诈骗问题", "单位", "区镇", "填报单位", "单位名称", "乡镇", "乡镇（街道）", "镇（街道）",
                         "区镇（街道）", "镇街",
                         # an export's town column, as on 附件1 (the rows were one unit named after the file, the towns
                         # 未报送; audit of exports)
                         "所属乡镇", "所属区镇", "所在乡镇", "所在区镇", "所属街道",
                         # the caption shortened to a word (the column holds the unit or the row's label): an extra
                         # column it was not (COLUMN_UNKNOWN; blind audit of correct workbooks)
                         "类别", "项目", "内容", "类型", "分类", "名称", "问题类别", "问题类型", "领域", "民政领域"),
               hint="填写本单位名称"),
        Column("ongoing", "正在整治", Kind.INT, required=True, group="问题数", variants=("正在整改", "整改中", "整治中", "尚在整治", "未整治完成", "整治未完成",
                                                                       "未整改完成", "尚未完成整改", "未完成整治", "尚未整治完成",
                                                                       "正在整治问题"), width=9,
               hint="正在整治的问题数"),
        Column("done", "整治完成", Kind.INT, required=True, group="问题数", variants=("整改完成", "已整治完成", "已整改", "已整治", "整改完毕", "已完成整治",
                                                                        "完成整治", "整治完毕", "整治结束", "完成整改", "已完成"),
               width=9,
               hint="已整治完成的问题数"),
        Column("total", "总计", Kind.INT, required=True, group="问题数", variants=("合计", "问题数（总计）", "问题总数", "问题总计"), width=9,
               hint="问题总计 = 正在整治 + 整治完成"),
        Column("early", "存在的苗头性问题", Kind.INT, required=True, variants=("苗头性问题", "苗头性问题数", "苗头性倾向性问题", "苗头性", "苗头"), width=11,
               hint="苗头性问题 + 明显问题 + 移送司法机关的问题 = 问题总计"),
        Column("obvious", "存在明显问题但不构成犯罪的问题", Kind.INT, required=True,
               variants=("存在明显问题但不构成犯罪", "明显问题", "明显问题数"), width=13,
               hint="苗头性问题 + 明显问题 + 移送司法机关的问题 = 问题总计"),
        Column("referred", "对涉嫌犯罪移送司法机关依法打击的问题", Kind.INT, required=True,
               variants=("移送司法机关依法打击的问题", "移送司法机关", "移送司法机关数", "移送司法机关问题数", "移送公安机关",
                         "移送公安机关的问题"), width=13,
               hint="苗头性问题 + 明显问题 + 移送司法机关的问题 = 问题总计；不少于附件3 采取措施7的机构数"),
        Column("police_letters", "接收公安提示函", Kind.INT, required=True, variants=("公安提示函", "公安机关提示函", "提示函"), width=10,
               hint="接收公安提示函的份数"),
        Column("procuratorate", "接收检察建议书", Kind.INT, required=True, variants=("检察建议书", "检察建议", "检察院检察建议"), width=10,
               hint="接收检察建议书的份数"),
        Column("judicial", "接收司法建议书", Kind.INT, required=True, variants=("司法建议书", "司法建议"), width=10,
               hint="接收司法建议书的份数"),
        Column("supervision", "接收监察建议书", Kind.INT, required=True, variants=("监察建议书", "监察建议"), width=10,
               hint="接收监察建议书的份数"),
    ),
    footer=("填报人", "负责人", "电话", "填报时间"),
    notes="说明：填报此次专项行动累计数据。",
    unit_label="填报单位：",
    min_match=5,
)

# Facility sheet: one row per facility, points 1-15 each a 是/否 column.
_FAC_POINTS = tuple(
    # (the point's words alone, as the notice's 填报说明 lists them — 9 also as 附件3's says it; ①…⑮: audit of header
    # wording, ⑩–⑮ were missed and ⑩ near 1)
    Column(f"p{n}", f"风险隐患点{n}", Kind.ANSWER, required=True,
           variants=(f"{n}.{RISK_POINTS[n]}", f"点{n}", RISK_POINTS[n], f"风险隐患点{chr(0x245F + n)}", chr(0x245F + n),
                     *(("未经登记开展养老服务活动但没有收取大额预付费行为的",) if n == 9 else ())),
           width=8, hint=f"{n}. {RISK_POINTS[n]}", na_read=True)  # 不涉及, /: the point does not hold
    for n in RISK_POINTS
)

FAC = FormDef(
    key="FAC", number=0, title="养老服务机构风险隐患排查表",
    title_variants=("风险隐患排查表", "机构风险隐患排查表"),
    columns=(
        Column("seq", "序号", Kind.SEQ, variants=SEQ_VARIANTS, width=6),
        Column("name", "养老服务机构及场所名称", Kind.NAME, required=True, variants=NAME_VARIANTS, width=24,
               hint="填写机构或场所全称（与附件2 名称一致）"),
        Column("township", "所在区镇", Kind.UNIT, variants=("乡镇", "区镇", "所属区镇", "所在乡镇", "所属乡镇", "镇街"), width=10,
               hint="机构所在区镇（街道）"),
        Column("category", "类别", Kind.CATEGORY, required=True, variants=CATEGORY_VARIANTS, width=12),
        Column("registered", "是否已登记", Kind.ANSWER, required=True, variants=("是否登记", "登记情况", "已登记", "登记状态"),
               width=8,
               hint="是否已依法登记；未经登记的为 C 类，风险隐患点为 9 或 10"),
        Column("filed", "是否已备案", Kind.ANSWER, variants=("是否备案", "备案情况", "已备案"), width=8,
               hint="是否已在民政部门备案"),
        Column("beds", "床位数（张）", Kind.INT, variants=("床位数", "床位总数", "核定床位数", "实有床位", "实有床位数"), width=8,
               hint="床位总数（张）"),
        Column("prepay_people", "收取大额预付费人数（人）", Kind.INT,
               variants=("收取大额预付费人数", "预付费人数", "大额预付费人数", "收取大额预付费的对象数量", "预付费对象数量"),
               width=10,
               hint="收取大额预付费的人数；超过床位数即风险隐患点8"),
        Column("insolvent", "预付费资金是否资不抵债", Kind.ANSWER_NA, variants=("是否资不抵债", "资不抵债"), width=10,
               hint="收取的大额预付费是否资不抵债（风险隐患点12）"),
        *_FAC_POINTS,
        Column("note", "备注", Kind.TEXT, variants=NOTE_VARIANTS, width=16),
        Column("inspector", "排查人", Kind.TEXT, variants=("检查人", "排查人员", "排查人员签名", "核查人"), width=8,
               hint="排查人姓名"),
        Column("date", "排查日期", Kind.DATE, variants=("检查日期", "排查时间", "摸排时间", "核查日期", "检查时间"), width=11),
    ),
    footer=("填报人", "负责人", "电话", "填报日期"),
    min_match=6,
)

SUBMISSION_FORMS: tuple[FormDef, ...] = (F1, F2, F3, F4)
# the comment on a consolidated 附件3 row's 序号 where 附件2 lists two facilities of its name (two townships'
# 幸福养老院): which one it is, for pairing one level up (writer, pipeline)
PAIRED_NOTE = "对应附件2 序号"
ALL_FORMS: tuple[FormDef, ...] = (F1, F2, F3, F4, FAC)
BY_KEY: dict[str, FormDef] = {f.key: f for f in ALL_FORMS}

# The signature lines under a form, by the footer field each word gives (reader takes them from here).
FOOTER_FIELDS: dict[str, tuple[str, ...]] = {
    "填报人": ("填报人", "制表人", "填表人", "联系人", "经办人", "制表", "填写人", "报送人", "统计人", "报表人", "统计员",
             "填报员"),
    "负责人": ("负责人", "审核人", "单位负责人", "主要负责人", "分管负责人", "分管领导", "审核", "复核人", "核对人", "签发人",
             "批准人", "审批人", "单位领导"),
    "电话": ("联系电话", "电话", "手机"),
    "填报日期": ("填报日期", "填报时间", "报送日期", "报送时间", "制表日期", "审核日期", "统计日期", "日期", "报表日期",
             "填写日期", "填表日期", "报表时间", "填写时间", "统计时间", "制表时间",
             # (a date under these was not read: the form undated, its lateness never found; audit of values)
             "上报日期", "上报时间", "填表时间", "报出日期", "报告日期", "报告时间", "盖章日期"),
}
# words too short to end the data unless a colon follows (a remark may begin 审核…, a column 日期)
_SHORT_FOOTER_WORDS = ("制表", "审核", "电话", "手机", "日期")
# Of the lines that end the data, those that explain rather than sign: one among the data rows (注：以下为6月新排查的
# 机构) or right under the header (说明：类别填A/B/C) is passed over, not the end of the data.
NOTE_MARKERS = ("填报说明", "备注", "说明", "注：", "注:", "注意", "※",
                # a labelled line under the list saying where its figures come from or when (数据来源：金民工程系统): a
                # facility named so was made of it (audit of layouts)
                *(word + colon for word in ("数据来源", "资料来源", "信息来源", "统计口径", "统计时间", "统计范围",
                                            "统计截止", "排查时间", "排查范围", "排查方式", "数据截至", "数据截止")
                  for colon in "：:"))
# First words of the lines that end the data of a form.
FOOTER_MARKERS = (*NOTE_MARKERS, "填报单位", "报送单位", "报表单位", "上报单位", "以下空白", "以下无", "以下为空",
                  *(word for words in FOOTER_FIELDS.values() for word in words if word not in _SHORT_FOOTER_WORDS),
                  *(word + colon for word in _SHORT_FOOTER_WORDS for colon in "：:"))
# a total row's label (汇总 is what a Chinese Excel puts in a Table's Total row)
TOTAL_MARKERS = ("合计", "总计", "小计", "汇总", "Total", "TOTAL")

# The header rows of the sheets this tool writes beside the forms — the consolidated workbook's 校验问题, 汇总 and
# 变化, an annotated copy's 校验结果: written from here and never read as a form (a message mentioning 单位名称 or
# a township's sheet named 风险名单 made 校验问题 an 附件2 of errors; invariant audit)
FINDINGS_HEADS = ("序号", "原文件", "原工作表", "原单元格", "原行号", "单位", "机构", "问题", "代码", "级别", "说明")
SUMMARY_HEADS = ("单位名称", "报送情况", "红色（家）", "橙色（家）", "黄色（家）", "名单合计", "排查机构总数", "已查机构数",
                 "排查进度（%）", "错误", "警告")
CHANGES_HEADS = ("单位", "机构", "变化", "上期", "本期")
RESULTS_HEADS = ("序号", "级别", "代码", "工作表", "单元格", "说明")
OUR_SHEET_HEADS = (FINDINGS_HEADS, SUMMARY_HEADS, CHANGES_HEADS, RESULTS_HEADS)
# the template's 附件2 helper column, right of the table, titled on the 填报单位 line: its formula shows the level the
# points give (template.py); not a column the township added
HELPER_TITLE = "按风险隐患点应为（自动）"
# how the consolidated workbook keeps a row's values of columns outside the form: in a comment, after this
EXTRA_NOTE = "含模板以外列的内容："

"""The one table of finding codes: severity, message template, clause, explanation.

Every problem any command reports is a `Finding` built here from a `Code`. The CLI renders findings; the
docs' catalogue (docs/findings.md) and `yanglao explain` are generated from `CATALOGUE`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Code(StrEnum):
    FILE_UNREADABLE = "FILE_UNREADABLE"
    FORM_NOT_FOUND = "FORM_NOT_FOUND"
    COLUMN_MISSING = "COLUMN_MISSING"
    COLUMN_UNKNOWN = "COLUMN_UNKNOWN"
    UNIT_UNKNOWN = "UNIT_UNKNOWN"
    UNIT_CONFLICT = "UNIT_CONFLICT"
    VALUE_REQUIRED = "VALUE_REQUIRED"
    VALUE_INVALID = "VALUE_INVALID"
    FORMULA_NO_VALUE = "FORMULA_NO_VALUE"
    LEVEL_MISSING = "LEVEL_MISSING"
    LEVEL_UNDETERMINED = "LEVEL_UNDETERMINED"
    LEVEL_UNDERRATED = "LEVEL_UNDERRATED"
    LEVEL_OVERRATED = "LEVEL_OVERRATED"
    GREEN_IN_LIST = "GREEN_IN_LIST"
    CATEGORY_MISMATCH = "CATEGORY_MISMATCH"
    POINTS_CONFLICT = "POINTS_CONFLICT"
    POINT_OTHER_UNDESCRIBED = "POINT_OTHER_UNDESCRIBED"
    DUPLICATE_FACILITY = "DUPLICATE_FACILITY"
    DUPLICATE_ACROSS_UNITS = "DUPLICATE_ACROSS_UNITS"
    DISPOSAL_MISSING = "DISPOSAL_MISSING"
    DISPOSAL_UNLISTED = "DISPOSAL_UNLISTED"
    POINTS_DIFFER = "POINTS_DIFFER"
    CLUE_NOT_REPORTED = "CLUE_NOT_REPORTED"
    FUNDRAISING_NOT_ESCALATED = "FUNDRAISING_NOT_ESCALATED"
    MEASURE_MISSING = "MEASURE_MISSING"
    CASE_DATE_MISSING = "CASE_DATE_MISSING"
    DATE_IN_FUTURE = "DATE_IN_FUTURE"
    RESOLVED_NO_CRITERION = "RESOLVED_NO_CRITERION"
    CHECKED_EXCEEDS_TOTAL = "CHECKED_EXCEEDS_TOTAL"
    PERCENT_MISMATCH = "PERCENT_MISMATCH"
    DETAIL_MISSING = "DETAIL_MISSING"
    LISTED_EXCEEDS_CHECKED = "LISTED_EXCEEDS_CHECKED"
    STATS_SUM_MISMATCH = "STATS_SUM_MISMATCH"
    STATS_CLASS_MISMATCH = "STATS_CLASS_MISMATCH"
    STATS_DECREASED = "STATS_DECREASED"
    STATS_REFERRALS_BELOW = "STATS_REFERRALS_BELOW"
    CELL_FORMULA_TEXT = "CELL_FORMULA_TEXT"
    SUBMISSION_MISSING = "SUBMISSION_MISSING"
    SUBMISSION_LATE = "SUBMISSION_LATE"
    FACILITY_DROPPED = "FACILITY_DROPPED"
    # Not in SPEC's table (SPEC is silent on a unit reporting a cumulative form twice): see docs/findings.md.
    SUBMISSION_SUPERSEDED = "SUBMISSION_SUPERSEDED"
    TOTAL_ROW_MISMATCH = "TOTAL_ROW_MISMATCH"
    REPORTED_BELOW = "REPORTED_BELOW"


@dataclass(frozen=True)
class CodeInfo:
    code: Code
    severity: Severity
    title: str  # when it is reported (Chinese, one line)
    template: str  # message template, str.format(**params)
    clause: str  # where in the seed / SPEC the rule comes from
    fix: str  # how to fix it in the workbook
    wrong: str = ""  # an example that triggers it
    right: str = ""  # the corrected example


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
WORDS_READ = "已按文字“"  # FORMULA_NO_VALUE of words after an = (reader._recompute), read as the text typed
_OPEN_AND_SAVE = "，请在 Excel 中打开后保存再发送"
_SEED = "启民发〔2022〕66号"
_READ = "工具读取规则（发文未作规定）"
_CROSS = "表间核对（发文未作规定）"
_WITHIN = "表内核对（发文未作规定）"  # (a duplicate within one form was cited as a check between forms; audit)
_UNIT = f"{_SEED} 附件1–4“填报单位（盖章）”；应报单位名单见 yanglao.toml（默认启东市12个镇）"

_ROWS: list[CodeInfo] = [
    CodeInfo(Code.FILE_UNREADABLE, E, "文件损坏、加密、被截断、超出大小限制或不是电子表格",
             "无法读取文件：{reason}", _READ,
             "请对方用 Excel/WPS 重新另存为 .xlsx（不设密码）后再发送；收到重新报送的文件后，把这个文件移出收件夹。",
             "加密的 .xlsx、0 字节文件、改了扩展名的 PDF", "未加密、可正常打开的 .xlsx"),
    CodeInfo(Code.FORM_NOT_FOUND, E, "文件中没有可识别的附件1–4或排查表",
             "未找到附件1–4或排查表：{reason}；是报表的，请按市局下发的模板（保留标题行和表头）重新填报；不是报表的"
             "（通讯录、工作台账等），或已收到该单位重新报送的正确文件的，请把这个文件移出收件夹", f"{_SEED} 附件1–4 表式",
             "确认文件使用市局下发的模板，标题行与表头未被删除或改写。",
             "只有一张工资表的工作簿", "含“养老服务诈骗风险隐患排查工作进度表”标题和表头的工作表"),
    CodeInfo(Code.COLUMN_MISSING, E, "已识别的表缺少必填列",
             "{form}缺少“{column}”列，请按模板补上该列{where}", f"{_SEED} 附件1–4",
             "按模板恢复被删除的列，表头文字与模板一致。",
             "附件2 删除了“风险隐患点”列", "附件2 保留全部 7 列"),
    CodeInfo(Code.COLUMN_UNKNOWN, W, "表中有模板以外的列（其值保留在报告中）",
             "{form}有模板以外的列“{column}”，其内容已保留；如无必要请删除该列，需要说明的内容请写入模板中的列", f"{_SEED} 附件1–4",
             "如无必要请删除该列；如需补充说明请写入“备注”。",
             "附件2 增加“联系人”列", "联系人写入“备注”"),
    CodeInfo(Code.UNIT_UNKNOWN, E, "填报单位不在应报单位名单中",
             "填报单位“{name}”不在单位名单中{suggestion}", _UNIT,
             "在“填报单位”行写规范的区镇名称（如 汇龙镇），或在 yanglao.toml 中添加该单位。",
             "填报单位（盖章）：汇尤镇", "填报单位（盖章）：汇龙镇"),
    CodeInfo(Code.UNIT_CONFLICT, W, "填报单位、乡镇列与文件名所示单位不一致",
             "单位不一致：{detail}，已按“{chosen}”处理；请把填报单位行、乡镇列和文件名统一为同一单位", _UNIT,
             "统一填报单位行、附件1“乡镇”列和文件名中的单位名称。",
             "文件名“南阳镇.xlsx”，填报单位写“北新镇”", "文件名与填报单位同为南阳镇"),
    CodeInfo(Code.VALUE_REQUIRED, E, "必填单元格为空",
             "“{column}”不能为空，请填写{hint}", f"{_SEED} 附件1–4",
             "在标出的单元格中填写内容。", "附件2 某行有名称但“风险隐患点”为空", "风险隐患点：1、7"),
    CodeInfo(Code.VALUE_INVALID, E, "填写的内容无法识别（如数字栏写了文字或负数、日期写错）",
             "“{column}”的值“{value}”无法识别：{reason}", _READ,
             "按列的要求填写：数字填阿拉伯数字，是/否填“是”或“否”，日期填 2022-06-03。",
             "应当排查总数：十二家", "应当排查总数：12"),
    CodeInfo(Code.FORMULA_NO_VALUE, W, "公式没有保存计算结果（已尽量按公式重算）",
             "“{column}”是公式且没有计算结果{recomputed}" + _OPEN_AND_SAVE, _READ,
             "用 Excel/WPS 打开文件、确认公式已计算后保存；或直接填写数值。",
             "用程序生成、从未在 Excel 中打开过的公式", "在 Excel 中打开并保存过的文件"),
    CodeInfo(Code.LEVEL_MISSING, W, "附件2 未填风险隐患等级，已按风险隐患点补填",
             "未填风险隐患等级，按风险隐患点{points}应为{level}（汇总表按此补填），请在“风险隐患等级”列填写“{choice}”", f"{_SEED} 附件2 填报说明四",
             "在“风险隐患等级”列填写 红/橙/黄。", "等级为空，风险隐患点 7", "等级：橙"),
    CodeInfo(Code.LEVEL_UNDETERMINED, E, "附件2 未填等级且风险隐患点无法确定等级（仅有15其他情形）",
             "未填风险隐患等级，且风险隐患点只有“15.其他情形”，无法确定等级，请填写红/橙/黄；附件3 的通报线索和打击整治措施按所填等级的要求填写",
             f"{_SEED} 附件2 填报说明四",
             "其他情形由区镇自行研判等级，请在“风险隐患等级”列填写。", "风险隐患点：15.其他：…，等级为空",
             "风险隐患点：15.其他：…，等级：黄"),
    CodeInfo(Code.LEVEL_UNDERRATED, E, "填报等级低于风险隐患点对应的等级",
             "风险隐患点含{point}（{point_level}），等级应不低于{level}，现填{declared}；请改为“{choice}”",
             f"{_SEED} 二（二）二、附件2 填报说明四",
             "把等级改为风险隐患点对应的最高等级。", "风险隐患点 2、7，等级 黄", "风险隐患点 2、7，等级 橙"),
    CodeInfo(Code.LEVEL_OVERRATED, W, "填报等级高于风险隐患点对应的等级且未填其他情形",
             "风险隐患点{points}对应{level}，现填{declared}偏高；没有其他风险的请改为“{choice}”，另有风险的请在附件2、附件3 该机构的风险隐患点都补写“15.其他：”并写明实际情形，附件3 的通报线索和打击整治措施按{declared}的要求填写",
             f"{_SEED} 附件2 填报说明四",
             "把等级改为风险隐患点对应的等级，或补充“15.其他：…”说明提高等级的理由。",
             "风险隐患点 2，等级 红", "风险隐患点 2，等级 黄"),
    CodeInfo(Code.GREEN_IN_LIST, W, "绿色（无风险隐患点）的机构出现在“红橙黄”名单中",
             "该机构按风险隐患点为绿色，不应列入“红橙黄”名单；请在附件2、附件3 都补填风险隐患点并按风险隐患点填写等级，或把它从附件2 和附件3 中一并删除",
             f"{_SEED} 二（二）二",
             "绿色名单的机构不列入附件2、附件3：从两表中一并删除该机构的行（只删附件2 的，附件3 那一行会报 DISPOSAL_UNLISTED）；"
             "如有风险请填写风险隐患点。", "风险隐患点为空、等级为绿", "从附件2 和附件3 中一并删除该行"),
    CodeInfo(Code.CATEGORY_MISMATCH, E, "类别与风险隐患点矛盾（C 类须有9或10；9/10 不能是 A/B 类）",
             "类别与风险隐患点矛盾：{detail}", f"{_SEED} 附件2 填报说明二、三",
             "未经登记的场所为 C 类，风险隐患点应为 9 或 10；已登记机构为 A 或 B 类，不应有 9、10。",
             "类别 A，风险隐患点 9", "类别 C，风险隐患点 9"),
    CodeInfo(Code.POINTS_CONFLICT, E, "风险隐患点互相矛盾（9与10；9与预付费类1、7、8、12；7与12）",
             "风险隐患点{a}与{b}互相矛盾：{reason}；请核实实际情形，只保留相符的一项", f"{_SEED} 附件2 填报说明三",
             "核实实际情形，只保留相符的风险隐患点。", "风险隐患点 7、12", "风险隐患点 12"),
    CodeInfo(Code.POINT_OTHER_UNDESCRIBED, E, "选了“15.其他情形”（或措施11）却没有写明具体内容",
             "选择了“{item}”但没有写明具体内容，请{example}", f"{_SEED} 附件2、3 填报说明",
             "在“15.其他：”或“11.其他：”后写明实际的情形或措施，如“15.其他：租用场地即将到期”。", "风险隐患点：15", "风险隐患点：15.其他：租用场地即将到期"),
    CodeInfo(Code.DUPLICATE_FACILITY, E, "同一单位的附件2或附件3中同一机构出现两次（附件1、附件4 中同一区镇填了两行）",
             "“{facility}”在{form}中重复出现（另见{other_row}），{fix}", _WITHIN,
             "每个机构只保留一行，合并其风险隐患点与措施；附件1、附件4 是累计数，同一区镇只填一行，删去多余的一行"
             "（如复制后隐藏的上期的行）。", "附件2 两行都是“幸福家园养老院”", "只保留一行"),
    CodeInfo(Code.DUPLICATE_ACROSS_UNITS, W, "同一机构由两个单位上报",
             "“{facility}”同时由{units}上报，请核实是否为同一机构：同一机构的只由其所在地的单位上报"
             "（另一单位的附件2、附件3 都不再列入）；两地各有一家同名机构的无需改动", _CROSS,
             "与另一单位核实是否为同一机构（地址、负责人）：同一机构由所在地单位上报，另一单位不再列入；"
             "是两地各自的同名机构时两行都保留。",
             "汇龙镇和南阳镇都报了“幸福养老院”", "同一机构只由所在地汇龙镇上报；两镇各有一家的保留两行"),
    CodeInfo(Code.DISPOSAL_MISSING, E, "附件2 的机构在附件3 中没有处置记录",
             "“{facility}”已列入附件2 名单，但附件3 没有它的处置记录，请在附件3 补一行，填写风险隐患点、通报线索、打击整治措施和当月处置进展等各栏{same}",
             f"{_SEED} 二（二）三", "在附件3 为该机构补填处置进度。", "附件2 列有“幸福家园养老院”，附件3 没有这一行", "附件3 补一行“幸福家园养老院”，填写通报线索、措施和处置进展"),
    CodeInfo(Code.DISPOSAL_UNLISTED, W, "附件3 的机构不在附件2 名单中",
             "“{facility}”在附件3 有处置记录，但不在附件2 名单中，请核对名称或补列入附件2{same}",
             f"{_SEED} 二（二）三", "名称与附件2 保持一致，或将其补列入附件2。",
             "附件3“幸福养老院”，附件2“幸福家园养老院”", "两表名称一致"),
    CodeInfo(Code.POINTS_DIFFER, W, "附件2 与附件3 同一机构的风险隐患点不同",
             "“{facility}”附件2 风险隐患点为{f2}，附件3 为{f3}，请统一", _CROSS,
             "两表的风险隐患点应一致。", "附件2：1、7；附件3：1", "两表都填 1、7"),
    CodeInfo(Code.CLUE_NOT_REPORTED, E, "橙色/红色机构未向属地政府和政法机关通报线索",
             "{level}机构应及时向属地人民政府和政法机关通报线索，“是否通报线索”应为“是”；现{value}，请及时通报，已通报的填“是”",
             f"{_SEED} 二（二）三", "完成线索通报后填“是”。", "橙色机构，通报线索：否", "通报线索：是"),
    CodeInfo(Code.FUNDRAISING_NOT_ESCALATED, W, "红色且涉嫌非法集资（点11）未纳入处非机制",
             "红色机构含风险隐患点11（涉嫌非法集资、诈骗），属于非法集资的应同步纳入属地处非机制，现{value}；纳入后填“是”，不属于非法集资的填“不涉及”",
             f"{_SEED} 二（二）三", "如属非法集资，纳入处非机制后填“是”；如不属于，填“不涉及”并在处置进展中说明。",
             "红色、点11、纳入处非机制：否", "纳入处非机制：是"),
    CodeInfo(Code.MEASURE_MISSING, W, "缺少按等级和风险隐患点应采取的打击整治措施",
             "按{basis}应采取措施“{measure}”，附件3“打击整治措施”{written}，没有这一项；请补填该措施编号；确未采取的，请在“当月处置进展”写明原因，由审核人判断（本警告仍会列出）（依据：{clause}）", f"{_SEED} 二（二）三",
             "在“打击整治措施”列补填该措施编号；确实未采取的，在当月处置进展中写明原因，由审核人判断（警告仍会列出）。",
             "黄色机构，措施：3", "黄色机构，措施：1、2"),
    CodeInfo(Code.CASE_DATE_MISSING, E, "已立案但没有立案时间",
             "填写了已立案，但没有立案时间，请写成“是，2022年6月3日”", f"{_SEED} 附件3",
             "在“是否立案及立案时间”中写明日期。", "是否立案：是", "是否立案：是，2022-06-03"),
    CodeInfo(Code.DATE_IN_FUTURE, E, "日期晚于填报日期",
             "“{column}”的日期{value}晚于填报日期{report_date}，请改为实际发生的日期（填报日期本身写错的，才改填报日期）", _WITHIN,
             "改为实际发生的日期。", "填报日期 2022-06-15，立案时间 2022-07-01", "立案时间 2022-06-01"),
    CodeInfo(Code.RESOLVED_NO_CRITERION, W, "存量风险填“已化解”但未说明符合哪项化解情形（1–11）",
             "存量风险填了“{said}”，但没有写明符合哪项化解情形（1–11），请写成如“是，3”（3为已完成资金清退；化解情形见附件3填报说明三）", f"{_SEED} 附件3 填报说明三",
             "写明符合的化解情形编号，如“是，3（已完成资金清退）”。", "存量风险是否已有效化解：是", "是，3"),
    CodeInfo(Code.CHECKED_EXCEEDS_TOTAL, E, "附件1 已排查数大于应排查总数",
             "已排查数{checked}大于应排查总数{total}，请改正总数或已排查数（总数=已登记机构+未登记场所），并按改正后的数重算已排查占比", f"{_SEED} 附件1 备注",
             "修正应排查总数或已排查数。", "总数 10，已排查 12", "总数 12，已排查 12"),
    CodeInfo(Code.PERCENT_MISMATCH, E, "附件1 已排查占比与已排查数/总数不符（允许±0.5）",
             "已排查占比填{declared}%，按{checked}/{total}应为{expected}%{fix}", f"{_SEED} 附件1",
             "占比 = 已排查数 ÷ 总数 × 100，保留一位小数，或使用模板中的公式。", "总数 12，已排查 10，占比 80%", "总数 12，已排查 10，占比 83.3%"),
    CodeInfo(Code.DETAIL_MISSING, W, "附件1 是否项填“是”但没有写明所问的具体内容",
             "“{column}”填了“{said}”，但没有写明{asked}，请写成“{example}”", f"{_SEED} 附件1",
             "在“是”后面写明具体内容。", "是否成立领导小组：是", "是，王某某（副镇长）"),
    CodeInfo(Code.LISTED_EXCEEDS_CHECKED, W, "附件2 名单机构数多于附件1 的已排查数",
             "附件2 列入{listed}家，多于附件1 已排查的{checked}家；请核对并改正附件1 已排查数或附件2 名单（调高已排查数的，应排查总数不能小于它，已排查占比也要重算）", _CROSS,
             "核对附件1 已排查数或附件2 名单；调高已排查数时，总数须不小于已排查数，并重算占比。", "已排查 3 家，名单 5 家", "已排查 5 家以上（总数不小于已排查数，占比重算）"),
    CodeInfo(Code.STATS_SUM_MISMATCH, E, "附件4 正在整治 + 整治完成 ≠ 总计",
             "正在整治{ongoing} + 整治完成{done} = {sum}，与总计{total}不符；{fix}", f"{_SEED} 附件4",
             "总计应等于正在整治与整治完成之和。", "正在整治 2，整治完成 3，总计 6", "正在整治 2，整治完成 3，总计 5"),
    CodeInfo(Code.STATS_CLASS_MISMATCH, W, "附件4 苗头性 + 明显问题 + 移送 ≠ 总计",
             "苗头性{a} + 明显问题{b} + 移送司法{c} = {sum}，与总计{total}不符；{fix}", f"{_SEED} 附件4",
             "三类问题数之和应等于问题总计。", "苗头性 1，明显问题 1，移送司法 1，总计 5", "三类之和与总计相等，如苗头性 3，明显问题 1，移送司法 1，总计 5"),
    CodeInfo(Code.STATS_DECREASED, W, "附件4 累计数比上期减少（正在整治除外）",
             "累计数“{column}”由上期{old}减少为{new}；附件4 填自专项行动开始以来的累计数，只增不减，请按累计数改正"
             "（只填了本期新增数的，本行各栏都要改为累计数，总计须仍等于正在整治与整治完成之和）", f"{_SEED} 附件4 说明",
             "附件4 填报专项行动累计数据，只增不减。", "“接收公安提示函”上期 2，本期 1（只填了本月新增数）", "本期填累计数 3（上期 2 + 本月 1）"),
    CodeInfo(Code.STATS_REFERRALS_BELOW, W, "附件4 移送司法机关数少于附件3 采取措施7的机构数",
             "附件4 移送司法机关{stats}个，少于附件3 采取“7.移送司法机关”的{rows}家；请改正附件4“对涉嫌犯罪移送司法机关依法打击的问题”数量"
             "（已移送的问题原先计在苗头性或明显问题中的，从那一类减去，三类问题数之和须仍等于总计）", _CROSS,
             "核对附件4 的移送司法机关数。", "附件3 两家措施7，附件4 移送 1", "附件4 移送 2"),
    CodeInfo(Code.CELL_FORMULA_TEXT, INFO, "文本以 = + - @ 开头（输出时按文本写出，绝不作为公式）",
             "“{column}”以“{first}”开头，已按纯文本处理（不会作为公式）；如非有意，请删除开头的符号", "工具安全规则：文字内容一律按文本写出（发文未作规定）",
             "如非有意，请删除开头的符号。", "当月处置进展：=已约谈负责人", "当月处置进展：已约谈负责人"),
    CodeInfo(Code.SUBMISSION_MISSING, W, "应报单位本期未报送",
             "{unit}本期（{period}）未报送{forms}，请联系该单位尽快报送", f"{_SEED} 三（五）",
             "联系该单位尽快报送；确实无需报送的单位，在 yanglao.toml 的 units 中删去。",
             "收件夹中没有启隆镇的任何文件（或只有附件4，缺附件1–3）",
             "收到“启隆镇_2022年6月_附件1-4.xlsx”（含附件1–4 四张表）并放入收件夹"),
    CodeInfo(Code.SUBMISSION_LATE, W, "填报日期晚于截止时间",
             "{unit}{forms}填报日期{date}晚于截止时间{deadline}；请提醒该单位按时报送，填报日期填错的请更正后重报，"
             "文件名注明“更正”", f"{_SEED} 三（五）",
             "提醒该单位按时报送：附件1–3 每月20日前，附件4 每周三17时前；如只是填报日期写错，请更正后重报，并在文件名中"
             "注明“更正”（如 汇龙镇（更正）.xlsx）——否则两份都在收件夹里时，按填报日期较晚的那份汇总。",
             "6月的附件1–3，填报日期：2022年6月22日（截止6月20日）",
             "填报日期：2022年6月17日，6月20日前报送"),
    CodeInfo(Code.FACILITY_DROPPED, W, "机构未化解就从“红橙黄”名单中消失",
             "“{facility}”上期为{level}，本期不在名单中，且上期、本期附件3均未填“是，化解情形编号”；未化解的请继续列入附件2、附件3；已化解的，本期仍列入附件2、附件3，在附件3 填“是，化解情形编号”，下期再移出名单", f"{_SEED} 二（二）三",
             "未化解的机构应继续列入附件2、附件3；已化解的，先在当期附件3“存量风险是否已有效化解”填“是，化解情形编号”，下期再移出名单。",
             "5月附件2 有“康乐老年公寓”（橙色），附件3 化解情况为“否”；6月附件2、附件3 都没有它",
             "6月继续列入，附件3 填“存量风险是否已有效化解：是，3”；7月再移出名单"),
    CodeInfo(Code.SUBMISSION_SUPERSEDED, INFO, "同一单位的同一张表收到不止一份（每周的附件4、更正重报），只汇总最新的一份",
             "{unit}的{form}收到{count}份，按{rule}的一份汇总（{newer}）；本份（填报日期{date}）的{rows}行未计入汇总",
             f"{_SEED} 附件4 说明“填报此次专项行动累计数据”（附件1 的排查进度同样逐期累计），后报的一份取代先报的；附件2、附件3 更正重报的名单取代原名单",
             "无需处理；如本份才是正确的，请从收件夹中删去较新的那份后重新汇总。",
             "收件夹中有汇龙镇 6月8日、6月15日两份附件4", "只汇总 6月15日那份，6月8日那份记为本提示"),
]

_ROWS.append(
    CodeInfo(Code.TOTAL_ROW_MISMATCH, W, "表中合计行的数与其余各行相加不符（汇总按各行相加，合计行不计入）",
             "合计行的“{column}”为{said}，其余各行相加为{summed}；汇总时按各行相加，请核对合计行或各行的数",
             _WITHIN,
             "核对后改正合计行（或写错的那一行），使合计等于各行之和。",
             "各区镇总数 15、20，合计行写 40", "合计行写 35"))
_ROWS.append(
    CodeInfo(Code.REPORTED_BELOW, W, "汇总表中汇总时已报告、已在该格标注而未更正的区镇填报错误（按警告列出，不再算作错误）",
             "汇总时已报告并在该格批注中标注、尚未更正的填报错误：{message}（{code}）；须由原填报单位更正后重报",
             "汇总表原样保留区镇所填并在该格标注，转报时不再作为本级的错误（发文未作规定）",
             "请原填报单位更正后重报，重新汇总；汇总表照原样转报的，上一级看到的是这条警告。",
             "启东市汇总表附件2 第30行的黄色（应为橙色，批注写有 LEVEL_UNDERRATED），由南通市汇总",
             "汇龙镇更正为橙色后重报，启东市重新汇总"))
CATALOGUE: dict[Code, CodeInfo] = {row.code: row for row in _ROWS}
# UNIT_UNKNOWN of a file that names no unit anywhere begins so (its consolidated marks are told by it)
NOTHING_WRITTEN = "没有填写填报单位"


# UNIT_UNKNOWN's usual last words; not for a file that names no township at all, nor for our own 汇总表
def unit_in_toml(reporting_unit: str) -> str:
    """UNIT_UNKNOWN's usual last words, naming who keeps the list (启东市民政局, 海门区民政局: not always a 市局)."""
    return f"（确属应报的单位请由{reporting_unit or '汇总单位'}在 yanglao.toml 中添加）"


# Codes this tool adds to SPEC's table, where SPEC is silent (docs/findings.md says so beside each).
EXTRA_CODES: frozenset[Code] = frozenset({Code.SUBMISSION_SUPERSEDED, Code.TOTAL_ROW_MISMATCH, Code.REPORTED_BELOW})
assert set(CATALOGUE) == set(Code), "every code needs a catalogue row"


# what a consolidated workbook's note carried from the level below begins with after that level's name (启东市汇总时发现：,
# 下级汇总时发现：; below.carried_notes writes it, the writer tells it apart)
FOUND_BELOW = "汇总时发现："


# said of a DISPOSAL_MISSING whose unit sent 附件3 in a file of its own with no row at all (rules.crossform): the
# annotated copy of that file asks for the rows from its first one (annotate.said_here)
F3_BLANK = "，表中还没有填写任何机构"


class Finding(BaseModel):
    """One problem, with where it is. Frozen: rules create, renderers read."""

    model_config = ConfigDict(frozen=True)

    code: Code
    severity: Severity
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    row: int | None = None
    unit: str = ""
    facility: str = ""
    # other cells the township must change with it, (file, sheet, cell): marked in the annotated copies too; not
    # part of the finding's JSON (SPEC's keys)
    also: tuple[tuple[str, str, str], ...] = Field(default=(), exclude=True, repr=False)

    def about(self) -> str:
        """The message with the facility it is about in front where the message does not name it: a clerk
        reading 附件2!E30 alone had to open the workbook to learn whose it was (lists group by file or unit)."""
        if not self.facility or self.facility in self.message:
            return self.message
        return f"{self.facility}：{self.message}"

    def sort_key(self) -> tuple:
        # no message: findings of one place keep the order they were made in (units in the configured order); of
        # one cell, the error first (a warning led the cell's comment, filled in the error's colour; audit)
        return (self.file, self.sheet, self.row or 0, col_index(self.cell), self.severity.rank, self.code.value)


def by_unit(units: Sequence[str]) -> Callable[[Finding], tuple]:
    """Sort key of findings by unit in the configured order (others after, those of no unit last), then errors
    first, then file and cell: a clerk sends them back unit by unit (校验问题 sheet, the report, diff). They came
    severity first, 东海镇 before 汇龙镇."""
    rank = {u: i for i, u in enumerate(units)}
    last = len(rank)
    return lambda f: (rank.get(f.unit, last) if f.unit else last + 1, "" if f.unit in rank else f.unit,
                      f.severity.rank, f.sort_key())


def col_index(cell: str) -> int:
    """1 for A5, 27 for AA5; 0 for no column."""
    n = 0
    for ch in cell:
        if not ch.isalpha():
            break
        n = n * 26 + (ord(ch.upper()) - 64)
    return n


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Loc(TypedDict, total=False):
    """Where a row's findings point: the keyword arguments of `make` a rule passes on as `**loc`."""

    file: str
    sheet: str
    row: int | None
    unit: str
    facility: str


def make(code: Code, /, *, file: str = "", sheet: str = "", cell: str = "", row: int | None = None,
         unit: str = "", facility: str = "", **params: object) -> Finding:
    """Build a finding from the catalogue template; unknown placeholders stay visible rather than raise."""
    info = CATALOGUE[code]
    if cell:  # SPEC: `row` is the row of `cell` as Excel shows it (a facility's value typed on its second line)
        row = row_of(cell) or row
    values = {"unit": unit, "facility": facility, **params}  # templates may name the location too
    message = info.template.format_map(_SafeDict({k: _fmt(v) for k, v in values.items()}))
    if code == Code.FORMULA_NO_VALUE and WORDS_READ in str(values.get("recomputed", "")):
        # words after an = kept as text (reader._recompute): opened and saved, Excel makes them #NAME?, an error
        # (audit of the send-back loop)
        message = message.removesuffix(_OPEN_AND_SAVE) + "，请删去开头的“=”后重新输入"
    return Finding(code=code, severity=info.severity, message=message, file=file, sheet=sheet, cell=cell,
                   row=row, unit=unit, facility=facility)


# a finding on a row hidden by hand or filtered out says so on screen; the annotated copy shows the row it marks
HIDDEN_ROW = "（第{row}行在表中是隐藏的（隐藏或被筛选掉），取消隐藏后可见）"
HIDDEN_ROW_SHOWN = "（第{row}行原是隐藏的（隐藏或被筛选掉），这份副本中已取消隐藏）"


def said_also(f: Finding, text: str) -> Finding:
    """The finding with `text` added to its message: what only a later step knows (the other form's row, the level
    the points give, what to do with a file in an inbox)."""
    return f.model_copy(update={"message": f.message + text})


def row_of(cell: str) -> int | None:
    """The row number in a cell reference: 7 of "D7"; None without one."""
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else None


def _fmt(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, float):
        return f"{v:.1f}"
    return str(v)


def counts(findings: list[Finding]) -> dict[str, int]:
    out = {"errors": 0, "warnings": 0, "infos": 0}
    for f in findings:
        out[{"error": "errors", "warning": "warnings", "info": "infos"}[f.severity.value]] += 1
    return out

"""Which segments an enterprise's text speaks of, and how sure that is: one pass over many keywords, graded.

Every segment has a keyword dictionary (its name and synonyms, e.g. 模具/冲压模/注塑模/模架) and may
name Shenwan industries and GB/T 4754-2017 codes. An Aho-Corasick automaton finds every keyword in a
text in one pass; a hit of a short keyword counts only where it starts and ends on a word boundary of
jieba's segmentation (with the keywords added to its dictionary), so "电机" is found in "科力尔电机" but
not inside "发电机组"; longer keywords are specific enough on their own, which keeps the pass fast.
A segment's exclusion words (from the chain-template library: 永磁设备 for 稀土永磁材料, 电镀设备 for
电镀/表面处理) veto its keyword hits that lie inside them, in the same pass; hits elsewhere still count.
A segment may also be named by words together (`together`: a film, a fabric and 复合 for 面料贴膜; 电机 and then
机壳 for 电机外壳), read like a keyword hit, and may be a kind of another (`kind_of`: a firm making 仿制药 makes
化学药品).

Each hit is then read in its clause (the text between ；，。 marks) and graded, because a business scope
names far more than a firm makes. Touching hits of one segment are read as one run (压铸模具钢: 钢 follows 压铸模具),
and a listed item with a verb of its own keeps it (储能电池销售、模具制造: the batteries are only sold):

- 确认 (MatchGrade.CONFIRMED): the segment's GB/T 4754 code or Shenwan industry; the keyword in the main
  products (主营产品/主营业务), in the registered name (its 行业表述 must state the main business) or in the
  industry text; or a scope clause that says the firm produces it (生产/制造/加工…, or a keyword that is
  itself the process, such as 精密铸造), or a verbless item the keyword heads in a scope that writes its other
  activities with verbs (记忆棉鞋垫；日用杂品制造: a product list of the firm's own) or whose every item names the
  segment (铸铁件、铸钢件、有色金属铸件), but not drugs listed by a trade licence's classes, nor goods beside a
  wholesale class (铸件、五金、教学仪器) or in an old comma list closing with 批发、零售, or a bare list of
  dosage forms (片剂、硬胶囊剂: a drug production licence's scope), or a process alone in its listed item beside
  other items sold or designed (铸造、机械设计). A scope clause only counts as 确认 when the main products, where
  given, do not point elsewhere: main products beat a long boilerplate 经营范围.
- 待定 (MatchGrade.PENDING): the keyword appears in the scope without saying what the firm does with it (鞋带、服装辅料,
  the old trading-list style, also with its verbs once at its start: 批发、零售：五金，模具，电线), or it is 药品生产
  alone while the firm's texts name another kind of drug (中成药).
- 排除 (MatchGrade.EXCLUDED): every hit is sales only (批发/零售/销售), training, consulting, design only,
  repair, installation, recycling or testing, or names equipment, material or parts *for* the thing
  (电镀设备, 电镀中间体, 压铸机, 铸造用砂, 模具钢, 蓄电池充电器, 乘用车车身), or names it as whom the firm
  serves (为整车厂配套…, 面向模具行业的…, 铸造、电镀企业的…), or a used or scrapped one (退役动力电池),
  or a process only researched (表面处理新技术的研究开发), or a material that only qualifies a later product
  (磷酸铁锂动力电池), or a vehicle or battery that only qualifies a product of an earlier stage heading the phrase
  (乘用车双离合自动变速器总成, 钠离子电池硬碳负极), or is followed by a part, battery, line or process heading the
  phrase (铅酸蓄电池生极板, 新能源汽车刀片电池, 阳极氧化自动线, 纱线筒子染色加工), or is converted rather than made
  (专用作业车改装), or is for animals (兽用阿莫西林; a dosage form in a clause naming 兽药 or the
  veterinary-only 预混剂), or is left out (不含冷链, 小轿车除外, a note opening with 不含),
  or lies inside an exclusion word. A 确认 resting only on a name or main product that merely names the thing
  becomes 待定 when the scope names it only to sell or serve it: a distributor's 主营产品 is what it sells.

Matching happens once, when enterprises are loaded or imported; targeting then reads the result. scripts/setup
compiles this file to C with mypyc (`loaders.compiled`); importing it hands out the compiled module while that was
built from the file as it now is, so the rules are written once, here, and run as Python where no build is fresh.
"""

from __future__ import annotations

import logging
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache, partial
from itertools import accumulate, takewhile
from operator import attrgetter, itemgetter

import ahocorasick_rs
import jieba

from graph.model import GraphData, Node, NodeLabel, Relationship, RelType, Source, node_id, texts_prop
from graph.vocabulary import MatchGrade
from loaders.segmenting import Segmenter

if __name__ == "loaders.matching":
    from loaders.compiled import compiled_matching

    _built = compiled_matching()
    if _built is not None:
        # this very file compiled by mypyc (scripts/setup), built from it as it now is: importers get that module
        sys.modules[__name__] = _built

FIELD_WEIGHTS = {
    "name": 0.9,
    "full_name": 0.9,
    "main_products": 0.95,
    "business_scope": 0.7,
    "industry": 0.6,
    "industry_code": 0.95,
}
FIELD_LABELS = {
    "name": "名称",
    "full_name": "全称",
    "main_products": "主营产品",
    "business_scope": "经营范围",
    "industry": "所属行业",
    "industry_code": "国标行业",
}
STATED_FIELDS = frozenset({"name", "full_name", "main_products", "industry"})
"""Fields that state what the firm itself does: a plain mention there is 确认, unlike a mention in the scope."""
EXTRA_KEYWORD_BONUS = 0.05
PENDING_FACTOR = 0.6
"""A 待定 tie's confidence is scaled down so that, if a caller asks for 待定 too, it ranks below like 确认 ties."""
MATCH_NOTE = "由企业名称、行业或经营范围与环节关键词自动匹配，可更正"
CORRECTION = "人工更正"
TRADES_NOTE = "经营范围只写了销售或服务，没有写生产"
SHORT_KEYWORD = 2
"""Keywords this short ("电机", "模具") must sit on word boundaries; longer ones are specific enough alone."""
KEYWORD_FREQUENCY = 100_000
"""jieba frequency given to each keyword: far above ordinary words, so a keyword is kept whole where it occurs."""
EVIDENCE_LIMIT = 3
KIND = 2
"""The last characters of a product name say its kind (铅酸蓄电池 → 电池): a scope making that kind makes it."""
LONG_SCOPE = 8
"""A scope of this many clauses or more is treated as boilerplate where main products are given: they win."""
CLAUSE_MARKS = re.compile(r"[；;。，,\n\r\t]|\s{2,}")
"""Clause ends; 、 is not one, because 模具、五金件的生产 shares its verb across the list."""


def _openings(words: Iterable[str]) -> frozenset[str]:
    """The characters `words` open with, for the pattern compiled from the same words: a text opening with none of
    them is passed over with one `in` (a first-character gate), not tried against the pattern."""
    return frozenset(word[0] for word in words)


PRODUCTION_WORDS = (
    "生产", "制造", "加工", "研发", "研制", "制作", "制做", "组装", "装配", "冶炼", "铸造", "压铸", "电镀", "织造",
    "成型", "熔制", "集成", "打样", "纺制", "制备", "锻造", "冲压", "注塑", "总装", "开发", "烧结", "压制", "配制",
    "自产自销", "修造", "产销", "精铸",
)  # fmt: skip
"""Verbs of a scope clause saying the firm makes the thing (生产、销售 counts as making); 制备 and 配制 (chemicals and
solutions: 电解液配制), 锻造, 冲压, 注塑 (forming processes), 总装, and 烧结, 压制 (powder metallurgy: 硬质合金片的压制
与烧结) and 精铸 (精密铸造 in short: 熔模精铸不锈钢阀门) are making in other words, as are the old registrations'
自产自销 (蓄电池自产自销), 产销 (生产并销售: 产销：模具，机箱; 精密铸件、铸钢件……产销, 评测集 README 标法第 1 条
r9x024) and 修造 (修理和制造: 设备修造), and 制做, their miswriting of 制作 (模具设计、制做); 代工 is not (喷涂代工
is a service)."""
FORBIDDING = ("不得", "不准", "禁止")
FORBIDDEN_VERBS = ("生产", "制造", "加工")
"""A verb forbidden (未获审批前不得生产, 限制品种不得制造经营) in licence boilerplate: checked after a verb has matched,
each alternative four characters wide, so that the look-behind costs nothing where no verb is (`MAKING`)."""
FORBIDDEN = re.compile("(?<=" + "|".join(FORBIDDING) + ")(?:" + "|".join(FORBIDDEN_VERBS) + ")")
"""A forbidden verb after its ban (未获审批前不得生产): blanked once in a scope read (`forbidden_blanked`), so that no
verb pattern counts it; `MAKING` also skips it for the texts read raw across fields."""
FORBIDDEN_BLANK = "_"
ZHUANG_NOUN_HEADS = "服时包安西童女男套泳军工"
"""What opens a noun ending in 装 (服装, 时装, 包装, 安装, 西装, 童装, 套装, 工装): before 配件, 配饰 or 配套 its 装
and the 配 after it are no 装配 (服装配件, 时装配饰, 包装配件, 安装配件, 服装配套产品: the noun's parts, accessories
and supplies, no assembly)."""
MACHINE_PART_HEADS = "壳座件芯体"
"""What 机 heads in a part of a machine (机壳, 机座, 机件, 机芯, 机体): 压铸机壳 is a die-cast housing, no machine."""
FOR_PROCESS_MACHINE = re.compile(f"机(?![{MACHINE_PART_HEADS}])")
"""压铸机, 纺纱机 — but 压铸机壳 is a die-cast housing (`MACHINE_PART_HEADS`)."""
MACHINE_PROCESSES = ("压铸", "注塑", "冲压", "锻造", "成型", "烧结", "织造", "电镀", "铸造", "压制")
"""Forming, casting and plating processes of `PRODUCTION_WORDS` that also name their machine (压铸机, 注塑机)."""
MAKING = re.compile(
    "(?<!技术)(?<!房地产)(?:"
    + "|".join(PRODUCTION_WORDS)
    + ")(?<!"
    + "|".join(ban + verb for ban in FORBIDDING for verb in FORBIDDEN_VERBS)
    + f")(?<![{ZHUANG_NOUN_HEADS}]装配(?=件|饰|套))"
    + "(?!咨询|培训|技术|工艺|外包|车间|设备|工具|矿|材料|原料|原、?辅|资料|、?科研所需|所需|性|件"
    + "|服务(?<=研发服务|开发服务|研制服务)|售(?<=产销售)"
    + f"|机(?![{MACHINE_PART_HEADS}箱柜罩架])(?<={'|'.join(process + '机' for process in MACHINE_PROCESSES)}))"
)
"""A production verb, unless it only qualifies a service (研发咨询, 生产培训, 研发外包, 模具研发服务), a topic
(电镀工艺技术培训, 铸造技术咨询), a workshop (电镀车间环保咨询), equipment (加工设备) or a traded good named after a
process (生产工具, 烧结矿, 铸造材料, 电镀原料 and 铸造原辅材料 or 铸造原、辅材料 in a list of goods sold: what the
process uses, 评测集 README 标法第 9 条 (e)), or is the technology R&D of the catalogue wording (新兴能源技术研发,
钠离子电池技术研发与技术咨询): a service, not making. Nor is the 生产
of the old import right (进口本企业生产、科研所需的原辅材料、机械设备、零配件): what the firm needs for its production
is bought in. Nor is the 产销 of 水产销售, 土特产销售 or 房地产销售 (a product's 产, then 销售). Nor is the 开发
of 房地产开发 (GB/T 4754-2017 7010 房地产开发经营), which develops land and buildings, not products, nor 生产性
(生产性废旧金属收购: scrap from production, bought in; 生产性服务), an adjective, nor 生产资料 (农业生产资料: the means
of farming, a trade class of supply co-operatives), nor a verb forbidden (未获审批前不得生产; 不准、禁止生产): the
licence boilerplate closing a list names no activity of the firm. Nor is the 装配 of 服装配件 or 时装配饰 (a noun
ending in 装 and its 配件, 配饰 or 配套, `ZHUANG_NOUN_HEADS`: no assembly). Nor is a forming, casting or plating
process named before 机 (压铸机配件、五金、棉纱……销售, 注塑机: the machine that does it, as `FOR_PROCESS_MACHINE`
reads it for the process's own keyword, 压铸机械配件 too), not the firm's verb (评测集 README 标法第 1 条, 动词管到
哪里); but 机 heading a part (`MACHINE_PART_HEADS`: 压铸机壳) or a case, cabinet, cover or frame (冲压机箱, 机柜, 机罩,
机架) names what the process makes. Only here: for a keyword, 数据中心机柜 is still a thing supplied for it. Nor is a
process heading 件 (销售模具、冲压件; 压铸件, 加工件): the part it makes, a good a list may sell (评测集 README 标法第 1
条), not the firm's verb."""
MAKING_FIRSTS = _openings(PRODUCTION_WORDS)
"""The characters a `MAKING` verb opens with: a text opening with none of them holds no verb at its start, found with
one `in`."""
SURFACE_WORKS = (
    "喷涂", "喷塑", "喷漆", "喷粉", "氧化", "镀", "磷化", "钝化", "发黑", "发蓝", "电泳", "浸锌", "达克罗", "涂覆",
    "着色", "烤漆", "涂塑", "烧漆", "热镀", "热浸", "精饰", "喷锌",
)  # fmt: skip
"""Surface treatments (GB/T 4754-2017 3360: 电镀、镀层、喷涂、着色……; 热浸锌、磷化、发黑或发蓝、电泳、烤漆 in industry
usage), each done to a workpiece: 五金件喷塑 is the process, and 电机外壳喷塑 works on the housing rather than makes
it. 涂塑 (a plastic coat on metal, as 喷塑) and 烧漆 (the old word for 烤漆) are such processes too, written as items
of their own (涂塑，烧漆，五金加工: 评测集 README 标法第 9 条 (a), 工艺作为单独的经营项目写出就标), and so is 精饰,
the trade's word for finishing a surface (表面精饰: 生产、经销及表面精饰和处理 does it, not sells it); 热镀 and 热浸
open 热镀锌, 热浸镀, so a casting before them is galvanised for others, not cast (铁铸件热镀锌加工: 标法第 2 条,
写明做的是对别人的 X 的某种加工时不算制造 X); 喷锌 (a sprayed zinc coat) reads as 热镀锌 does, its liquid and power
supply supplied to it (喷锌液, 喷锌电源: 第 9 条 (e)) and done on the firm's own goods after 及其 (第 9 条 (b))."""
SERVICE_WORDS = ("仓储", "物流", "运输", "配送", "冷库", "冷藏", "冷冻", "预冷", "冷储", "冷贮")
"""Services a keyword may name (冷链仓储, 冷藏运输, 果蔬预冷): done for others, as a process is."""
SPINNING = ("纺", "纺纱")
PROCESS_WORDS = (*PRODUCTION_WORDS, *SURFACE_WORKS, "设计", "处理", *SPINNING, *SERVICE_WORDS)
"""A keyword containing one of these names the activity itself (精密铸造, 鞋样设计, 冷链仓储, 果蔬预冷), not just a
product; one ending in one is the activity alone (纺纱, GB/T 4754-2017 1711 棉纺纱加工, as 铸造 and 冷藏运输)."""
DESIGN_WORDS = ("设计", "研发")
"""A keyword naming design or R&D (鞋类设计, 鞋业研发) is not vetoed by the word 设计 around it."""
LET_WORDS = ("库", "仓储")
LET_NOTE = "出租库房即仓储服务"
"""A keyword naming a store (冷库, 保鲜库, 冷链仓储) is not vetoed by 租赁 around it: letting storage out (冷库租赁,
保鲜库租赁) is the storage service itself, unlike letting out vehicles or batteries."""
STORE = "库"
BUILT_NOTE = "建造冷库，不是冷藏服务（标法第 12 条）"
"""A store (冷库, 保鲜库) a verb of making governs from after it (冷库、空调、制冷设备的制造; 各系列冷库、轻钢结构
房屋的制造、安装、销售) is built for others, as 冷库板 and 冷风机 are made for cold chains: 评测集 README 标法第 12 条,
冷链物流仓储是服务，冷库与冷风机的制造安装不标. Only a store listed bare (a mark or the verb right after it): one with
words of its own (冷库出租、冷库储存) is used, and a verb written before it (水产品加工、冷库) belongs to another
item."""
SELLING = ("销售", "批发", "零售", "经销", "批零", "代销")
"""Verbs of selling what the firm has: 批零 (批发零售, also 批零兼营) and 代销 (selling on another's account) too."""
SOLD = "(?:" + "|".join(SELLING) + ")(?:兼营)?"
"""One verb of selling (`SELLING`), 批零兼营 whole: after a process keyword (铸造、批零兼营) its output is sold."""
SOLD_RUN = re.compile(f"(?:兼营|{SOLD})+")
"""Verbs of selling run on after one (零售 after 批发, 兼营 after 批零): with it one closing verb."""
SOLD_NOTE = "只是销售"
LET_REASON = "出租"
NOT_MAKING = {
    SOLD_NOTE: (*SELLING, "代理", "进出口", "贸易", "商贸", "电子商务", "购销"),
    "培训": ("培训", "教育"),
    "咨询": ("咨询", "技术服务", "技术推广", "技术转让", "中介", "展览"),
    "只做设计": ("设计",),
    "维修": ("维修", "修理", "整修", "保养", "翻新", "修复", "焊补"),
    "安装或工程": ("安装", "施工"),
    LET_REASON: ("租赁",),
    "回收": ("回收", "再生利用", "综合利用", "梯次利用", "拆解", "处置"),
    "人力或物业服务": ("物业", "保洁", "招聘", "劳务派遣", "人力资源"),
    "检测": ("检测", "检验", "测试"),
}
"""Clause words that, without a production verb, mean the firm only trades in or serves the segment. 购销 (购进与
销售, the old registrations' word for trading: 纺织品、纱和农副产品购销) is buying and selling, as 销售 is selling
(评测集 README 标法第 1 条: 只销售、批发的不标); so are 批零 (批发零售: 服装、鞋帽及辅料批零兼营) and 代销 (selling on
another's account: 微型汽车、大货车代销; 代购代销). 整修 is repairing, as 修理 is (生产、整修和销售模具: the
moulds are made, repaired and sold; 巷道整修 repairs a roadway)."""
FOR_PROCESS = (
    "设备", "机械", "机器", "机床", "生产线", "流水线", "装备", "仪器", "仪表", "器材", "材料", "原料", "辅料",
    "耗材", "化学品", "化工", "添加剂", "助剂", "光亮剂", "药剂", "药水", "试剂", "用砂", "型砂", "砂", "涂料",
    "生铁", "焦", "钢", "软件", "模具", "工装", "检测", "测试", "试验", "板", "门", "胶", "挂具", "整流",
    "零部件", "零件", "部件", "配件", "座椅", "内饰", "箱体", "壳体", "外壳", "结构件", "支架", "培训", "教具",
    "实训", "电解液", "隔膜", "正极", "负极", "废", "污泥", "环保", "原辅", "中间体", "溶剂", "机器人", "包装", "窑",
    "炉", "车身", "车架", "线束", "热管理", "液冷", "充电", "保温", "轮胎", "玻璃", "灯", "空调", "电池", "瓶", "车",
    "标准件", "滚筒", "槽", "附件",
)  # fmt: skip
"""What directly follows a keyword when the thing is *for* it (电镀设备, 电镀中间体, 模具钢, 模具标准件, 乘用车座椅,
轿车轮胎, 冷藏运输车, 铸造废砂, 电镀滚筒, 镀槽; 客车附件, the old word for 配件), also after 加工/生产/制造
(加工设备)."""
NOT_FOR_PROCESS = ("胶囊", "车间")
"""Words starting like a FOR_PROCESS word that are the product's own form (阿莫西林胶囊 is the drug, not glue) or
a workshop (电镀车间), not a vehicle for the thing (车)."""
PLATING = "镀"
METAL_COAT = re.compile("(?:镀|浸)硬?[锌铬镍锡金银铜钛铝]$")
"""A coating process named by the metal it lays (镀锌, 热镀锌, 镀硬铬, 热浸锌): GB/T 4754-2017 3360, the process itself
though its name ends in the metal, not in a process word (`PROCESS_WORDS`), so its item reads as a process's does
(热镀锌及技术咨询服务: 评测集 README 标法第 9 条 (a), as 表面处理及技术服务)."""
PLATED_GOODS = ("玻璃", "钢", "板", "管", "件", "制品")
"""After a plating keyword (镀膜玻璃, 镀锌钢管, 镀锌板) these are the plated goods themselves, not goods for plating:
评测集 README 标法第 9 条（d）, 生产电镀制品、镀膜产品的按做电镀标. Being goods, not a process, they are traded in a
verbless list holding a class of traded goods (电镀制品、化工原料及产品: 标法第 1 条), where a process item stays done
(D4 covers processes only)."""
TRADED_PLATED_GOODS = (*PLATED_GOODS, "产品")
"""Plated goods a verbless trade list may hold (`PLATED_GOODS`, and 电镀产品、化工原料; 镀膜产品、建材): goods, traded
as 电镀制品 is (标法第 1 条); kept apart so that what `_SUPPLIED_PLATED` reads as supplies after a plating keyword
stays as it is."""
CUT_BEFORE = re.compile("(?:裁切|剪切|分切|切割|纵剪|横剪|开平)(?:加工)?$")
"""Cutting written before plated goods (裁切加工电镀锌板) works on bought-in goods, so they are not the firm's plating
(评测集 README 标法第 2 条: 写明做的是对别人的 X 的某种加工时不算制造 X)."""
MOULD = "模具"
MOULD_LISTED = re.compile("(?:五金|机械)(?!设备|配件|零件)")
"""“模具五金”“模具机械” read as 模具 and 五金, 机械 (评测集 README 标法第 10 条), not goods for moulds."""
FOR_USE = ("用", "专用", "使用", "所用")
"""X用Y, X专用Y, X加工用Y, X所用Y: Y is made for X (铸造用砂, 模具加工用刀具, 仿制药所用化学原料药); a keyword that
itself holds 用 (鞋用胶, 储能用电池) is not affected."""
SERVICED = (
    *SURFACE_WORKS, "热处理", "电镀", "表面处理", "抛光", "清洗", "清理", "打磨", "喷砂", "染色", "维修", "回收",
    "检测", "减薄", "切割", "分切", "来料", "代加工", "再制造", "印染", "漂白", "炼白",
)  # fmt: skip
"""A process that directly follows a keyword: the firm works on the thing for others (电机外壳喷涂; 棉纱炼白, 棉纱、
绒线的印染: dyeing, bleaching or scouring yarn is no spinning, 评测集 README 标法第 11 条), not makes it;
来料 (the customer's own material: 玻璃基板来料研磨) and 代加工 say so of any process after them, and 再制造 restores
used ones, as 维修 does (汽车发动机零部件再制造; the seed excludes 发动机维修 and 发动机再制造 alike)."""
SERVICED_FIRSTS = _openings(SERVICED)
"""The characters a `SERVICED` word opens with: a text opening with none of them is passed over with one `in`, not
tried against each word."""
JOINING = ("复合", "贴合", "覆合", "层压")
JOINED_GOODS = "材料"
"""The material right after a keyword naming what is joined (布的贴合, 鞋材复合) is what the joining makes (泡棉、皮革和
布的贴合材料: 评测集 README 标法第 11 条 names it), not a material supplied for it, as 电镀材料 is for plating; after
the bare process word opening an item of its own it names nothing joined (膜、布、复合材料: 标法第 11 条, 没有写面料),
but written onto what is joined it does (TPU膜与面料的贴合材料)."""
CHAINED_FINISHES = (*SURFACE_WORKS, "热处理", "表面处理", "抛光", "打磨", "喷砂", "清洗")
"""Finishes that, after a finishing keyword, are the next step of the same work (电镀抛光加工, 喷砂氧化, 磷化喷涂:
评测集 README 标法第 9 条 (a), 工艺作为单独的经营项目写出就标), not a service done to the keyword's thing."""
EQUIPMENT_HEADS = (
    "设备", "机械", "机床", "炉", "窑", "生产线", "流水线", "装备", "仪", "仪器", "仪表", "试验台", "台架",
    "软件", "教具", "试剂", "耗材", "器", "系统", "材料", "模具", "机器人", "装线", "产线", "输送线", "自动线",
)  # fmt: skip
"""The head (last word) of the phrase a keyword starts: 硬质合金压制机 and 正极材料烧结窑炉 are machines,
蓄电池充电器, 动力电池热管理系统, 玻璃基板包装材料 and 电机机壳拉伸模具 are made for the keyword's thing, and
汽车整车涂装线 and 阳极氧化自动线 are lines for it. A phrase ending in 用 (硬质合金粘结相用, in a note after the
product) says the product is for the keyword's thing."""
PLATING_LINE = (*EQUIPMENT_HEADS, "机")
"""Words that make a part after plated goods a part of the line making them (镀锌板生产线配件, 镀锌钢管设备配件,
镀锌板机组零部件): supplied for plating (标法第 9 条 (e)), not the plated part 镀锌钢结构件 is (第 9 条 (d))."""
PART_HEADS = (
    "极板", "箱体", "壳体", "外壳", "托盘", "支架", "结构件", "毛坯", "夹芯板", "盒", "电池", "零部件", "零件", "部件",
    "配件", "电路", "线束", "隔板", "隔离板", "隔膜", "塑壳",
)  # fmt: skip
"""A part heading the phrase a keyword starts is a part *for* the thing (铅酸蓄电池生极板, 蓄电池玻纤隔板, 蓄电池隔离板,
蓄电池塑壳 (its plastic case: 评测集 README 标法第 8 条, 电池槽、外壳……是电池部件),
动力电池包下箱体, 制动盘毛坯, 冷库聚氨酯夹芯板, 电池包高压配电盒, and a battery, parts or wiring after a vehicle:
新能源汽车刀片电池, 新能源汽车关键零部件, 汽车整车电路), not the thing; after a casting keyword it is the casting
itself (压铸电机壳体), so not there."""
BLANK = "毛坯"
"""A blank closing the list a keyword opens (汽车缸体、缸盖毛坯铸造) is the shared head of every item, each a blank
supplied to the thing as 发动机缸体毛坯 is (`PART_HEADS`; 评测集 README 标法第 7 条), not the thing; for a casting
keyword it is the casting itself, so not there."""
CONVERSION = "改装"
"""Converting a bought chassis (专用作业车改装, 冷藏车改装) is GB/T 4754-2017 3660 改装汽车制造, not vehicle making
(361x 整车制造): a clause item saying so is not making what it names, whatever verb it also holds."""
CONVERTED_VEHICLES = re.compile("改装(?:汽车|车)")
"""Converted vehicles named as a product of their own (改装汽车, 各种改装车): listed beside 载货汽车 they are a second
product, not a verb over the list (评测集 README 标法第 6 条: 两类都做的标整车), so only the item holding them is
converted."""
PHRASE_END = re.compile(r"[、的及和与/（()]")
OF = "的"
"""A keyword, 的, then a noun phrase headed by a part, material or machine names what is made for the thing
(蓄电池的辅助材料, 用于生产蓄电池的超细玻璃隔板: 评测集 README 标法第 8 条), as that phrase written onto it does."""
TRAILING_VERBS = re.compile(r"(?:生产|(?<!再)制造|加工|研发|开发|研制|制作|制做|组装|销售|设计|服务)+$")
"""Verbs closing a phrase (冷链物流信息平台软件开发): the noun before them is the phrase's head (软件); 再制造 is no
making but a service done to the thing (`SERVICED`)."""
SPACED_VERB = re.compile(" ?(?:生产|制造|加工|制作|组装)+(?= )")
"""Verbs of making right after a keyword, then one space: an old scope spacing its items instead of marking them
(模具 制造 销售 维修, r73x096; 电镀加工 电镀材料、除尘器配件批零, r53x133) closes the keyword's item with them, so the
phrase ends there as at 、, and what follows the space is another item (a 维修 another of the firm's activities, not a
service done to the thing made: 模具制造、销售、维修, 标法第 1、10 条). Only verbs of making: a sold thing's phrase
(钱包销售 仪器生产) is left as it was, lest the space-joined item read the next item's 生产 as its own. It covers
making verbs directly after a keyword and one space, then a space (模具 制造 销售), not a verb run on into selling
(模具 制造销售) nor one after another word (模具 设计 制造); only 3 of the 20,000 real scopes space a making verb so."""
FOR_PROCESS_LINK = ("加工", "生产", "制造", "研发")
"""X加工用Y, X研发用Y: Y is still for X (新药研发用实验动物)."""
ACCESSORY_ENDS = ("辅料", "辅材", "附件", "配件", "用五金", "业五金", "料五金", "类五金")
"""A keyword ending so names accessories or fittings itself: a part word after it (鞋用辅料配件, 鞋业五金配件) is
more of the same thing, not a part supplied for it (评测集 README 标法第 11 条: 鞋辅料、鞋附件 are 制鞋辅材); bare
五金, a trade class (五金零件), names no fittings of a thing."""
PART_OF_PART = re.compile("等?(?:零部件|零件|部件|配件|总成|锻件|铸件|钢件|缸体|壳体|阀体)")
"""After the part of a thing (`together` A > B), these still name that part (岩心钻机卡盘配件, 钻具内管总成), its body
(汽车液力制动主缸缸体: 评测集 README 标法第 7 条, a part of a named brake part is the brake system's), or the form it
is made in (牙轮钻头牙掌锻件, PDC钻头刀翼钢件); after 等 they close a list of the parts named (电机槽楔、风叶、端盖等
配件: 评测集 README 决定 D9)."""
GENERIC_PART = re.compile("零部件|零配件|零件|部件|配件|备件")
"""A part word naming no part in itself: written onto a noun, it is that noun's part (机电配件)."""
MACHINE_ENDS = ("机", "线", "设备", "机械", "装备")
"""A together word ending so is a machine: a 配件 after it is a part for the machine."""
SHARED_LIST = re.compile(r"(?:、[^\W的及和与]+)+")
"""The 、-listed items after a word, each up to a mark, 的 or a conjunction (`_shares_equipment_head`)."""
BARE_WORD = 2
"""The length of a word listed bare before a head it shares (速冻、冷藏、制冰设备: 冷藏)."""
SHARED_EQUIPMENT = re.compile(
    f"\\w{{1,{BARE_WORD}}}(?:{'|'.join((*MACHINE_ENDS, '柜', '箱', '车', '车辆', '器', '装置'))})"
)
"""A short listed item that is a machine, cabinet, box or vehicle (制冰设备, 保鲜柜, 冷藏车): the head the bare words
listed before it share."""
LIST_MARKS = "、及和与"
"""The 、 and the conjunctions between listed items (汽车、农用车; 制造及销售), for patterns that cross them; the one
spelling of these marks, which `CONJUNCTIONS`, `ITEM_END` and `WORD_END` are built from."""
CONJUNCTIONS = frozenset(LIST_MARKS) - {"、"}
"""Characters joining two members of a coordination (钻头及配件, 植物精油与天然香料)."""
_REFERS_BACK = re.compile("(?:及|和|与)(?:其|其他|相关|附属|配套)?$|上述|相关$")
"""A part word after these is the part of what the list before it names (矿山机械、水泥机械及配件, 及相关零部件)."""
_PART_PREFIX = re.compile("(?:零|备品|的)+$")
"""Ends of the noun before a part word that belong to the part (零配件, 备品备件) or only join it (机械的备件)."""
GENERIC_MACHINE = re.compile("(?:各类|各种|通用|普通|一般|其他|其它)?(?:机械设备|机械|设备|机电设备|机电|机器)")
"""A noun naming machines of no kind: a part written onto it (机械配件, 各类机械设备零配件) names no machine's part."""
_MINED = re.compile("矿|探")
"""A noun holding these names mines or prospecting (工矿配件, 物探配件): a part written onto it is the thing's."""
OIL_FIELDS = re.compile("石油(?!气)|天然气|油气|煤层气|油田|钻采")
"""Oil and gas fields: a drill or drilling tool named in an item holding these (石油钻具, 石油天然气煤层气钻机) is
an oil well's, whose parts are no 地质装备零配件 (评测集 README 标法第 7 条: 石油钻采配件不标, 定义只连矿山机械与
地质钻机). Not 石油气 (液化石油气, a fuel)."""
OIL_DRILLS = re.compile("钻机|钻具|钻探|泥浆泵")
"""The drills and drilling tools among the things of parts (钻机, 钻具, 钻探, 泥浆泵) that an oil field's words before
them make an oil well's (`OIL_FIELDS`); other things stay (天然气汽车发动机 is still a car's, 石油钻头 a drill bit)."""
OIL_PHRASE = re.compile("[及和与/ ,]")
"""What ends the noun phrase before a drill: an oil field's words before it name another thing (液化石油气充装及地质钻机
零部件, 石油化工设备 钻机零部件); a bracketed note does not (石油钻机(含泥浆泵))."""
GEOLOGY = re.compile("地质|勘探")
"""Between an oil field's words and a drill these make it a geological one (石油地质勘探钻机), as 标法第 7 条 ties."""
SHARED_HEADS = (*MACHINE_ENDS, "机组", "行业", "耐磨", "易损", "专用")
"""A part word written onto a noun ending so may be the part of the whole list (洗选设备配件, 化工行业备品备件) or says
what the part is like (耐磨配件), not whose it is."""
NEGATIONS = ("不含", "不包括", "不包含", "不涉及", "不从事", "限非")
"""A word right after these is left out of the scope (货物仓储（不含冷链）; 药品批发（限非冷藏及冷冻药品）: only
drugs kept unchilled)."""
EXCEPTED_NOTE = re.compile(r"[^()]*除外\)")
"""The rest of a bracketed note that leaves what it names out (机电产品（小轿车除外）, （小轿车、摩托车除外）)."""
EXCEPTING = re.compile("除(?!锈|尘|油|垢|湿)")
"""A bracketed note opening with 除 leaves out what it names, as one opening with 不含 does (汽车（除小轿车）销售,
（除危险化学品）); 除锈, 除尘 are processes (表面处理（除锈、喷漆）)."""
LEFT_OUT_NOTE = re.compile(rf"\(([^()]*)除外\)|\((?:{'|'.join(NEGATIONS)}|{EXCEPTING.pattern})([^()]*)\)")
"""A bracketed note that leaves out what it names: （整车生产及改装除外）, （不含生产）."""
LEFT_OUT_MARKS = ("除外)", "(除", "(不")
"""What every `LEFT_OUT_NOTE` holds: 除外 closing its bracket, or a bracket opening with 除 or with one of `NEGATIONS`
(all written with 不). A clause with none of these (除锈、不锈钢 are no notes) leaves nothing out, and is read without
looking for such notes."""
VERBS_ONLY_NOTE = re.compile("(?:生产|制造|加工|销售|经营|批发|零售|[、,和及与])+")
"""A left-out note naming only activities (生产、销售), one of them making: the firm says it does not make the item
(`NOT_MADE_NOTE`); one leaving out only selling (（不含销售）) says nothing of making."""
NOT_MADE_NOTE = "写明不生产"
NOTE_VERBS = re.compile(f"{MAKING.pattern}|{CONVERSION}")
"""The verbs a note of exception leaves out that would otherwise make or convert the items around it."""
NOT_CHEMICAL = re.compile("生物药|生物制品|生物技术药|抗体|疫苗|血液制品|中药|中成药")
"""Drugs of other GB/T 4754-2017 classes than chemical drugs (271/272): 276 biological products, 274 and 273
traditional Chinese medicine. A clause making one of these makes no 化学药品, whatever kind the segment is of."""
UNNAMED_DRUGS = ("药品生产", "药品制造", "药品的生产", "药品的制造")
"""Keywords that make drugs without naming their kind: the labelled sets read them as chemical drugs where the firm's
texts name no other kind (没写中药就按化学药品), and a firm naming one (许可项目：药品生产 beside 主营产品 中成药, or a
veterinary one) makes that kind, so a tie resting on them alone is then 待定 (`unnamed_drugs`)."""
UNNAMED_NOTE = "只写药品生产，另写了中药、生物制品或兽药"
BARE_DRUG = "药品"
"""药品 alone, a keyword of 化学药品: made by the firm it is 药品生产 in other words (评测集 README 标法第 4 条 (a),
read by 第 1 条: 生产：药品; 药品、食品生产; 研制、生产、销售药品; 药品研发与生产), so it grades as `UNNAMED_DRUGS`
do, 待定 or excluded beside another kind of drug. It names the segment only as an item of its own (`_drug_item`)
that the clause reads as made (确认) and that a verb of making reaches (`MADE_HERE`: research alone is not making,
标法第 5 条 and 决定 D2); anywhere else (药品、医疗器械零售; 食品药品监督; 药品包装材料; 药品开发、咨询服务) it
yields no tie at all, as a trader's 药品 is the common one. Not added to the tokenizer: jieba's own dictionary
holds it, and a keyword's weight would cut 新药品, 中西药品 into 新/药品, 中西/药品 and lose the keywords 新药,
中西药."""
CHEMICAL_DRUG_CODES = ("271", "272")
"""GB/T 4754-2017 271 化学药品原料药制造 and 272 化学药品制剂制造: a segment with one of these codes, or one below it
(`parent`: 口服固体制剂 under 化学药品) or a kind of it (`kind_of`: 创新药, 仿制药), makes chemical drugs, the only
segments whose ties a dosage form names and a TCM or biochemical mark can then take away (`other_drug_kinds`); a
keyword of any other segment that ends like a dosage form (鞋用粘胶剂, 纺织助剂) is no drug at all."""
OTHER_DRUG_MARKS = re.compile(
    "中药|中草药|中成药|药材(?!料)|饮片|天然药物|植物提取(?!设备|机|装置|罐|器)|原料药\\([^()]*?提取物|(?<![冷贮储])藏药|(?<![滴糖])丸剂(?!\\((?:糖丸|滴丸)\\))|蜜丸|水丸|浓缩丸|糊丸|煎膏|膏滋|酒剂|药酒(?![精店])|露剂|茶剂"
    "|(?<![凝橡粘黏])胶剂|膏药|浸膏剂|流浸膏|(?<![粘黏复混])合剂|生化|生物制品|疫苗(?!注射器|冷|运输|储|贮|配送|接种)|(?<!辅)酶|肝素|乳酸菌|胃膜素|兽药|兽用"
)
"""Marks of a drug maker of another class than chemical drugs (评测集 README 标法第 4 条 (b), (d)): traditional Chinese
medicine (中药、中草药、中成药、饮片、天然药物、藏药, 药材 as 中药材 is also written: 药材种植, not 医药材料), plant
extraction as 中药提取 is (药用植物提取, 植物提取物, and an extract named as the API, 原料药（女贞叶乙醇提取物）: 标法第
4 条 (c) and 2026-12-04 决定 D1 name them a herbal kind), and the dosage forms only it has: 丸剂 but for 糖丸 and
滴丸(剂), 蜜丸、水丸、浓缩丸、糊丸, 煎膏剂 or 膏滋, 酒剂 or 药酒 (not 医药酒精, 医药酒店, nor one among liquors,
`LIQUORS`), 露剂, 茶剂, 胶剂, 膏药, 流浸膏剂 and 浸膏剂 (one section of 《中国药典》, extracts of decoction pieces) and
合剂, which 《中国药典》 defines as made from decoction pieces; biochemical or biological drugs (生化药, 生物制品 and
疫苗: in the scope only written onto or noted with a dosage form, `BIOCHEMICAL`, `BIOLOGICAL`), enzymes, 肝素, 乳酸菌素
and 胃膜素 (the mucin drawn from the pig's stomach lining, as 胰酶 from its pancreas); and veterinary drugs made by the
firm (兽药原料及制剂的生产 beside 片剂、硬胶囊剂: 第 4 条 (d), 兽药剂型清单不标). Not 冷藏药品, 凝胶剂, 粘合剂, 辅酶;
the lookaheads on 疫苗 (疫苗注射器, 疫苗冷藏运输, 疫苗接种) matter for the stated fields only, as in the scope a vaccine
counts only with a form noted. A list of dosage forms beside one of these among the firm's own products is a TCM or
biochemical maker's licence, not a chemical-drug maker's (`other_drug_kinds`)."""
BIOLOGICAL = re.compile("生物制品|疫苗")
"""The biological products of `OTHER_DRUG_MARKS`. 评测集 README 标法第 4 条 (d) and 决定 D10 (2026-12-05):
“点名的生物制品、疫苗本身不标（第 4 条 (d)）；单独成项的生物制品、疫苗是另一类，不使企业同列的化学药剂型改标；只有写在
剂型的括注里（注射剂（生物制品）、小容量注射剂【疫苗】）或剂型写在它的括注里（疫苗（冻干粉针剂））时，那个剂型才是生物
制品”, so in the scope one marks only the form noted with it (`_biological_form`). In a note naming an API
(原料药（生物制品）) it names the drug."""
BIOCHEMICAL = "生化"
"""The biochemical mark of `OTHER_DRUG_MARKS`: in the scope it marks only a form it is written onto (生化药品片剂,
生化制剂) or noted with (`_biological_form`: 片剂（生化药品）), as D10 reads a biological product; a 生化药品 listed
on its own is another class that leaves the forms beside it chemical (评测集 README 标法第 4 条 (a), (d);
生化药品、片剂、胶囊剂生产), as a separately listed 生物制品 does (`_biochemical_form`)."""
MEDICINAL_LIQUOR = "药酒"
LIQUORS = re.compile("白酒|黄酒|保健酒|配制酒|露酒|果酒|米酒")
"""Liquors beside which 药酒 is a 配制酒, a beverage (白酒、药酒生产; 保健酒、药酒（配制酒）), not the TCM 酒剂 of
评测集 README 标法第 4 条 (b): a 药酒 with one in its clause marks no other drug class (`_own_mark`)."""
EXTRACT = "提取物"
"""An extract named in a note (女贞叶乙醇提取物, 甜菊提取物) names no chemical drug (评测集 README 标法第 4 条 (c)
names chemical APIs and preparations); only one named as the API (原料药（……提取物）) marks a herbal maker
(`OTHER_DRUG_MARKS`), and a food or chemical extract the firm makes beside tablets takes nothing away."""
CHEMICAL_MARKS = re.compile(
    r"化学药|(?<!生)化药|化学原料药|(?<!药)(?<!物)(?<!生化)(?<!提取)原料药(?!\()|西药|西成药|青霉素|头孢|激素"
)
"""What states chemical drugs outright and outweighs those marks (标法第 4 条 (c)): 化学药品制剂 (化药, not the 化药 of
生化药品, a biochemical drug: 第 4 条 (d)), 化学原料药 and an API of no stated kind made by the firm, whatever TCM
marks stand beside it (不写种类的“原料药”按化学原料药, 2026-12-04 决定 D1; not 中药原料药, 生物原料药, 植物原料药,
one drawn by extraction, 提取原料药, 植物提取物原料药, 天然药物原料药, which name a herbal kind, nor one whose note
names the drug: the note decides, 原料药（蚓激酶）), 西药, and the dosage forms a licence marks as penicillins,
cephalosporins or hormones (片剂（含青霉素类）, 软膏剂（激素类）), which need workshops of their own; a named chemical
drug is a keyword of its own (the tie then does not rest on dosage forms alone) or named in a note (`NAMED_DRUGS`)."""
NAMED_DRUGS = re.compile(r"(?:原料药|药品)\(([^()]+)\)")
"""Drugs named in a note after 原料药 or a class of 药品 (原料药（多西他赛）, 精神药品（阿普唑仑片、地西泮片）): one
that bears none of `OTHER_DRUG_MARKS` (原料药（蚓激酶） does) is a named chemical drug (标法第 4 条 (c))."""
OTHER_DRUG_NOTE = "剂型清单另写了中药或生化药（标法第 4 条）"
API = "原料药"
NAMED_API_NOTE = "点名的原料药"
"""A bare list item 原料药 naming its drugs in a note (原料药(硫普罗宁、双氯芬酸钠)) is the firm's own API, as a bare
dosage form is its own drug: 评测集 README 标法第 1 条 (bare lists are own products) and 第 4 条 (c) (a named API, even
alone, is a chemical drug), unless the note names a drug of another class (原料药（乳酸菌素）, 第 4 条 (d))."""
OTHER_API_NOTE = "点名的原料药是中药或生化药（标法第 4 条 (d)）"
"""An API whose note names drugs marked as of another class and no chemical drug (`_names_chemical`: 原料药（胆红素、
胃蛋白酶）): 评测集 README 标法第 4 条 (d), 点名的药是生化药或生物制品不标, and the note decides the kind of an API it
names, so the API is no chemical drug, made or listed. A note of dosage forms only (原料药（片剂）) names no drug, and
the API stays one of no stated kind (2026-12-04 决定 D1)."""
API_NOTE_MARKS = re.compile("胆红素|(?<!流)浸膏")
"""Names of biochemical drugs and extracts that mark another class only as a named API (原料药（胆红素）,
原料药（肝浸膏）: 评测集 README 标法第 4 条 (d)): elsewhere in a scope they name a reagent's analyte
(总胆红素测定试剂盒) or a food (麦芽浸膏), not a drug the firm makes (`OTHER_DRUG_MARKS` reads the whole scope)."""
OWN_GOODS = ("本公司", "本厂", "本企业", "本单位", "自产")
"""After a process keyword these say the process is done only on the firm's own goods (电镀本公司生产的婚用饰品):
评测集 README 标法第 9 条 (b), 写明只在自产品上做的不标."""
OWN_GOODS_NOTE = "只为自产品做该工艺（标法第 9 条）"
ITS_OWN = re.compile(
    f"[及和与]其(?![他它余])(?:配套)?(?:\\w*?(?:{'|'.join((*SURFACE_WORKS, '处理'))})(?:加工)?[、及和与])?$"
)
"""Before a process keyword, 及其 refers it to the goods just named (生产和销售五金制品及其配套电镀), also past a
surface treatment joined before it (五金、塑胶件生产及其表面处理和电镀加工): the process is done on the firm's own
goods, as `OWN_GOODS` after it says (评测集 README 标法第 9 条 (b)); not 及其他 (灯饰及其他五金和电镀制品)."""
OUTSOURCED_WORDS = ("外发", "发外加工", "发外协", "委外")
OUTSOURCED = re.compile("|".join(OUTSOURCED_WORDS))
"""Work sent out to another firm, written in the keyword's phrase after it (承接电镀业务外发加工, 上述产品电镀工序发外
加工) or opening a note on it (青铜铸件（外发加工）): the firm takes the order and passes it on, doing none of it
(评测集 README 标法第 9 条 (e): 只接单外发的不标, r9x089). A note sending out another process (五金件（电镀工序发外
加工）) leaves the thing made. 发外 sends out only as 发外加工 or 发外协: the 发外 of 研发外包 (R&D outsourcing, a
service) or 批发外销 is none."""
OUTSOURCED_NOTE = "外发给别人做（标法第 9 条 (e)）"
TAKEN_IN = re.compile("^(?:承接|接受)|[、:](?:承接|接受)[^、]*$")
"""承接 or 接受 opening the clause or the keyword's listed item: the firm takes work in, so 委外 and 外发 straight
after the process word (承接电镀委外加工, 承接电镀外发加工业务) are the jobs others send out to it (评测集 README
标法第 9 条 (a)), not its own sent on; 承接电镀业务外发加工 still passes its orders on."""
TAKEN_IN_WORK = re.compile("^外发|委外")
"""The work taken in that `TAKEN_IN` lets stand: 外发 straight after the keyword, 委外 anywhere in its phrase."""
PURCHASES = ("收购", "采购", "购销")
"""Buying in (中药材收购): like selling, not the firm's own product."""
CAST = "铸"
CAST_PARTS = ("零部件", "零件", "部件", "配件", "壳体", "外壳", "结构件", "支架", "箱体")
"""After a casting keyword a part is the casting itself (压铸外壳, 铸造零部件), not a part for the foundry."""
CAST_WARES = ("锅", "锅具", "炊具", "工艺品", "艺术品", "雕塑", "摆件", "佛像")
"""A cooking or art ware a casting keyword heads (搪瓷铸铁锅, 铸铁炊具, 精铸工艺品): a product of its own class
(GB/T 4754-2017 338x 金属制日用品, 243x 工艺美术品), not castings (评测集 README 标法第 3 条, r38x046 搪瓷铸铁锅)."""
CASTING = "铸造"
"""The bare casting process: 铸造工艺品 casts the wares (评测集 README 标法第 3 条, the process written out), unlike
精铸工艺品 or 铸铁锅, which name the wares by their metal or make (`CAST_WARES`)."""
CAST_WARE_AND_PART = re.compile(f"[及和与][^\\W、]*?(?:{'|'.join(CAST_PARTS)})")
"""A part joined to a cast ware in its phrase (精铸工艺品及机械配件): the castings are made beside the wares."""
MACHINED = ("精加工", "机加工", "机械加工")
"""Machining written straight after a cast product (铸铁件精加工, 铸件机加工): the firm machines castings cast by
others, not casts them; after the casting process it is one more step of the firm's own (压铸精加工) (评测集 README
标法第 2 条, r3x123: 为铸钢件做机加工，按“为它加工的不标”); after another part it is that part's making
(电机端盖精加工). So is machining written before a cast product as its only making (`_machined_only`)."""
CASTING_WORDS = (CAST, "熔炼", "翻砂")
"""Words of casting outside `PRODUCTION_WORDS` (精铸, 浇铸, 熔炼, 翻砂): left in a heading beside machining
(机加工、精铸：不锈钢精密铸件) they say the firm casts what it machines (评测集 README 标法第 2 条 excludes only work
on castings of others)."""
RESEARCH_ONLY = (
    "研究开发",
    "研究与开发",
    "成果转化",
    "技术研究",
    "新技术",
    "技术研发",
    "技术的研发",
    "技术开发",
    "的开发",
)
"""Words of technology R&D: a process in an item so worded, with no making beside it, is researched, not done
(热浸镀锌技术的研发: 评测集 README 标法第 5 条、第 9 条 (e))."""
RESEARCHED = re.compile("研究[、与及和]?开发|的开发|的研究$")
"""The old registrations' 研究、开发 of a product (模具的技术和标准件的研究开发, 生物医药的研究开发): research, not
making, unless the item also names making (研究、开发、生产), the keyword names R&D or design itself (鞋类设计) or
its segment's work is R&D (`RESEARCH_WORD`). So is a product's 的开发 alone (微电子用玻璃基板的开发；提供相关的
技术咨询、技术服务、技术转让), and an item ending in 的研究 (中成药、西药、原料药及保健品的研究): 评测集 README
标注原则“只做研究设计（制鞋研发除外）不标”与标法第 5 条."""
RESEARCH_WORD = "研发"
TECHNOLOGY_AFTER = re.compile("(?:生产|制造|加工|制备|合成)?技术")
"""A product written before 技术 (西药生产技术的研发、咨询、转让) is the topic of the technology researched and passed
on, not the firm's product: 评测集 README 标法第 5 条, 只做研究开发服务、技术转让或咨询不标."""
NEW_DRUG = "新药"
"""A keyword naming a new drug (改良型新药) names the firm's own new drug: its 开发 is 研制自有新药 (评测集 README
标法第 5 条), not research for others."""
"""A segment with a keyword holding this (创新药研发, 鞋业研发) does R&D as its work: 抗癌新药的研究、开发 is 创新药
(a bare 新药 so researched is not: `UNNAMED_NEW_DRUG_NOTE`)."""
REPORTED = ("报批", "申报")
"""Reporting a new drug for approval (报批新药; 新药研发、注册申报): 评测集 README 标法第 5 条 counts it as
研制自有新药."""
UNNAMED_NEW_DRUG_NOTE = "只研究开发，没有点名病种或报批的新药（标法第 5 条）"
"""新药 alone opening its item (`ITEM_OPENING`), its item's verbs research only (新药研发、转让; 新药、生物制剂的
研制、开发; 新药、医疗器械技术研究、开发及技术转让): 评测集 README 标法第 5 条 counts 研制自有新药 only where the
drug is named (心血管疾病新药, 多肽新药) or reported for approval (报批新药), and 只做研究开发服务、技术转让或咨询
不标; research beside making (研发、生产、销售……新药) stays. A registration category before it names no drug either
(`DRUG_CATEGORY_BEFORE`)."""
DRUG_CATEGORY_BEFORE = re.compile("(?:化学|生物|小分子)$")
"""A registration category written before 新药 (化学新药研发, 生物新药的研究开发; 小分子, the chemical drugs' own
kind, as broad: 小分子新药研发; 中药新药 is no 创新药 at all, the seed's exclude word): it names neither the disease nor
the drug, so the 新药 stays unnamed (`UNNAMED_NEW_DRUG_NOTE`). A disease (抗癌新药) or a narrower kind of drug
(多肽新药) names it, and a registration class (一类新药, 国家1类新药, 2类新药) is the class 化学药品注册分类 gives the
drug on its 报批, which 标法第 5 条 counts."""
RESEARCH_VERBS = frozenset({"研发", "开发", "研制"})
"""Production verbs that, beside consulting or transfer and no other verb, are research: an item so worded names no
product of the firm's own (评测集 README 标法第 4 条: 中药标志只看自产项目, and so do the marks of chemical drugs;
第 5 条: 只做研究开发服务、技术转让或咨询不标)."""
RESEARCH_ENDS = tuple(sorted(RESEARCH_VERBS))
"""What a keyword naming research ends in (仿制药研发): its selling after it is no making (`SOLD_DIRECTLY`)."""
SYSTEM_SEGMENTS = frozenset({"汽车发动机", "汽车变速器", "汽车制动系统", "汽车转向系统"})
"""The four vehicle systems of 汽车关键零部件 (评测集 README 标法第 7 条: 这四个系统、它们的总成或点名属于它们的零件标;
零件要写明……是汽车用): a generic part word right after one of their keywords (`OWN_PARTS`: 汽车转向系统零部件,
线控转向系统的关键零件), written as a car's (`CAR_WORDS`), names a part of that system, which is the segment, not
a part supplied to it; a blank or body (发动机缸体毛坯, 变速箱壳体), a tool's part (发动机缸体夹具零件) or a tractor's
(拖拉机转向器配件) still is supplied. The parent's other keywords (驱动桥, 汽车减震器) name other systems, whose parts
are none of the four; `SYSTEM_WHOLES` of it name them all or one of them."""
SYSTEM_PARENT = "汽车关键零部件"
"""The segment of all four systems (`SYSTEM_SEGMENTS`)."""
SYSTEM_WHOLES = frozenset({"汽车关键零部件", "动力总成", "转向系统", "变速器"})
"""Keywords of `SYSTEM_PARENT` that name the four systems or one of them (动力总成关键零部件), not another system."""
CAR_WORDS = re.compile("汽车|机动车|车辆|轿车|客车|货车|卡车|乘用车|商用车|车用|整车")
"""Words naming a car: a system's parts are a car's only where the keyword or its clause before it says so (评测集
README 标法第 7 条 零件要写明……是汽车用; as the seed's vehicle-then-part `together` groups read 汽车 > 制动器): 汽车
发动机零部件, 新能源汽车及新能源动力总成关键零部件, but not 汽油发动机配件、汽车零配件、农业机械配件."""
OTHER_VEHICLES = re.compile("摩托车|电动车|电动自行车|自行车|三轮车")
"""Vehicles that are not cars, whose parts an exclusion word names as theirs (摩托车刹车片, 电动车制动器总成): an
exclusion word opening with another vehicle is waived in a run after a car (`SHARED_RUN`) only if that vehicle is
here."""
SHARED_RUN = re.compile(f"(?<!非)(?:{CAR_WORDS.pattern})(?:[、及和与]?(?:{OTHER_VEHICLES.pattern}))+")
"""A car, then other vehicles, listed straight on (汽车、摩托车; 汽车、电动自行车; 汽车摩托车): a part closing the run
is the head of every vehicle of it, the car's too (评测集 README 标法第 7 条: 零件写明是汽车用; 第 1 条: a list's
words share what closes it, as its verb), so an exclusion word opening with a vehicle inside the run (摩托车刹车片;
自行车刹车片 in 汽车、电动自行车刹车片) does not veto it; after a car that is an item of its own (汽车配件销售、
摩托车刹车片生产) or after 非机动车 (no car) it still does."""
OWN_PARTS = re.compile(f"的?(?:关键)?(?:{GENERIC_PART.pattern})")
"""The rest of a listed item, after a keyword whose parts are its own thing (a vehicle system's, `SYSTEM_SEGMENTS`, or
accessories', `ACCESSORY_ENDS`), that names those parts (线控转向系统的关键零件、部件; 鞋类辅料配件): the item still
lists the thing."""
DESIGN_SEGMENTS = frozenset({"制鞋研发", "鞋样设计"})
"""Segments whose own work is design and R&D, a service (评测集 README 标法第 5 条: 制鞋研发本身是服务环节（细分鞋样
设计）, 鞋设计、制鞋技术的开发、设计、咨询、转让与服务作为经营项目单列就标); no other segment's design or research is
its product (三维设计软件、销售 sells software; 药物研发服务 is a service for 创新药)."""
OWN_RESEARCH_NOTE = "为本厂产品研发（标法第 5 条）"
"""A `DESIGN_SEGMENTS` segment's research (研发, 开发) in an item that also makes what it researches (运动鞋、足球鞋及
鞋用材料研发、生产; 鞋类成品、半成品及鞋类模具的研发、制造): the firm develops its own shoes, as a shoe maker's R&D
unit does (评测集 README 标法第 5 条: 为本厂鞋设研发机构不标, r9x222), not the design service listed as an item of its
own (鞋设计、研究、开发及推广, r9x245). Design written beside making (定制鞋的设计与生产) is not caught."""
TECHNOLOGY = "技术"
TECHNOLOGY_SERVICES = re.compile("(?:领域内?)?的?(?:技术)?(?:咨询|转让|服务|推广|开发)")
TECHNOLOGY_NOTE = "该环节的技术服务（标法第 5 条）"
"""A keyword ending in 技术 of a `DESIGN_SEGMENTS` segment (制鞋技术, 鞋类技术) names its work, so consulting, transfer,
technical service, promotion or development written right after it (制鞋技术咨询服务, 制鞋技术的转让, 鞋类技术服务,
从事制鞋技术领域内的技术咨询、技术转让) is the segment itself (标法第 5 条), not serving it; training on it is still
training (制鞋技术培训), and an exhibition (制鞋技术展览) or agency is no such service."""
DESIGN_SOLD_NOTE = "设计并销售（标法第 5 条）"
"""A keyword of a `DESIGN_SEGMENTS` segment ending in 设计 or 研发 (or a `together` hit ending so), its item closed by
selling alone (鞋样设计、销售; 鞋的设计与销售): the design is a business item of its own and its output is sold (标法第
5 条, 鞋设计……作为经营项目单列就标), as a process keyword is done and sold (`SOLD_AFTER`); not a design listed under a
heading of selling (批发：……、鞋样设计; 零售：鞋的设计与销售: `SALE_HEADING`)."""
OWN_VERBS = tuple(w for w in PRODUCTION_WORDS if w not in RESEARCH_VERBS and w not in DESIGN_WORDS and w != "集成")
"""Production verbs that, ending a keyword after its noun (钢结构制造), say the firm makes the thing; 系统集成 is a
service listed among services (咨询、设计、维护、系统集成、技术服务)."""
WORKS_DONE = (
    *(
        word
        for word in PROCESS_WORDS
        if (word in OWN_VERBS or word not in PRODUCTION_WORDS)
        and not (word in DESIGN_WORDS or word in SPINNING or word in SERVICE_WORDS)
    ),
    "梳纺",
)
"""Endings (`PROCESS_WORDS`) of a keyword naming a process of making or finishing alone (电镀, 热喷涂, 铸造, 热处理,
医药制造), which cannot be bought or sold (评测集 README 决定 D4, whose list is of such processes); not a service
(仓储, 冷藏运输), research or design. Of spinning only 梳纺 (r81x184): 纺 and 纺纱 ending a keyword name goods sold
as well (家纺、服装、销售; 棉纺纱、棉布、销售; 春亚纺、面料、销售: 标法第 11 条)."""
REALLY_MAKING = re.compile("生产|制造|加工|制作|制做|产业化|承接")
"""A process researched without 生产/加工 is not done (电镀工艺、表面处理新技术的研究开发与成果转化)."""
MADE_HERE = re.compile(f"(?<!委托)(?:{REALLY_MAKING.pattern})")
"""Making by the firm itself: 药品委托生产 has another firm make it (the licence holder commissions it)."""
SAMPLE_MAKING = re.compile(f"(?:样品|样板|样鞋|打样)(?:{REALLY_MAKING.pattern})")
"""Making samples or prototypes (打样加工, 样品制作): a design service's own work (评测集 README 标法第 5 条, 鞋样设计),
not making the product it designs."""
FOR_USE_BEFORE = ("用于", "适用于", "应用于")
SUPPLIED_TO = re.compile(r"(?:企业|行业|厂家|车间|工厂|厂)?(?:使用|用)")
"""供铸造车间使用的…, 用于电镀的…: what follows is for the keyword's thing."""
PROCESS_SUPPLIES = ("液", "剂", "线", "处理剂", "处理液", "磨料", "吊具", "吊板", "夹具", "电源")
"""After a process keyword, a liquid, agent, line, abrasive or a fixture holding the work in it is for the process
(电镀液, 表面处理剂, 喷涂线, 磷化处理剂, 铸造磨料, 电镀吊板, 喷涂夹具, 电镀电源: 评测集 README 标法第 9 条 (e),
为工艺供应 药剂、设备); after a material it is the material itself (硅涂层剂, 金刚石磨料)."""
CUSTOMER_NOUNS = ("企业", "行业", "工业", "厂家", "厂商", "客户", "用户", "领域", "车间", "园区", "工业区", "工业园")
"""The nouns `CUSTOMERS` ends in: a text holding none of them names no customer, and is not matched against it (whose
lazy list items backtrack at every character of a long list)."""
CUSTOMERS = re.compile(
    r"(?:、[^、的]{1,10}?)*(?:生产|制造|加工)?(?:"
    + "|".join(f"{noun}(?=的)" if noun == "工业" else noun for noun in CUSTOMER_NOUNS)
    + ")"
)
"""A keyword (or a list of them) naming whom the firm serves: 模具行业软件, 铸造、电镀企业的环保服务,
电镀园区废水处理, 冶炼和铸造工业的设备 (X工业的 names the industry, as X行业; 工业配件 and 工业用布 are goods); a park
built for a process's firms (建设电镀工业区及其配套设施) serves them, as 电镀园区 does."""
BENEFICIARY_MARKS = ("为", "向", "给", "服务于")
"""Before a keyword, these make it the beneficiary (为电镀企业提供…, 为整车配套…), when no verb stands between."""
BENEFICIARY_TAIL = re.compile(
    r"(?:、[^、的]{1,10}?)*(?:生产|制造|加工)?(?:企业|行业|厂家|厂商|客户|用户|领域|单位|厂)?(?:提供|配套|供应|供货)"
)
"""What follows a beneficiary keyword: the customers' noun, if any, then the supply verb (为整车厂配套)."""
SUPPLY_VERBS = ("提供", "配套", "供应", "供货", "销售", "服务")
USED = ("废旧", "废", "旧", "二手", "退役", "报废")
"""A keyword right after these names a used or scrapped thing (退役动力电池, 废铅酸蓄电池): collected, not made."""
BOUGHT = ("外购", "采购", "购进")
"""A keyword right after these is bought in to be used (涂层布生产（外购涂层胶）), not made."""
VETERINARY = ("兽用", "兽药", "动物用")
"""A keyword right after these is for animals (兽用阿莫西林): GB/T 4754-2017 2750 兽用药品制造, not 2710/2720."""
VETERINARY_FORMS = ("预混剂",)
"""Dosage forms of 《中国兽药典》 only, which the human pharmacopoeia has not (预混剂, mixed into feed): a clause
listing one (粉剂/散剂/预混剂、片剂、口服溶液剂) lists a veterinary licence's forms, as one naming 兽药 does."""
HEALTH_FOODS = re.compile("保健食品|保健品")
"""A health food, which dosage forms written onto it or in a note on it (保健食品（软胶囊剂）) are the forms of."""
HEALTH_FOOD_FORMS = re.compile(rf"(?:[^;,:。()]*?[^、;,:。()及和与])?(?:{HEALTH_FOODS.pattern})")
"""What follows a dosage form that is a health food's (软胶囊剂、口服液剂保健食品, 片剂类保健食品): the list runs,
with no clause mark, into 保健食品 written onto its last item, which heads them all; 保健食品 as an item of its own
(胶囊剂、保健食品) heads nothing."""
HEALTH_FOOD_NOTE = "保健食品的剂型"
HYGIENE_GOODS = re.compile("卫生用品|消毒|抑菌|抗菌(?!素)")
"""Hygiene and disinfection products (卫生用品, 消毒剂, 抗（抑）菌制剂 of the 消毒产品 classes), which are no drugs
(评测集 README 标法第 3 条, r26x055): dosage forms in a note on one (卫生用品制造【抗（抑）菌制剂（粉剂、片剂、凝胶）】)
are its forms, as a health food's are (`HEALTH_FOOD_FORMS`); a head naming a drug (抗菌药（片剂）) is a drug's, and so
is one naming antibiotics by their old name (抗菌素, 抗生素). 抗菌肽 stays a hygiene head: peptides are disinfection
products, feed additives or biochemicals as often as drugs, and rule 4 (d) does not label biochemical drugs."""
HYGIENE_NOTE = "卫生用品的剂型"
COSMETIC_UNIT = re.compile("[^、;,:。()]{0,6}单元")
"""A production unit of the cosmetics licence (化妆品生产许可: 一般液态单元, 膏霜乳液单元, 气雾剂及有机溶剂单元): a
dosage form written into one's short name is a cosmetic's form, not a drug's (评测集 README 标法第 3 条, r65x132)."""
SOLVENT_UNIT = "有机溶剂"
COSMETICS = "化妆品"
"""A `COSMETIC_UNIT` is the cosmetics licence's when it names its organic solvents or 化妆品 stands in its clause: a
bare 单元 after a form (医用气雾剂单元, 小容量注射剂单元) may be a drug plant's."""
SPRAYED_FORMS = ("气雾剂", "喷雾剂")
"""The dosage forms a household good is also sold in (`_household_spray`)."""
HOUSEHOLD_PEST_GOODS = re.compile("蚊|蝇|蟑|杀虫|卫生球|樟脑丸|空气清新|清新剂")
"""Household insecticides and air fresheners (蚊香, 卫生球, 杀虫, 空气清新剂: GB/T 4754-2017 2632 日用化学产品, 2631
农药): an aerosol or spray written in its item with them (杀虫气雾剂, 空气清新喷雾剂), or in a clause naming them and
no other dosage form (制造蚊香、卫生球、气雾剂、空气清新剂), is their form, not a drug's (评测集 README 标法第 3 条,
名称要具体; 第 4 条 (a) reads a list of dosage forms, as 片剂、气雾剂、杀虫剂生产 is, not a spray among household
goods)."""
PLIED = "并线"
"""Doubling: ply yarn, or stranded wire where the clause names a cable (`CABLE_WORDS`)."""
CABLE_WORDS = re.compile(
    "电线|电缆|线缆|绞线|漆包线|导线|铜线|铝线|电子线|排线|数据线|电源线|(?<!渔)网线|线束|钢丝|铜丝|光纤"
)
"""Wires and cables (GB/T 4754-2017 383 电线、电缆、光缆): 并线 in a clause naming one (电线电缆、铜绞线、并线加工;
漆包线、并线生产; 网线并线, a network cable's pairs) strands wire, as the seed's excluded 电线并线 does, not yarn
(评测集 README 标法第 11 条, 具体的纱线产品); 纱线、并线加工 and 渔网线并线 (fishing-net twine) ply yarn."""
SERVICING = re.compile("的(?:" + "|".join(SERVICED) + ")")
"""鞋扣、鞋眼的电镀加工: the listed things are worked on for others, not made."""
LAST_WORKED_ON = re.compile("(?:" + "|".join(SERVICED) + ")(?:加工)?$")
"""A process done to things closing a list's last item (毛纱、成衣染色: both are dyed), as `SERVICING` after 的."""
NOT_PRODUCING = ("不含生产", "不含制造", "不从事生产", "不涉及生产")
LISTED_NOTE = "产品清单中的一项"
"""Why a keyword heading a scope item with no verb (钠离子储能电芯；…) is 待定 in itself and 确认 in a scope that writes
its other activities with verbs (`listed_products`)."""
TRADE_GOODS = frozenset(
    (
        "五金", "五金交电", "交电", "化工", "化工产品", "化工原料", "建材", "建筑材料", "装饰材料", "装潢材料", "百货",
        "日用百货", "日用杂品", "针纺织品", "金属材料", "机电产品", "家用电器", "文化用品", "办公用品", "机电设备",
        "汽车配件", "电器", "化学制品",
    )
)  # fmt: skip
"""The classes of goods a trading firm's old scope lists (五金交电、化工、建材、百货: the wholesale trades' own words,
GB/T 4754-2017 51 批发业; 机电设备, 汽车配件 and 电器 written alone, 评测集 README 标法第 1 条; 化学制品 as 化工产品 is,
the class GB/T 4754 names with 化学原料), never a maker's
product: a bare list holding one as an item (铸件、五金、教学仪器; 化学纤维、棉纱、化工产品), or a sentence of bare
clauses holding one (蓄电池，塑料配件，电器，汽车配件，五金加工), is goods traded, so its items are not the firm's own
products (`LISTED_NOTE`, `SoldAcrossCommas`)."""
TRADE_NOTE = "与批发类别并列的一项"
IMPORTED = "进口"
"""Importing (进口本企业生产、科研所需的……) is buying in, like `BOUGHT`: a bare list holding it is no list of own
goods."""
PART_GOODS = "配件"
TRADE_PARTS = tuple(goods for goods in TRADE_GOODS if goods.endswith(PART_GOODS))
"""The classes of traded goods that are parts (汽车配件): a list closing with 及配件 has one if an item ends so."""
ITEM_END = re.compile(f"[{LIST_MARKS}/]")
WORD_END = re.compile(f"[{LIST_MARKS}/(【]")
"""Where a listed word ends: its item's end (`ITEM_END`) or the opening of its note (`_biochemical_form`)."""
ITEM_NOTES = re.compile(r"\([^)]*\)?")
ITEM_TAILS = ("", "组", "系列", "产品", "系列产品", "等", "总成")
"""What may follow the head of a listed product: a note in brackets (超薄电子玻璃(厚度0.3mm以下), 组 (a set of the
thing: 镍氢电池组), 总成 (the thing assembled whole: 蓄电池总成, 发动机总成), 系列 or 产品."""
ACTIVITY_WORDS = re.compile("服务|运营|经营|运输|物流|配送|仓储|组织|投资|从事")
"""Besides production and NOT_MAKING words, the words a scope item names an activity with (会议及展览服务,
整车、零担货物运输组织, 从事投资活动(投向创新药、…)): an item holding one outside its bracketed notes is not a
product list (a licence note such as （……按照许可证核定的有效期限经营） names no activity of the item). Nor is an
item whose work is research alone (`_research_topic`: 化学原料药及其制剂技术开发; 动力电源设备、电池管理系统技术开发):
its goods are the topic researched, as with one product (评测集 README 标法第 5 条, 只做研究开发服务不标)."""
RESEARCH_CLOSING = re.compile("(?:技术开发|研究开发|技术研发)(?:[、及和与]?(?:技术)?(?:咨询|转让|服务))*$")
"""Research closing an item, with consulting, transfer or service after it (技术开发、技术转让; 研究开发及咨询)."""
LICENCE_HEADINGS = re.compile("(?:许可|一般)?经营(?:项目|范围):")
"""The section names of an old licence (许可经营项目:眼膏剂、膜剂、软膏剂, 一般经营项目:……): a label before the
list, not the activity 经营, so the list after one is read as a bare list (评测集 README 标法第 1 条: 不带动词的清单
读作自产)."""
WORKS = re.compile("工程(?!机械|车|塑料|材料|师)")
"""Works (GB/T 4754-2017 E 建筑业) closing the listed item after a hit (特种涂装和清洗工程): the hit is done as part of
construction works, not a product of the list; 工程 qualifying a product (工程机械, 工程塑料) is no works."""
SITE_FINISHES = ("涂装", "喷漆", "刷漆", "涂漆", "喷涂")
"""Painting words that name site work as readily as factory finishing (`site_finishes`); 涂漆 is 喷漆's twin (评测集
README 标法第 9 条 (c))."""
SENTENCE_END = re.compile("[；;。]")
"""What ends a sentence of a scope: items listed alongside (并列) share one, between commas and 、."""
FACTORY_COATS = re.compile("静电|粉末|热喷|电泳")
"""Coatings done in a plant (粉末静电喷涂, 热喷涂, 电泳涂装), whatever else the scope writes."""
SITE_WORK = re.compile(
    f"{WORKS.pattern}|装修|资质|清洗|修船|船舶(?:除锈|防腐)?(?={'|'.join(SITE_FINISHES)})|码头|检修|加固|防腐保温"
    f"|(?:房屋|建筑|墙|楼)[^；;。，,、]*涂刷(?!加工)|(?:[外内]墙|墙面|室(?:内外?|外))(?={'|'.join(SITE_FINISHES)})"
    "|保温(?![杯壶瓶箱桶管板])[^；;。，,、]*喷涂"
)
"""Works, fitting-out, licences to build, cleaning, ship repair, dock work and the overhaul or reinforcing (加固:
专用车厢加固、喷漆, r13x203) of things in use, beside
which painting is done on site (评测集 README 标法第 9 条（c）: 与工程、装饰装修、资质、楼宇清洗、修船、码头作业并列),
and ships written as the painting's object (对象是……船舶: 船舶涂装, 船舶除锈涂装; not 船舶配件的喷漆加工, parts coated
in a plant). Brushing paint on a building (涂刷 with 房屋, 建筑, 墙 or 楼 before it in its item: the rule's 刷漆), walls
or a building's inside and outside as the painting's object (外墙喷涂, 室内外喷涂; not 内墙涂料, a paint) and insulation
written before the spraying in one item (保温材料制造和喷涂服务, not 保温杯, nor 保温材料销售、喷涂加工: sprayed on
where it insulates, as 防腐保温) are the same site work; brushing done to parts, tools or written as 加工 (五金涂刷,
涂刷工具, 防锈涂刷加工) and spraying insulated pipes or boards (保温管喷涂加工) are factory processes (第 9 条 (a), and
its (c) labels coating done in a plant on 管材、零件: 在厂里给管材、零件做涂层加工的标). Steel structures, which the
rule also names, are left out here for that clause too: 钢结构件涂装加工 coats parts in a plant, while the seed excludes
钢结构涂装加工, the erected structure painted on site."""
SITE_NOTE = "与施工、装修或修理并列的涂装"
UPSTREAM = "上游"
PRODUCT_STAGES = ("中游", "下游")
STAGE_ORDER = (UPSTREAM, *PRODUCT_STAGES)
MODIFIER_NOTE = "只是后面产品的定语"
DOSAGE_FORMS = ("剂", "胶囊", "丸", "注射液", "针")
"""Pharmacopoeia dosage forms (《中国药典》制剂通则): a drug before one is in that form (首仿注射剂, 仿制药片剂), not
qualifying a product made for it. 片 alone is no form (制动片, 芯片 head their phrase): tablets are 片剂 or named by
their drug, which no earlier product precedes."""
HEALTH_FOOD_FIRST = re.compile(
    rf"(?:{HEALTH_FOODS.pattern})(:(?=[^\W药]|$))?(?:[^\W及和与药]*?(?:{'|'.join(DOSAGE_FORMS)})[、及和与])*"
    r"(?(1)[^\W及和与药]*)$"
)
"""What precedes a dosage form written after 保健食品 with no mark between (保健食品胶囊、片剂的生产; 保健品片剂), or
after a colon opening a list of them, named or bare (保健食品:力源胶囊、清韵颗粒剂生产经营; 保健食品:片剂、胶囊剂生产,
the licence's wording): the food heads the run of forms after it, as 片剂类保健食品 heads those before it (评测集
README 标法第 3、4 条); 保健食品 as an item of its own (保健食品、片剂) or a drug after it (保健食品及药品胶囊、片剂)
heads nothing."""
DOSAGE_NOTE = "按剂型列出的药品"
DRUG_TRADE_CLASSES = (
    "中药材", "中药饮片", "中成药", "西成药", "化学原料药", "化学药制剂", "抗生素", "生化药品", "生物制品", "诊断药品",
    "精神药品", "麻醉药品", "蛋白同化制剂", "肽类激素",
)  # fmt: skip
"""The classes a drug trade licence (《药品经营许可证》经营范围) names drugs by, unlike a production licence's dosage
forms (`DOSAGE_NAMES`): a scope naming three or more (`DRUG_TRADE_MINIMUM`) in clauses with no production verb
(中药材，中成药，化学原料药及其制剂，抗生素，生化药品), or one such clause listing two or more
(`DRUG_TRADE_LIST_MINIMUM`: 化学原料药、化学药制剂、化学试剂、玻璃仪器) beside no dosage form and no word of the
firm's own goods (`OWN_GOODS`), is a distributor's, so its bare drug items (`DRUG` in the keyword) are not its own
products (评测集 README 标法第 1 条, 2026-12-04 决定 D2)."""
DRUG_TRADE_MINIMUM = 3
DRUG_TRADE_LIST_MINIMUM = 2
DRUG_TRADE_BESIDE = ("医疗器械", "保健用品", "化学试剂")
"""What a drug trade licence's classes are listed beside (评测集 README 标法第 1 条, 决定 D2: 单列或与医疗器械、
保健用品、化学试剂等并列): one class and one of these in a verbless clause (中西成药、医疗器械、保健用品; the old
licences' 中西成药 holds the class 西成药) is a trade list as two classes are."""
DRUG = "药"
DOSAGE_NAMES = (
    "片剂", "胶囊剂", "胶囊", "注射剂", "注射液", "粉针剂", "粉针", "颗粒剂", "丸剂", "栓剂", "软膏剂", "乳膏剂",
    "凝胶剂", "气雾剂", "喷雾剂", "滴眼剂", "混悬剂", "溶液剂", "糖浆剂", "贴剂", "贴膏剂", "橡胶膏剂", "酊剂",
    "口服液",
)  # fmt: skip
"""Dosage forms by their 《中国药典》制剂通则 names (not 散剂, 合剂: 分散剂, 粘合剂 are chemicals). A bare list of
them (硬胶囊剂、片剂、丸剂) is made, with or without verbs elsewhere: a drug production licence states its scope by
dosage form (《药品生产许可证》生产范围), while a trade licence names classes of drugs (中成药、化学药制剂). Not in a
clause for animals (兽药粉剂、片剂)."""
FORMS_ONLY = (*DOSAGE_FORMS, "输液", "粉末", "冻干粉", "制剂", "原料药", *UNNAMED_DRUGS)
"""Keywords naming drugs only by their dosage form or by making drugs or an API of no stated kind (片剂, 注射剂,
大输液, 药品制剂, 原料药, 药品生产): a tie resting on these alone says nothing of the drugs' class."""
SHARED_ONLY = (SOLD_NOTE, "只做设计", "咨询")
"""Verbs another listed item holds for a noun of its own (水产品销售, 机械设计, 技术咨询, 国内贸易), which a keyword
ending in a process word, alone in its item (冷藏运输, 铸造), does not share: a process is done, not sold, designed or
advised on (`_process_alone`); nor a bare dosage form, a production licence's item
(片剂、原料药…、国内贸易、技术咨询服务). A product named after a process (冷藏车、保温车销售; 纺织助剂) shares them
as any product does."""
SHARED_AFTER = ("的", "、", "的技术")
"""What a shared verb follows (电镀、喷涂的销售; 片剂、胶囊剂、保健食品的技术咨询服务: 评测集 README 标法第 1 条,
the verb after 的 governs the whole list, 技术 naming its kind), so the items before it are sold or advised on."""
RELATED = re.compile("(?:相关|有关)的(?:技术)?$")
"""A 的 that closes 相关 or 有关 (铸造、热处理及相关的技术咨询服务): the service after it is another item, advice on
the field, which leaves the processes listed before it done (评测集 README 标法第 1 条 reads 及 as joining items)."""
JOINED_OUTPUT_WORDS = (CAST, *SURFACE_WORKS, "表面")
"""Casting and surface processes (铸造, 压铸, 电镀, 表面处理), whose item joined by 及 to selling or advice is the
process done (`_joined_output`)."""
ADVICE_JOINED = re.compile("[及和与](?:相关|有关)?的?(?:技术)?(?:咨询|服务)+")
"""Advice or a service joined by 及 after a process keyword, closing its item (表面处理及技术服务; 表面技术处理及相关
技术服务): 评测集 README 标法第 1 条 reads 及 as joining items, so the advice is an item of its
own beside the process done (as after `RELATED`), and the process, registered as an item, is labelled (第 9 条 (a));
the process's own advice (电镀技术咨询) stays advice (第 9 条 (e))."""
SOLD_THEN_JOINED = re.compile("(?:" + "|".join(NOT_MAKING[SOLD_NOTE]) + ")[及和与并]$")
"""Selling joined by 及 to a process keyword after it (农产品购销及冷储): 评测集 README 标法第 1、12 条, two
activities — the goods are sold and the process (a storage service) is done; the selling does not govern it."""
STRAY_MARKS = "*※"
"""Marks a register leaves after an item (水产品冷藏＊, 铸件＊, 销售、维修※), which name nothing: the item still ends
there."""
DONE_AS = ("", "服务", "加工", "业务", "储存", "存储", "贮存", "仓储")
"""What may close a process keyword's item after selling joined to it (涂料销售及喷涂服务), or its item standing alone
beside selling verbs of other items (`_process_alone`: 生鲜猪肉收购、销售、冷藏服务): the process is done. Storing is
the work a store does (水产品的销售、冷库储存: 评测集 README 标法第 12 条, 写出冷库就标; the goods are sold, the cold
store is used), as 冷藏仓储 is; read for every process keyword, as the other endings are."""
SOLD_AFTER = re.compile(rf"(?:\([^)]*\))?(?:、保鲜)?、(?:[与及和、]?{SOLD})+")
"""What may follow a process keyword in its item when the process is done and its output sold (纺纱(用麻)、销售,
铸造、销售): a process is not a thing to sell. Keeping fresh, the purpose of cold storage (冷藏保鲜), may stand
between (水产品冷藏、保鲜、销售: 评测集 README 标法第 12 条, the goods are stored cold and sold)."""
SOLD_JOINED = re.compile(rf"[与及和](其?(?:产品|制品)的?)?(?:[与及和、]?{SOLD})+(?:\([^)]*\)?)?")
"""The same joined by 及, 与 or 和 after a process keyword that names its thing (药品的生产及销售(凭许可证经营): 评测集
README 标法第 1 条, verbs written together share their object), or selling its output (零部件的表面处理及其产品销售);
a bare verb (开发, from a `together` entry) does not name it (鞋类设计软件的开发与销售 develops software), but one
whose products are sold (group 1: 电镀及其产品销售, 铸造及产品销售; 标法第 9 条 (a)) is done."""
SOLD_DIRECTLY = re.compile(rf"{SOLD}(?:[与及和、]?{SOLD})*(?:及相关(?:的)?进出口业务)?(?:\([^)]*\)?)?")
"""What may follow, with no mark between, a keyword that is itself a verb of making (铸造, 压铸, 电镀:
`PRODUCTION_WORDS`) or ends in one (药品生产销售: 药品生产 and 销售 share 药品, as in 药品生产、销售; not a research
verb, `RESEARCH_ENDS`), a note closing it or the verbs (药品生产（仅限分支机构）和销售; 药品生产销售（凭许可证经营）)
standing aside, closing a list (路政盖板、阀门、……、铸造销售及相关进出口业务): the verbs written together,
铸造 and 销售, govern the list before them (评测集 README 标法第 1 条, 句末的动词管它前面同一分句的全部项目), so
the process is done and its output sold, as 铸造、销售 (标法第 9 条 (a)); a process is no good to sell. Only such a
verb, and only written straight onto the verb of selling: 冷库销售 sells cold stores, and a research verb joined to
it (鞋类设计软件的开发与销售) has the thing before it for its object (`SOLD_JOINED`). 冷藏 (`STORED_COLD`), the verb
of storing cold, is such a verb too: 水果、蔬菜冷藏销售 stores the goods cold and sells them (标法第 12 条, 写出冷藏
就标), where 冷藏车销售 and 冷藏食品销售 name a product."""
SOLD_GOODS = re.compile(rf"、(?:[与及和、]?{SOLD})+(?P<goods>:?[\u4e00-\u9fff][^()]*)")
"""Verbs of selling after a verb of making and 、, then the goods to the clause end (铸造、销售钢件): the two verbs
written together share the goods (评测集 README 标法第 1 条), so the process is done on them and its output sold
(标法第 9 条 (a)), as 铸造、加工、销售钢件 (`_verbs_share_goods`); the goods open with a word, after a colon
heading them or not (铸造、销售:铝锭), not with another item or a mark (生产、销售、科研; 加工、销售*)."""
SHARED_WARES = re.compile("(?:件|(?:金属|五金|钢|铁|铝|铜|锌|合金|塑料|塑胶|橡胶)制品)$")
"""What goods shared by a verb of making and of selling end in (`_verbs_share_goods`): wares the process makes,
parts or metal, plastic and rubber wares (钢件, 五金件, 铝合金制品), not what it uses (铸造、销售覆膜砂 sells the sand
for casting, 铸造、销售耐火制品 the refractories, 电镀、销售化工制品 the chemicals: 标法第 9 条 (e))."""
STORED_COLD = "冷藏"
"""Storing cold, a service verb written straight onto selling (`SOLD_DIRECTLY`)."""
TOGETHER = re.compile(r">>>|>>|[+>]")
"""Splits a `together` entry into its word groups: + for any order, > for a thing and then its part, >> for a thing
and then its part also where the part is listed in another clause beside the thing the firm makes (`ACROSS`), >>> for
a thing and then its part also where the thing is written anywhere in the scope (`IN_CONTEXT`)."""
ACROSS = ">>"
ACROSS_NOTE = "与本厂生产的{}同列"
"""Why a part listed apart from the thing is read as for it: 评测集 README 标法第 8 条, 与本厂生产的蓄电池或锂电池同列的
隔板、隔膜、电解液、电池原材料按该电池用读 (电池隔膜、玻璃纤维制品的制造；锂电池装配及销售)."""
IN_CONTEXT = ">>>"
IN_CONTEXT_NOTE = "同一经营范围写有{}"
"""Why a part is read as the thing's where the scope only writes the thing, made or not: a name the definitions narrow
only by the scope's context, as the wear parts (耐磨件、衬板、锤头) that are 矿山机械耐磨件 where the scope has mining
machines (生产、销售：耐磨件；销售：矿山设备; 评测集 README 标法第 3、7 条, 决定 D6)."""
NO_ROLE: tuple[int | None, int | None] = (None, None)
QUALIFIER_GAP = 6
"""Characters at most between a qualifying product and the head product it qualifies (双离合, 换电)."""
CODE_PATTERN = re.compile(r"(?:^|[A-Ta-t（(\s])(\d{3,4})(?!\d)")
FULL_WIDTH_MARKS = (("；", ";"), ("，", ","), ("：", ":"), ("（", "("), ("）", ")"))
"""The full-width marks Chinese texts are full of, with their NFKC forms."""
ONE_CHAR_MARKS = ("；", "。", "，", ",")
"""Every clause end a printable text may hold but ; (\n, \r and \t make a text unprintable): where no run of spaces
is, a clause ends at exactly one character."""

jieba.setLogLevel(logging.WARNING)


def normalise_text(text: str) -> str:
    """Full-width letters, digits and brackets to half-width; the form both texts and keywords are matched in.

    Control characters (NUL, C0, C1), zero-width and bidi-override characters (Unicode Cf) and lone
    surrogates are removed, and line breaks and tabs become spaces: invisible differences must not
    make two names look distinct, nor reach a file an export writes.
    """
    if not text.isprintable():
        text = "".join(
            (" " if c.isspace() else "") if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c
            for c in text
        )
    if not unicodedata.is_normalized("NFKC", text):
        # NFKC of a long text holding one full-width mark costs ~100× the quick check; these marks' own NFKC
        # forms leave the result unchanged (same NFKD), so swapping them first keeps the result exact
        for wide, narrow in FULL_WIDTH_MARKS:
            if wide in text:
                text = text.replace(wide, narrow)
        text = unicodedata.normalize("NFKC", text)
    return text.strip()


@dataclass(init=False)
class SegmentMatch:
    """One segment an enterprise's texts name, with its grade and the evidence for it (field: words, why)."""

    segment_id: str
    keywords: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    confidence: float = 0.0
    grade: MatchGrade = MatchGrade.EXCLUDED
    evidence: list[str] = field(default_factory=list)
    _weight: float = field(default=0.0, repr=False)

    def __init__(
        self,
        segment_id: str,
        keywords: list[str] | None = None,
        fields: list[str] | None = None,
        confidence: float = 0.0,
        grade: MatchGrade = MatchGrade.EXCLUDED,
        evidence: list[str] | None = None,
        _weight: float = 0.0,
    ) -> None:
        """The dataclass's own `__init__`, written out: mypyc compiles this one to C, while the one `dataclass`
        generates runs as Python (about 1 µs a tie, a tie or two per enterprise)."""
        self.segment_id = segment_id
        self.keywords = [] if keywords is None else keywords
        self.fields = [] if fields is None else fields
        self.confidence = confidence
        self.grade = grade
        self.evidence = [] if evidence is None else evidence
        self._weight = _weight


EXCLUDED = MatchGrade.EXCLUDED
PENDING = MatchGrade.PENDING
CONFIRMED = MatchGrade.CONFIRMED
"""The grades as module constants, which every pass and reading below uses instead of `MatchGrade.X`: they are asked
for per clause, scope and tie, and under Python 3.11 every `MatchGrade.X` goes through `EnumType.__getattr__`'s slow
attribute hook (~150 ns), while these are C variables in the compiled matcher. The same members, so every comparison
and tie is unchanged."""
_RANK = {EXCLUDED: 0, PENDING: 1, CONFIRMED: 2}


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern found wherever one of `words` occurs: one search instead of a `word in text` per word."""
    return re.compile("|".join(map(re.escape, words)))


LEADING_LOOKBEHINDS = re.compile(r"^(?:\(\?<!(?:[^()\\]|\\.)*\))+")
"""Negative lookbehinds, none holding a group, that start a pattern ((?<!技术) in MAKING)."""


def _searching(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """`pattern.search`, faster for a pattern starting with negative lookbehinds ((?<!技术)(?:生产|制造…)): Python's re
    skips to the characters a match can start with only where the pattern starts with them, so the pattern without
    those lookbehinds (found wherever the whole one is, and maybe elsewhere) finds each candidate place in turn and
    the whole pattern is tried there — the same first match, about twice as fast on a clause."""
    bare = re.compile(LEADING_LOOKBEHINDS.sub("", pattern.pattern), pattern.flags)
    if bare.pattern == pattern.pattern:
        return pattern.search

    def search(text: str) -> re.Match[str] | None:
        place = bare.search(text)
        while place is not None:
            found = pattern.match(text, place.start())
            if found is not None:
                return found
            place = bare.search(text, place.start() + 1)
        return None

    return search


def _supplied_after(cast: bool, plated: bool = False) -> re.Pattern[str]:
    """What follows a keyword, directly or after a link (加工设备, 加工用), when the firm supplies equipment, material
    or parts for it, as one match; after a casting keyword a part is the casting itself, with or without the link,
    after a plating keyword the plated goods are (`PLATED_GOODS`), and a NOT_FOR_PROCESS word (阿莫西林胶囊) is no
    such supply. The links are distinct words, none the start of another, so at most one stands after a keyword."""
    link = "(?:" + "|".join(map(re.escape, FOR_PROCESS_LINK)) + ")"
    supplied = f"(?!{_any_of(NOT_FOR_PROCESS).pattern})(?:{_any_of(FOR_PROCESS).pattern})"
    supplies = f"(?:{supplied}|{_any_of(FOR_USE).pattern}|{FOR_PROCESS_MACHINE.pattern})"
    if plated:
        return re.compile(f"(?!{_any_of(PLATED_GOODS).pattern}){link}?{supplies}")
    if not cast:
        return re.compile(f"{link}?{supplies}")
    part = "(?:" + "|".join(map(re.escape, CAST_PARTS)) + ")"
    return re.compile(f"(?!{part})(?:{link}(?!{part}))?{supplies}")


_SUPPLIED_AFTER = (_supplied_after(cast=False), _supplied_after(cast=True))
_SUPPLIED_PLATED = _supplied_after(cast=False, plated=True)
SUPPLY_OPENINGS = _openings((*FOR_PROCESS_LINK, *FOR_PROCESS, *FOR_USE, FOR_PROCESS_MACHINE.pattern))
"""The characters a supply (`_supplied_after`) can open with: its lookaheads take no text, so it opens with a link or
a supplied word (FOR_PROCESS_MACHINE's pattern opens with its 机). Testing the first character skips most matches."""
_BENEFICIARY_MARK = _any_of(BENEFICIARY_MARKS)
_CUSTOMER_NOUN = _any_of(CUSTOMER_NOUNS)
"""Any of `CUSTOMER_NOUNS`: one search instead of a `noun in text` per noun before `CUSTOMERS` is tried."""
_RESEARCH_ONLY = _any_of(RESEARCH_ONLY)
_MACHINING = _any_of(MACHINED)
"""Machining words, removed from a heading to see what making it writes besides (`_machined_only`)."""
_CASTING = _any_of(CASTING_WORDS)
_REPORTED = _any_of(REPORTED)
_NOT_PRODUCING = _any_of(NOT_PRODUCING)
_NOT_MAKING = [(why, _any_of(words)) for why, words in NOT_MAKING.items()]
_ANY_NOT_MAKING = _any_of(word for words in NOT_MAKING.values() for word in words)
_CONSULTING = _any_of((*NOT_MAKING["咨询"], "转让"))
_SHARED = _any_of(word for why, words in NOT_MAKING.items() if why in SHARED_ONLY for word in words)
_VETERINARY = _any_of((*VETERINARY, *VETERINARY_FORMS))
_NEGATION = _any_of(NEGATIONS)
ABOVE = ("以上", "上述")
NOTE_ABOUT_ABOVE = re.compile(f"(?:{'|'.join(ABOVE)})(?:经营)?(?:范围|项目)?(?:均|都|中)?")
"""Words opening a note about the items before it, which a negation may follow (（以上范围不含电镀）)."""
_making = _searching(MAKING)
_made_here = _searching(MADE_HERE)
_QUALIFIER_BREAK = re.compile(f"{PHRASE_END.pattern}|{MAKING.pattern}|{_ANY_NOT_MAKING.pattern}|[^\\w]")
"""What ends a noun phrase between a qualifying product and its head: a mark, a verb, 的 or a non-word character."""
_HEAD_BREAK = re.compile(f"{_QUALIFIER_BREAK.pattern}|{ACTIVITY_WORDS.pattern}")
"""What may follow the head of a noun phrase: the end of the phrase, or the activity done with it (设计服务)."""
CLOSING_VERB = re.compile(f"(?:{_ANY_NOT_MAKING.pattern})$")
"""A verb of selling or service ending a listed item (机械设备销售): it closes the list before it."""
CLOSING_SALE = re.compile(
    "(?:"
    + "|".join(NOT_MAKING[SOLD_NOTE])
    + ")(?:[、及和与]?(?:"
    + "|".join((*NOT_MAKING["维修"], *NOT_MAKING["安装或工程"]))
    + "))*\\W*$"
)
"""A verb of selling ending a clause (润滑油批发、零售), or followed there only by repair or installation (蓄电池，
电子产品，现代办公设备销售、维修): across commas only selling closes an old trading list, as a service alone there
(汽车制动钳，机械维修) may be an activity of its own; what a firm sells and repairs it trades in (标法第 1 条: 泛称
清单后面跟“销售、维修、加工、服务”也按经营读). A stray mark after the verbs (销售、维修※) does not hide them."""
SALE_HEADING = re.compile("(?:^|:)(?:[与及和、]?(?:" + "|".join(NOT_MAKING[SOLD_NOTE]) + "))+:")
"""Verbs of selling heading a list after a colon (一般经营项目:批发、零售:蓄电池及其配件，充电机，……): an old trading
list written with commas, its verb once at its start."""
BARE_VERB_WORDS = (*PRODUCTION_WORDS, *(word for words in NOT_MAKING.values() for word in words), CONVERSION)
_BARE_VERBS = re.compile(f"(?:[{LIST_MARKS}]?(?:{_any_of(BARE_VERB_WORDS).pattern}))+")
"""A listed item that is only verbs (制造、销售 after 模具设计): it shares the item before it. 改装 is one of them
(汽车制造、销售、改装、维修): a verb over the item before it, whose conversion reading is `_converted`'s."""
BARE_VERB_FIRSTS = _openings((*LIST_MARKS, *BARE_VERB_WORDS))
"""The characters a `_BARE_VERBS` match opens with: a list mark or a verb's first character (`_bare_verbs`)."""
_VERB = "(?:" + "|".join(PRODUCTION_WORDS) + "|" + _ANY_NOT_MAKING.pattern + ")"
_ANY_VERB = re.compile(_VERB)
VEHICLE_MAKING = "(?:生产|制造|研制|组装)"
"""The verbs that make a vehicle (评测集 README 标法第 2 条: 组装按制造计; 研制 makes the model it develops, r3x028)."""
_MADE_AT_END = re.compile(f"{VEHICLE_MAKING}$")
"""A keyword's own verb of making at its end (汽车制造), read with 改装 elsewhere in its item (`_converted`)."""
MADE_THEN_CONVERTED = re.compile(f"{VEHICLE_MAKING}(?:[、及和与]{_VERB})*[、及和与]改装")
"""A verb of making, then 改装 as one more verb of the same item (汽车制造及改装; 轿车组装、改装、销售): the vehicle is
made and converted too. Not 改装 first in the vehicle's own item (汽车改装、制造, 汽车改装制造): the labels read that as
the conversion trade's 改装汽车制造 (评测集 README 标法第 6 条; r1x131, r36x117)."""
MADE_AND_CONVERTED = re.compile(f"{MADE_THEN_CONVERTED.pattern}|改装(?:[、及和与]{_VERB})*[、及和与]{VEHICLE_MAKING}")
"""改装 as one more verb beside a verb of making over the same items (汽车、农用车制造、销售、改装、维修): the firm
makes the vehicles and converts them too, and 评测集 README 标法第 6 条 labels 整车 where both are done (两类都做的
标整车)."""
CONVERTED_JOINED = re.compile(f"[及和与](?:其|各种|各类)?{CONVERTED_VEHICLES.pattern}(?:[、及和与]?{_VERB})*")
"""A converted vehicle joined after the hit, closing its item or followed by verbs only (客车及各种改装车的制造): a
second product (评测集 README 标法第 6 条, 两类都做的标整车), not a conversion of the hit; with a noun after it
(客车及改装车配件) the two share that noun, and the hit is no vehicle made."""
BARE_VEHICLE = "汽车"
"""汽车 alone, a keyword of 整车: a firm making 汽车 makes motor vehicles (评测集 README 标法第 6 条, 单写“汽车制造”的
标整车), but the word mostly qualifies what follows it (汽车配件, 汽车运输, 某某汽车有限公司), shares a head with the
vehicles listed after it (汽车、摩托车灯具; 汽车、摩托车、电动车的蓄电池), or is a trader's item (钢材、有色金属、汽车).
So it is 整车 only where the text says the whole car is made (`_whole_vehicle`); otherwise its tie is excluded, as a
trader's or a parts maker's."""
VEHICLE_RESTATED = re.compile("、汽车")
"""What after 汽车 shows it is an item of its own: the next item names 汽车 again (汽车、汽车配件的制造及销售;
生产汽车、汽车底盘). Not 汽车及配件: in unlabelled real scopes it is mostly a trader's item, or a verb of making
somewhere in a long list reaches it (机电建材、金属材料、汽车及配件、普通机械加工)."""
_VEHICLE_VERB = f"(?:{_VERB}|{CONVERSION})"
"""A verb over a vehicle, 改装 among them: beside a verb of making it is one more thing done (`MADE_AND_CONVERTED`)."""
VEHICLE_MADE = re.compile(f"(?:{_VEHICLE_VERB}[、及和与]?)*{VEHICLE_MAKING}(?:[、及和与]?{_VEHICLE_VERB})*:?$")
"""Verbs written straight before 汽车 of which one makes (制造汽车、农用车、拖拉机; 生产：汽车、汽车零部件;
生产、销售汽车: 生产、销售 counts as making, 评测集 README 标法第 1 条; 生产、改装、销售汽车)."""
_VEHICLE_MAKER = re.compile(VEHICLE_MAKING)
"""A verb making a vehicle anywhere in a text: every `VEHICLE_MADE` holds one (`_vehicle_made`)."""
ITEM_OPENING = re.compile(f"(?:^|[、及和与/(:])(?:{_VERB}[、及和与]?)*$")
"""Text before a word that opens an item of its own: an item's start and only verbs since (生产：药品 for
`_drug_item`, 汽车、农用车制造 for `_whole_vehicle`, 生产复合材料 for the 贴合 reading)."""
DRUG_ITEM_AFTER = re.compile(f"$|[、及和与/(),]|的?{_VERB}")
"""Where a bare 药品 stands as an item of its own (`_drug_item`): after `ITEM_OPENING`, and before its item's end,
the next item, or its verbs."""
USED_FOR = re.compile("用(?!品)")
"""An item written for a use (食品包装用材料; not 卫生用品, a class of goods): the items before it share its head."""
DRUG_SHARED_HEADS = re.compile(".(?:包装材料|包装|原料|辅料|设备|机械|仪器|膜|容器)的?$")
"""Heads that items listed before them share (药品、化妆品包装材料; 药品、食品生产设备; 药品、保健食品原料): 药品 ahead
of such a list is what the packaging, machines or ingredients are for (评测集 README 标法第 3 条: 名称要具体), not a
drug made. Not a head alone (药品及原料: the drugs' own materials) nor 材料 (药品、卫生材料、敷料 lists goods of
their own)."""
VEHICLE_VERBS_AFTER = re.compile(f"(?:{_VEHICLE_VERB}[、及和与]?)*{VEHICLE_MAKING}(?:[、及和与]?{_VEHICLE_VERB})*")
"""Verbs alone after 汽车 to its clause's end, of which one makes (汽车研发、制造、销售; 汽车组装、改装: 评测集 README
标法第 1 条, the verbs govern the item before them, and 第 6 条, 单写“汽车制造”的标整车)."""
BARE_VEHICLES = re.compile("[\u4e00-\u9fff]{0,4}(?:车|拖拉机)")
"""A listed item that is a vehicle alone (农用车, 摩托车, 拖拉机)."""
VEHICLES_THEN_MADE = re.compile(
    f"(?:[、及和与]{BARE_VEHICLES.pattern})+(?:{_VEHICLE_VERB}[、及和与]?)*{VEHICLE_MAKING}(?:[、及和与]?{_VEHICLE_VERB})*"
)
"""Bare vehicles listed after 汽车, then only verbs, one making (汽车、农用车制造、销售、改装、维修): the verbs govern
every item of their clause (评测集 README 标法第 1 条), so 汽车, opening an item (`ITEM_OPENING`: not 特种汽车), is
made beside the other vehicles (第 6 条: 两类都做的标整车)."""
VEHICLES_BEFORE = re.compile(f"(?:{BARE_VEHICLES.pattern}[{LIST_MARKS}])+$")
"""Bare vehicles listed between the verbs and 汽车 (制造、销售:农用运输车、汽车): 汽车 is made as they are
(评测集 README 标法第 1 条 and 第 6 条, r5x095)."""
VEHICLES_BEFORE_ENDS = (*LIST_MARKS, "\n")
"""What a `VEHICLES_BEFORE` match ends with (its `$` matches before a closing line break too): other text is passed
over with one `endswith`, not tried at each character."""
VEHICLE_PARTS = re.compile(
    f"及其?(?:(?:发动机|底盘)[和、及与])*(?:配件|配附件|零配件|零部件|附件|发动机|底盘)(?:等产品|等)?"
    f"(?:{ITEM_NOTES.pattern})?"
)
"""The parts closing a list of vehicles made (生产汽车及配件; 制造:汽车及配附件(按公告执行)): 及配件 governs the whole
list (评测集 README 标法第 1 条), the vehicles' own parts beside them, so 汽车 is still made; the engine or chassis
listed before the parts as items of their own (生产、维修汽车及发动机和零部件), a class closing them (生产汽车及配件等
产品) and a note (`ITEM_NOTES`) only name more of the same goods. An engine's parts (汽车及发动机零部件) share the head
零部件 with 汽车: parts, not a vehicle made; the engine or chassis alone closing the list (生产汽车及发动机) is the
vehicle's own too."""
VEHICLE_PARTS_MADE = re.compile(f"{VEHICLE_PARTS.pattern}{VEHICLE_VERBS_AFTER.pattern}(?:$|、)")
"""The vehicles' parts closing their item, then only verbs, one making, written straight after them (汽车及零部件
制造、模具设计及制造): the verbs govern 汽车 as well as its parts (评测集 README 标法第 1 条, 句末的动词管它前面的
全部项目), so the vehicle is made (第 6 条, 单写“汽车制造”的标整车). Not a making verb further on (机电建材、
汽车及配件、普通机械加工)."""
PARTS_CLOSING = re.compile(VEHICLE_PARTS.pattern + "$")
"""The vehicles' parts closing a list of vehicles made after 汽车 (生产汽车、摩托车及其零部件: `VEHICLE_PARTS`)."""
VEHICLE_NOTE = "单写的“汽车”，没有写明制造它"
ITEM_CLOSED = re.compile("$|[、及和与/(),]")
"""What closes 汽车 as an item of its own (汽车、钢材): not made there (`VEHICLE_NOTE`); any other word after it is
what it qualifies (汽车配件: `MODIFIER_NOTE`)."""
VEHICLE_TYPES = re.compile(
    "(?:客车|轿车|货车|卡车|乘用车|商用车|越野车|校车|皮卡|重卡|中卡|轻卡|载货汽车|客货汽车|轻型汽车)$"
)
"""Vehicle types (评测集 README 标法第 6 条: 轿车、客车、载货汽车、轻型汽车): like 汽车, a noun written after one in its
item, no verb, activity or vehicle, is the thing made and the type only its qualifier (客车轮罩, 客车塑料地板: a part
for buses, 标法第 3 条 and 第 6 条; `MODIFIER_NOTE`); 客车制造, 客车及配件, 客车系列 and 轿车整车 stay the vehicle."""
FIRM_WORDS = ("公司", "集团", "厂")
"""Words of a firm's name: after a vehicle type they name its maker (宇通客车股份有限公司), not a part
(`VEHICLE_TYPES`)."""
VEHICLE_TYPE_TAILS = ("类", "散件", "车辆", "试制", "技术", "出口", "专卖")
"""What after a vehicle type still names the vehicle, its making or its trade (客车类, 客车散件组装 (a kit assembled:
标法第 2 条), 客车试制, 客车技术开发, 客车出口): not a noun it qualifies (`_qualified_noun`), so the readings of
research and trade decide."""
VERBS_THEN_COMMA = re.compile(f"(?<![^;。,\\s])((?:[与及和、]?{_VERB})+),(?={_VERB})")
"""Bare verbs closed by a comma before a clause that opens with a verb (加工，销售热镀锌、五金件): old registrations
list their verbs so as often as with 、 (生产、销售X), so the comma is read as 、 and the verbs share the object after
them."""
_COMMA_THEN_VERB = re.compile(f",(?=[与及和、]?{_VERB})")
"""A comma before a verb, or before 与及和、 and a verb, which every match of `VERBS_THEN_COMMA` ends with and every
match of `VERBS_AFTER_COMMA` is (its verbs are `_VERB`s): a text without one is left as it is by both, and this
search, starting with a literal, is several times faster than either substitution (`commas_before_verbs`)."""
VEHICLE_COMMA = re.compile(
    f"(?<={BARE_VEHICLE}),(?=[\u4e00-\u9fff]{{1,3}}(?:车|拖拉机))(?![\u4e00-\u9fff]{{0,2}}{BARE_VEHICLE})"
    f"(?![^;。,\\s]*(?:{_VERB}|{ACTIVITY_WORDS.pattern}))"
)
"""A comma between 汽车 and another vehicle heading the next clause, a bare list with no verb (生产汽车，摩托车配件):
old registrations list so as often as with 、, and an item after a comma follows the verb before it (评测集 README
标法第 1 条), so the comma is read as 、 and 汽车 may share the head after it (生产汽车、摩托车配件: `_whole_vehicle`).
Not before 汽车 again, even modified (生产汽车，汽车配件销售; 生产汽车，国产汽车配件: two items), nor before a clause
with a verb or activity of its own (生产汽车，电动车维修; 停车场服务: `ACTIVITY_WORDS`), nor before a word that only
starts with 车 (车床)."""


def _verb_run(verb: str, marks: str) -> str:
    """A pattern for a run of bare verbs (`verb`), each after one of `marks` or none, and an optional bracketed note
    closing it (生产、销售(凭许可证经营)): the clause after a comma that `RESEARCH_THEN_VERBS` and `VERBS_AFTER_COMMA`
    join to the item before the comma."""
    return f"(?:[{marks}]?{verb})+(?:\\([^()]*\\))?"


RESEARCH_THEN_VERBS = re.compile(f"(?<={RESEARCH_WORD}),(?={_verb_run(_VERB, '与及和、,')}(?:[;。\\s]|$))")
"""A comma after 研发 before bare verbs closing the sentence (整车研发，生产、销售; 锂电池研发，生产，销售): the
verbs at the end govern every item up to ；/。 (评测集 README 标法第 1 条), so the comma is read as 、 and the item is
made, not only researched (`_research_verbs_only`)."""
LISTED_VERB = "(?:" + "|".join(PRODUCTION_WORDS) + "|" + SOLD + ")"
DEVELOPED_PAIR = re.compile(f"研制(?=[、与及和]?开发(?![、与及和]?(?:{'|'.join(PRODUCTION_WORDS)})))")
"""研制 written with 开发 (化学药品制剂研制开发; 蓄电池新产品研制、开发及技术转让): the pair is 研究开发 (`RESEARCHED`),
research, not making (评测集 README 标法第 5 条, 只做研究开发服务、技术转让或咨询不标), unless the text says the firm
makes or sells its own products (`OWN_PRODUCTS`: 研制、开发客车……销售本企业生产的产品, r3x028: 标法第 6 条). A pair
opening a run of verbs of making (研制开发、生产、销售、维修汽车) is left as written: the run makes; one followed by
selling alone (研制、开发、销售电池, r9x196: 只研制开发销售电池不标) is research and trade."""
OWN_PRODUCTS = re.compile(f"(?:{'|'.join(OWN_GOODS)})(?:生产的|自产|产品)")
"""Words saying the firm sells its own products: an own-goods word (`OWN_GOODS`) naming them (销售本企业生产的产品;
本公司产品的进出口; 自产产品). The word alone is not enough here: the old import right's 进口本企业生产、科研所需的
原辅材料 names what the firm buys in."""
WRITTEN_APART = "\x00"
"""Joins a clause as the firm wrote it to the clause as read (`developed_as_research`) in the key its reading is kept
by where the two differ: the hits depend on both."""
VERBS_AFTER_COMMA = re.compile(f",(?=({_verb_run(LISTED_VERB, '与及和、')})(?:[,;。\\s]|$))")
"""A comma before a clause of bare verbs of making or selling alone (`LISTED_VERB`; 汽车模具设计，制造，冲压件加工;
not services, 电子商务, which are activities of their own): after a verb (`CLOSING_ANY_VERB`) it
is read as 、 (`verb_lists_across_commas`), as old registrations list their verbs with commas as often as with 、 —
the verbs go on the list of the item before them (模具设计、制造: 评测集 README 标法第 1 条), as after 研发
(`RESEARCH_THEN_VERBS`). Not when the clause after them opens with a verb and names its object after it (模具设计，
生产，销售塑料制品): their verbs are that object's, written 生产、销售塑料制品 (`VERBS_THEN_COMMA`)."""
CLOSING_ANY_VERB = re.compile(f"{_VERB}$")
"""A verb ending the text before a comma (模具设计，): the item before the comma has a verb of its own."""
CLAUSE_MARK = re.compile("[,;。]")
"""What ends the clause after a comma's verbs (`verb_lists_across_commas`)."""
HAN_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])")
SECTION_END = re.compile(r"(?<=[\u4e00-\u9fff])(?<![零一二三四五六七八九十])#+(?![#的、，,])")
"""The # (＃, or a run of them) an old register closes an item or a section with (主营：模具＃兼营：塑料制品，五金件＃;
塑料制品的制造、加工＃), after a Chinese word, not a grade after a numeral (200#溶剂油, 零#柴油): a clause end, as ；,
so the section 主营 heads is a list of its own (评测集 README 标法第 1 条, 写明“主营”的清单按自产读) and 兼营 opens
the next. Before 的 or a list mark (模具＃、五金件的销售) the # is left as written and the list goes on to its verb
(`section_ends_as_marks`)."""
LICENCE = "经营许可证"
LICENCE_NOTE = re.compile(r"\([^()]*经营许可证[^()]*\)(?=[\u4e00-\u9fff])")
"""A bracketed note naming a trade licence (药品经营许可证有效期至……), an item following it with no mark: the note
closes the list of what that licence lets the firm trade in, so the verb of the item after it does not reach back
over the list (评测集 README 标法第 4 条 (b): 药品经营清单之后的“中药饮片生产”只管中药饮片; 第 1 条: 动词管到同一分句).
The bracket is made a clause end, unless a verb follows it (（凭有效的《药品经营许可证》经营）零售: the list's own
verb)."""
"""A full stop (．, . after NFKC) between two Chinese characters: old registrations separate their items so
(铸造加工．机械加工, 起重机配件.制动器制造), as 、; a decimal point stands between digits."""


class Traits:
    """What a keyword's own words say, computed once per keyword (`_traits`) rather than on each of its readings."""

    def __init__(self, keyword: str) -> None:
        self.process = any(word in keyword for word in PROCESS_WORDS)
        self.metal_coat = METAL_COAT.search(keyword) is not None
        self.designs = any(word in keyword for word in DESIGN_WORDS)
        self.cast = CAST in keyword
        self.serviced = any(word in keyword for word in SERVICED)
        self.lets = any(word in keyword for word in LET_WORDS)
        self.dosage_form = keyword.endswith(DOSAGE_NAMES)
        self.mould = keyword.endswith(MOULD)
        self.plating = PLATING in keyword
        self.accessories = keyword.endswith(ACCESSORY_ENDS)
        self.joining = keyword.endswith(JOINING)
        self.joining_only = keyword in JOINING
        self.api = keyword.endswith(API)
        self.new_drug = keyword.endswith(NEW_DRUG)
        self.drug_research = NEW_DRUG in keyword
        self.own_verb = keyword not in PRODUCTION_WORDS and keyword.endswith(OWN_VERBS)


class SegmentTraits:
    """What a keyword's segments say of its readings, computed once per keyword and matcher
    (`SegmentMatcher._segment_traits`) as `Traits` is from its words: whether they are all upstream, one researches,
    one designs, and whether they are one of a car's systems or their parent named by it (`system` of
    `_clause_reading`, which a car word in the clause must then confirm)."""

    def __init__(self, upstream: bool, research: bool, designed: bool, system: bool) -> None:
        self.upstream = upstream
        self.research = research
        self.designed = designed
        self.system = system


def _bare_verbs(text: str) -> bool:
    """Whether `text` is only verbs (`_BARE_VERBS`): passed over with one `in` where it opens with no character such a
    list can open with (`BARE_VERB_FIRSTS`), as most listed items, opening with a noun, do."""
    return text[:1] in BARE_VERB_FIRSTS and _BARE_VERBS.fullmatch(text) is not None


def _unnoted(text: str) -> str:
    """`text` without its bracketed notes (`ITEM_NOTES`), passed over with one `in` where it holds no bracket, as most
    items do: the pattern is then never run."""
    return ITEM_NOTES.sub("", text) if "(" in text else text


@cache
def _traits(keyword: str) -> Traits:
    """Whether a keyword names a process, design or R&D, casting, a service done to things, or a store, and the other
    facts its readings test on it alone (kept per keyword)."""
    return Traits(keyword)


def _whole_vehicle(before: str, after: str) -> bool:
    """Whether 汽车, with `before` and `after` it in its clause, is a vehicle made (`BARE_VEHICLE`): restated
    (`VEHICLE_RESTATED`) in a run of 汽车 items whose verb, straight after the run, makes (汽车、汽车零部件的开发、制造;
    汽车、汽车底盘及配件制造; not 汽车、汽车配件、机械加工, a trader's list whose last item is made), or, with no verb
    after, made by a verb straight before it (生产：汽车、汽车零部件); or not restated, made straight after a verb
    (`VEHICLE_MADE`) and followed by nothing or only bare vehicles (制造汽车、农用车、拖拉机) — any other item after
    them may share its head with them (生产汽车、摩托车、电动工具用铸锻毛坯件; 生产汽车和工程机械的驱动桥), and a
    verb after a restated list may only sell it (汽车、汽车二类底盘销售). Only verbs after it, one making, make it too
    (`VEHICLE_VERBS_AFTER`: 汽车研发、制造、销售), and a note on it that leaves vehicles out or names none
    (汽车（不含小轿车）、汽车配件生产) leaves it the item it is; one listing vehicle types (汽车（自卸车、搅拌车）) is
    read as special vehicles (评测集 README 标法第 6 条: 括号里列的车型按专用汽车读), so it stays. Bare vehicles listed
    beside it, before (`VEHICLES_BEFORE`) or after it with the verbs (`VEHICLES_THEN_MADE`) or among the items
    restating it (汽车、汽车底盘、农用车、汽车及农用车零配件制造), and the parts closing the list (`VEHICLE_PARTS`:
    生产汽车及配件; 生产汽车、摩托车及其零部件), or closing its item with a making verb straight after them
    (`VEHICLE_PARTS_MADE`: 汽车及零部件制造), leave it made."""
    note = ITEM_NOTES.match(after)
    if note and (LEFT_OUT_NOTE.fullmatch(note.group()) or not BARE_VEHICLES.search(note.group())):
        after = after[note.end() :]
    if VEHICLE_VERBS_AFTER.fullmatch(after):
        return True
    if VEHICLE_PARTS_MADE.match(after) and ITEM_OPENING.search(before):
        return True
    if VEHICLES_THEN_MADE.fullmatch(after) and ITEM_OPENING.search(before):
        return True
    if VEHICLE_RESTATED.match(after):
        verb = _ANY_VERB.search(after)
        if verb is None:
            return _vehicle_made(before)
        items = after[1 : verb.start()].removesuffix("的").split("、")
        return (
            all(item.startswith(BARE_VEHICLE) or BARE_VEHICLES.fullmatch(item) for item in items)
            and MAKING.match(after, verb.start()) is not None
        )
    if not _vehicle_made(VEHICLES_BEFORE.sub("", before) if before.endswith(VEHICLES_BEFORE_ENDS) else before):
        return False
    if not after or VEHICLE_PARTS.fullmatch(after):
        return True
    listed = PARTS_CLOSING.sub("", after[1:])
    return after[0] in LIST_MARKS and all(
        BARE_VEHICLES.fullmatch(TRAILING_VERBS.sub("", item)) for item in ITEM_END.split(listed)
    )


def _vehicle_made(text: str) -> bool:
    """Whether `text` closes with verbs of which one makes a vehicle (`VEHICLE_MADE`), searched only where such a verb
    stands at all (`_VEHICLE_MAKER`): the search tries the whole run of verbs at every character of a long item."""
    return _VEHICLE_MAKER.search(text) is not None and VEHICLE_MADE.search(text) is not None


def _drug_item(before: str, after: str) -> bool:
    """Whether 药品 (`BARE_DRUG`), with `before` and `after` it in its clause, is an item of its own: only verbs
    before it in its item (生产药品; 生产、销售：药品) and, after it, the item's end or its verbs (药品、食品生产;
    药品和医疗器械的研发、生产), not a word it qualifies (药品包装材料) or one qualifying it (动物药品, 非药品类,
    注册分类第4类药品), nor the first of items sharing a head written for their use or named after it (药品、食品包装用
    材料; 药品和食品包装材料; 药品、食品检验仪器的生产), whichever later item holds it."""
    if ITEM_OPENING.search(before) is None or DRUG_ITEM_AFTER.match(after) is None:
        return False
    if not after or ITEM_END.match(after) is None:
        return True
    items = (TRAILING_VERBS.sub("", item) for item in ITEM_END.split(after[1:]))
    return not any(USED_FOR.search(item) or DRUG_SHARED_HEADS.search(item) for item in items)


def _clause_reading(
    clause: str,
    start: int,
    end: int,
    keyword: str,
    run: tuple[int, int, str] | None = None,
    upstream: bool = False,
    research: bool = False,
    designed: bool = False,
    system: bool = False,
) -> tuple[MatchGrade, str]:
    """What the clause around a keyword hit says the firm does with it: makes it, names it, or only serves it.

    `run` is (first, last index, last keyword) of the same segment's touching hits that hold this one
    (`_joined_hits`): what directly precedes or follows the thing is read around the whole run, after its last
    keyword; the verbs anywhere in the clause are read around the hit itself (仿制药研发及技术转让: 仿制药 is
    researched). A part heading the phrase is the upstream segment's own thing (钻头钢体毛坯 for 钻头材料与配件), so
    `upstream` keywords are not read as supplying it; a `research` keyword names a segment whose own work is R&D
    (创新药), so its 研究、开发 is no less than making; a `designed` one names a segment whose work is design
    (`DESIGN_SEGMENTS`: its technology services and its design sold are the segment); a `system` one names one of a
    car's four systems written as a car's (`SYSTEM_SEGMENTS`), whose generic parts are the segment."""
    low, high, head = run or (start, end, keyword)
    after = clause[high + 1 :]
    before = clause[:low]
    if after.startswith(")") and before.rfind("(") > before.rfind(")") and after[1:2].isalnum():
        # 汽车（轿车）减震器: a note inside a noun phrase qualifies it; the phrase goes on to its head
        after = after[1:]
    if head == BARE_VEHICLE and not _whole_vehicle(before, after):
        return EXCLUDED, VEHICLE_NOTE if ITEM_CLOSED.match(after) else MODIFIER_NOTE
    traits = _traits(keyword)
    heads = traits if head is keyword else _traits(head)
    head_process, cast, serviced = heads.process, heads.cast, heads.serviced
    dosage_form = traits.dosage_form
    listed_beside = MOULD_LISTED.match(after) if heads.mould else None
    if listed_beside:
        after = after[listed_beside.end() :]
    plated = heads.plating and not cast and not CUT_BEFORE.search(before)
    own_parts = system or heads.accessories
    accessories = own_parts and OWN_PARTS.match(after) is not None
    joined = (
        heads.joining
        and (not heads.joining_only or ITEM_OPENING.search(before) is None)
        and after.startswith(JOINED_GOODS)
    )
    if (
        after[:1] in SUPPLY_OPENINGS
        and (_SUPPLIED_PLATED if plated else _SUPPLIED_AFTER[cast]).match(after)
        and not (accessories or joined)
    ):
        return EXCLUDED, "为它供应设备、材料或部件"
    if before.endswith(FOR_USE_BEFORE) or (before.endswith("供") and SUPPLIED_TO.match(after)):
        return EXCLUDED, "为它供应设备、材料或部件"
    if head_process and after.startswith(PROCESS_SUPPLIES):
        return EXCLUDED, "为它供应设备、材料或部件"
    if designed and head.endswith(TECHNOLOGY) and TECHNOLOGY_SERVICES.match(after) and not before.endswith(NEGATIONS):
        return CONFIRMED, TECHNOLOGY_NOTE
    if (_CUSTOMER_NOUN.search(after) and CUSTOMERS.match(after)) or _beneficiary(before, after):
        return EXCLUDED, "为它供货或服务，只把它当客户"
    if before.endswith(USED):
        return EXCLUDED, "回收或二手"
    if head_process and (after.startswith(OWN_GOODS) or (serviced and _its_own(before, after))):
        return EXCLUDED, OWN_GOODS_NOTE
    if _outsourced(before, after):
        return EXCLUDED, OUTSOURCED_NOTE
    if before.endswith(NEGATIONS) or _excepted(clause, low, after) or _note_about_above(clause):
        return EXCLUDED, "不含"
    if before.endswith(BOUGHT):
        return EXCLUDED, "外购来用，不生产"
    if before.endswith(VETERINARY) or (dosage_form and _VETERINARY.search(clause)):
        return EXCLUDED, "兽用"
    api_named = NAMED_DRUGS.match(clause, start) if traits.api else None
    if api_named and _names_other_class(api_named.group(1)) and not _names_chemical(api_named.group(1)):
        return EXCLUDED, OTHER_API_NOTE
    if dosage_form and _food_form(after, before):
        return EXCLUDED, HEALTH_FOOD_NOTE
    if dosage_form and _hygiene_forms(before, after):
        return EXCLUDED, HYGIENE_NOTE
    if dosage_form and _cosmetic_unit(clause, after):
        return EXCLUDED, "化妆品生产单元的剂型"
    if dosage_form and keyword.endswith(SPRAYED_FORMS) and _household_spray(clause, start, end):
        return EXCLUDED, "日化杀虫、清新用品的剂型"
    if keyword == PLIED and CABLE_WORDS.search(clause):
        return EXCLUDED, "线缆的绞合，不是纱线"
    # a keyword written with its list mark (纱、) closes its item: a process after it is an item of its own (纺纱、
    # 印染: spinning and dyeing, 标法第 1 条), and the list goes on from the mark (针织、纱、面料印染: both dyed); a
    # process keyword is an activity, not a thing worked on (纺纱、面料印染; 铸造、零件清洗)
    closed = head.endswith("、")
    if (
        after[:1] in SERVICED_FIRSTS
        and after.startswith(SERVICED)
        and not closed
        and not (head.endswith(CHAINED_FINISHES) and after.startswith(CHAINED_FINISHES))
    ) or (
        not serviced
        and (
            (OF in after and SERVICING.search(after))
            or (not traits.process and _list_worked_on(clause[high:] if closed else after))
            or (cast and not head_process and (after.startswith(MACHINED) or _machined_only(clause, low, high)))
        )
    ):
        return EXCLUDED, "为它加工或服务，不生产它"
    phrase = "" if _object_of_verb(after) else _opening(after, PHRASE_END)
    if not phrase and after.startswith(OF):
        phrase = _opening(after[len(OF) :], PHRASE_END)
    spaced = SPACED_VERB.match(phrase) if " " in phrase else None
    if spaced:
        phrase = spaced.group()
    noun = TRAILING_VERBS.sub("", phrase) if phrase else ""
    plated_part = plated and noun.startswith(PLATED_GOODS) and not any(word in noun for word in PLATING_LINE)
    if noun and (
        (noun.endswith(EQUIPMENT_HEADS) and not joined)
        or (noun.endswith("机") and not noun.endswith("电机"))
        or noun.endswith(FOR_USE)
        or (not cast and not upstream and not accessories and not plated_part and noun.endswith(PART_HEADS))
    ):
        return EXCLUDED, "为它供应设备、材料或部件"
    if not cast and _blank_closes_list(clause, high + 1):
        return EXCLUDED, "为它供应设备、材料或部件"
    if noun and not serviced and not closed and noun.endswith(SERVICED):
        return EXCLUDED, "为它加工或服务，不生产它"
    if noun and cast and keyword != CASTING and noun.endswith(CAST_WARES) and not _part_joined(after, noun):
        return EXCLUDED, MODIFIER_NOTE
    if noun and VEHICLE_TYPES.search(head) and _qualified_noun(noun):
        return EXCLUDED, MODIFIER_NOTE
    around = _item(clause, start, end)
    if "(" in clause and any(mark in clause for mark in LEFT_OUT_MARKS):
        if _unmade(around):
            return EXCLUDED, NOT_MADE_NOTE
        blanked = _left_out_blanked(clause, low, high)
        if blanked != clause:  # seldom: only then can the hit's item read otherwise
            clause, around = blanked, _item(blanked, start, end)
    process, designs, lets = traits.process, traits.designs, traits.lets
    if designed and keyword.endswith(RESEARCH_ENDS) and _researched_and_made(around):
        return EXCLUDED, OWN_RESEARCH_NOTE
    if CONVERSION in around and BARE_VEHICLES.search(keyword) and _converted(around, keyword):
        return EXCLUDED, "改装，不是生产"
    if process and not designs and _RESEARCH_ONLY.search(around) and not REALLY_MAKING.search(around):
        return EXCLUDED, "只研究开发，不做该工艺"
    if traits.new_drug and _unnamed_new_drug(clause[:start] + keyword.removesuffix(NEW_DRUG), around, clause[start:]):
        return EXCLUDED, UNNAMED_NEW_DRUG_NOTE
    research = research or traits.drug_research
    if (
        not (process or designs or research)
        and (RESEARCHED.search(around) or _research_verbs_only(clause))
        and not REALLY_MAKING.search(around)
    ):
        return EXCLUDED, "只研究开发，不生产"
    if not process and TECHNOLOGY_AFTER.match(after) and _researched_only(around):
        return EXCLUDED, "只研究开发，不生产"
    if lets and keyword.endswith(STORE) and "|" in around and (ITEM_END.match(after) or MAKING.match(after)):
        before_hit, after_hit = around.split("|", 1)
        if _making(after_hit) and not _making(before_hit):
            return EXCLUDED, BUILT_NOTE
    made = _making(around)
    if not process and made and around == clause[:start] + "|" + clause[end + 1 :]:
        sold = _sold_in_list(clause, start, end)
        if sold:
            around, made = sold, _making(sold)
    if made and not _NOT_PRODUCING.search(around):
        if not process and (
            _trade_list_worked(clause, start) or (DRUG in keyword and _drug_classes_listed(clause, start))
        ):
            return PENDING, TRADE_NOTE
        return CONFIRMED, "生产"
    if process and not designs and (keyword.endswith(PROCESS_WORDS) or traits.metal_coat):
        if (
            _process_alone(clause, start, end, around)
            or SOLD_AFTER.fullmatch(clause, high + 1)
            or _sold_joined(keyword, clause, _past_note(clause, high + 1))
            or _advice_joined(keyword, clause[:low], after)
            or (
                keyword.endswith((*PRODUCTION_WORDS, STORED_COLD))
                and not keyword.endswith(RESEARCH_ENDS)
                and SOLD_DIRECTLY.fullmatch(clause, _past_note(clause, high + 1))
            )
            or (
                keyword.endswith(PRODUCTION_WORDS)
                and not keyword.endswith(RESEARCH_ENDS)
                and _verbs_share_goods(clause, high + 1)
            )
        ):
            return CONFIRMED, "即该工艺"
    if (
        designed
        and head.endswith(DESIGN_WORDS)
        and (SOLD_AFTER.fullmatch(clause, high + 1) or SOLD_JOINED.fullmatch(clause, high + 1))
        and not SALE_HEADING.search(before)
    ):
        return CONFIRMED, DESIGN_SOLD_NOTE
    if dosage_form and _process_alone(clause, start, end, around):
        return CONFIRMED, DOSAGE_NOTE
    if traits.own_verb and _own_verb_then_verbs(before, clause[high + 1 :]):
        return CONFIRMED, "生产"
    if process and not designs and SOLD_THEN_JOINED.search(before) and _opening(after, ITEM_END) in DONE_AS:
        return CONFIRMED, "即该工艺"
    # a process keyword holding its verb (涂漆加工) and closing its item has that verb, as 喷漆 followed by 加工 does:
    # 建筑工程施工、涂漆加工 lists the painting as an item of its own (标法第 9 条 (a)), not the 施工's object; a
    # verb of service after it (大米加工、销售) still reads as before
    if (
        process
        and keyword.endswith(PROCESSING)
        and (end + 1 == len(clause) or ITEM_END.match(clause, end + 1))
        and _ANY_NOT_MAKING.search(around)
        and not _ANY_NOT_MAKING.search(around, around.find("|"))
    ):
        around = _item(clause, start, end - len(PROCESSING))
    for why, words in _NOT_MAKING if _ANY_NOT_MAKING.search(around) else ():
        if lets and why == LET_REASON and words.search(around):
            return CONFIRMED, LET_NOTE
        if (
            why in (SOLD_NOTE, LET_REASON)
            and (keyword.endswith(WORKS_DONE) or traits.metal_coat)
            and _process_listed(clause, high, around, words)
        ):
            continue
        if not (designs and why == "只做设计") and words.search(around):
            return EXCLUDED, why
    if process:
        if plated and after.startswith(TRADED_PLATED_GOODS) and _trade_goods(clause):
            return PENDING, TRADE_NOTE
        return CONFIRMED, "即该工艺"
    tail = _unnoted(_opening(after, ITEM_END)).rstrip(STRAY_MARKS)
    listed = tail in ITEM_TAILS or (own_parts and OWN_PARTS.fullmatch(tail) is not None)
    work = _unnoted(LICENCE_HEADINGS.sub("", around))
    served_or_researched = ACTIVITY_WORDS.search(work) or _research_topic(work)
    if listed and not served_or_researched and not WORKS.search(after.split("、", 1)[0]):
        if dosage_form:
            return CONFIRMED, DOSAGE_NOTE
        named = NAMED_DRUGS.match(clause, start) if traits.api else None
        if named and not OTHER_DRUG_MARKS.search(named.group(1)) and EXTRACT not in named.group(1):
            return CONFIRMED, NAMED_API_NOTE
        if any(_unnoted(item) in TRADE_GOODS for item in ITEM_END.split(clause)):
            return PENDING, TRADE_NOTE
        return PENDING, LISTED_NOTE
    return PENDING, "仅提及"


def _process_listed(clause: str, high: int, around: str, sold: re.Pattern[str]) -> bool:
    """Whether a process keyword ending at `high` is an item of its own in a list that a later verb of selling (`sold`)
    or letting closes (绒毛梳纺、染整、购销; 电镀、化工原料、批发零售; 医药制造、场地租赁, r82x124), the closing verbs
    read as one run (`SOLD_RUN`: 批发零售, 批零兼营): a process cannot be bought, sold or let (评测集 README
    决定 D4, 标法第 9 条 (a)), so the selling is of the other items, not of the process. Repair is not read so:
    painting beside repair is done on things in use (标法第 9 条 (c)). Not where 的 makes the list the selling's
    object (棉纺、橡塑、家具、服装……的销售: what is sold there is goods, 棉纺 cotton textiles), nor where the verb of
    selling opens an item with its object after it (铸造、销售铸造材料: verbs listed, then what they share), nor where
    a verb of selling stands before the process too (五金制品销售、电镀、化工原料、批发): the clause then sells item
    after item, and which items the last verb closes cannot be told, so the list is read as one of trade (标法第 1
    条). `_process_alone` reads the other case, each verb of selling written after a noun of its own item (铸造、
    机械配件销售), and leaves 的 and a selling verb opening the clause as this does."""
    if ITEM_END.match(clause, high + 1) is None:
        return False
    bar = around.find("|")
    selling = sold.search(around, bar)
    if selling is None or sold.search(around, 0, bar) or around[selling.start() - 1] == OF:
        return False
    end = run.end() if (run := SOLD_RUN.match(around, selling.end())) else selling.end()
    return end == len(around.rstrip(STRAY_MARKS)) or ITEM_END.match(around, end) is not None


def _part_joined(after: str, noun: str) -> bool:
    """Whether a cast ware (`noun`, the phrase after the hit) goes on with 及, 和 or 与 to a part
    (`CAST_WARE_AND_PART`)."""
    return CAST_WARE_AND_PART.match(after, after.find(noun) + len(noun)) is not None


def _household_spray(clause: str, start: int, end: int) -> bool:
    """Whether a spray form at `clause[start:end + 1]` is a household pest or freshener good's
    (`HOUSEHOLD_PEST_GOODS`): named in its item, or in a clause that lists no other dosage form."""
    low, high = _item_bounds(clause, start, end + 1)
    if HOUSEHOLD_PEST_GOODS.search(clause, low, high):
        return True
    return HOUSEHOLD_PEST_GOODS.search(clause) is not None and not any(
        form in clause for form in DOSAGE_NAMES if form not in SPRAYED_FORMS
    )


def _hygiene_forms(before: str, after: str) -> bool:
    """Whether a hit stands in a bracketed note on a hygiene product (`HYGIENE_GOODS`) of its item, not on a drug, or
    qualifies one written straight after it in its item (片剂消毒剂, 粉剂消毒剂: the form of a disinfectant)."""
    head = _opening(after, ITEM_END)
    if HYGIENE_GOODS.match(head) and DRUG not in head:
        return True
    noted = _noted_head(before)
    return noted is not None and HYGIENE_GOODS.search(noted) is not None and DRUG not in noted


def _noted_head(before: str) -> str | None:
    """The item a hit's open bracketed note is written on, `before` being its clause up to the hit (保健食品 in
    生产:保健食品（软胶囊剂）; 药品 in 保健食品及药品（片剂）), or None when the hit stands in no open note."""
    opened = before.rfind("(")
    if opened <= before.rfind(")"):
        return None
    return ITEM_END.split(before[:opened])[-1].rsplit(":", 1)[-1]


LISTED_VERB_END = re.compile(r"[、\s]")
"""、 or a space ends a listed item among the bare verbs after a research word (研发、生产 批发); unlike `ITEM_END`,
及 和 与 and / do not split them."""


def _researched_and_made(around: str) -> bool:
    """Whether the research word at | in `around` (`_item`) has the firm's own making (`MADE_HERE`, not 委托加工)
    among bare verbs listed straight after it on its own object (开发制造; ……鞋用材料研发、生产、批发零售; ……的研发、
    制造), a space ending an item as 、 does: `OWN_RESEARCH_NOTE`. Making of another object listed beside it
    (鞋类研发、服装生产) or of samples (`SAMPLE_MAKING`: 鞋类研发、打样加工) leaves the research an item of its own."""
    items = LISTED_VERB_END.split(_unnoted(around[around.index("|") + 1 :]))
    verbs = takewhile(lambda item: not item or _bare_verbs(item), items)
    return MADE_HERE.search(SAMPLE_MAKING.sub("", "、".join(verbs))) is not None


OUTSOURCED_MARK = min(set.intersection(*map(set, OUTSOURCED_WORDS)))
"""A character every `OUTSOURCED` word holds (外): text without it sends nothing out, tested with one `in`."""


def _its_own(before: str, after: str) -> bool:
    """Whether 及其 refers a process done to things to the goods just named (`ITS_OWN`), the process closing its
    phrase (及其配套电镀，; 及其表面处理和电镀加工), not heading a good (及其电镀制品 makes plated goods). The
    goods must be the firm's own making, a making verb (`MAKING`) before 及其 in its clause (五金制品生产及其…):
    goods sold or taken in (五金制品销售及其电镀加工, 客户来料及其电镀加工) are not its own (标法第 9 条 (b))."""
    its = ITS_OWN.search(before) if "其" in before else None
    return (
        its is not None
        and MAKING.search(before, 0, its.start()) is not None
        and (not after[:1].isalnum() or ITEM_END.match(after) is not None or after.startswith(PROCESSING))
    )


def _cosmetic_unit(clause: str, after: str) -> bool:
    """Whether a dosage form is written into a cosmetics licence's production unit (`COSMETIC_UNIT`)."""
    unit = COSMETIC_UNIT.match(after)
    return unit is not None and (SOLVENT_UNIT in unit.group() or COSMETICS in clause)


def _outsourced(before: str, after: str) -> bool:
    """Whether the text after a keyword sends its work out (`OUTSOURCED`): in the keyword's own phrase, or at the
    opening of a note right after it; in an item taking work in (`TAKEN_IN`), 委外 and 外发 straight after the
    keyword name the work taken (`TAKEN_IN_WORK`)."""
    if OUTSOURCED_MARK not in after:  # the phrase read is `after` cut and with words taken out: no mark, no match
        return False
    if after.startswith("("):
        return OUTSOURCED.match(after, 1) is not None
    phrase = _opening(after, PHRASE_END)
    if TAKEN_IN.search(before):
        phrase = TAKEN_IN_WORK.sub("", phrase)
    return OUTSOURCED.search(phrase) is not None


def _advice_joined(keyword: str, before: str, after: str) -> bool:
    """Whether a casting or surface process keyword (`_joined_output`) closes its item with advice joined by 及
    (`ADVICE_JOINED`: 表面处理及技术服务(……)), in a clause whose earlier verbs only sell, design or advise
    (`SHARED_ONLY`): not 钢结构制作、安装、防腐喷涂及技术服务, site work (评测集 README 标法第 9 条 (c))."""
    if not _joined_output(keyword) or not ADVICE_JOINED.fullmatch(_unnoted(after.split("、", 1)[0])):
        return False
    return _not_making_reasons(before) <= set(SHARED_ONLY)


def _not_making_reasons(text: str) -> set[str]:
    """The kinds of not-making verbs (`NOT_MAKING`: 只是销售, 咨询 …) a text holds."""
    if not _ANY_NOT_MAKING.search(text):
        return set()
    return {why for why, words in _NOT_MAKING if words.search(text)}


def _joined_output(keyword: str) -> bool:
    """Whether a keyword names casting or a surface process (铸造, 压铸, 电镀, 表面处理): the processes whose item
    joined by 及 to its selling or advice is the process done (评测集 README 标法第 9 条 (a)); a bare verb of making
    (开发) names no thing of its own, and a store's advice (冷库及技术服务) is its building (第 12 条)."""
    return any(word in keyword for word in JOINED_OUTPUT_WORDS)


def _sold_joined(keyword: str, clause: str, at: int) -> bool:
    """Whether a process keyword is done and its output sold, joined by 及 (`SOLD_JOINED`): any process before its
    selling (表面处理及销售). A keyword that is a verb of making (`PRODUCTION_WORDS`) counts only before its products'
    selling (电镀及其产品销售: 标法第 9 条 (a)), or before any selling when it is 铸造, 压铸 or 电镀 (`_joined_output`:
    不锈钢的铸造和销售, 电镀及销售, as 铸造、销售 is); a bare 开发 names no thing of its own."""
    joined = SOLD_JOINED.fullmatch(clause, at)
    return joined is not None and (
        keyword not in PRODUCTION_WORDS or joined.group(1) is not None or _joined_output(keyword)
    )


def _past_note(clause: str, at: int) -> int:
    """Where the text goes on after a bracketed note opening at `at` (药品生产（仅限分支机构）和销售: the note
    qualifies the item, and the verbs after it are still the item's), or `at` where no note opens there or it is
    never closed (an unclosed `ITEM_NOTES` runs to the clause end, and the verbs in it would be read as the item's).
    `_whole_vehicle` matches `ITEM_NOTES` itself, as it reads the note's words, an unclosed one too."""
    note = ITEM_NOTES.match(clause, at)
    return note.end() if note and note.group().endswith(")") else at


def _verbs_share_goods(clause: str, at: int) -> bool:
    """Whether a verb of making ending at `at` - 1 is followed by 、, verbs of selling and wares (`SHARED_WARES`) with
    no verb of their own to the clause end (`SOLD_GOODS`: 铸造、销售钢件, not 铸造、销售钢件、加工机械, whose last verb
    governs its own list)."""
    sold = SOLD_GOODS.fullmatch(clause, at)
    if sold is None:
        return False
    goods = sold["goods"]
    return SHARED_WARES.search(goods.rstrip("等")) is not None and _ANY_VERB.search(goods) is None


def _qualified_noun(noun: str) -> bool:
    """Whether the words after a vehicle type in its item (`VEHICLE_TYPES`) are a noun it qualifies (轮罩, 塑料地板),
    not a mark (轻型客车.) or a model code (客车ZK6120, 轿车KD件), a tail of the vehicle itself (系列, 整车, 商务车,
    `VEHICLE_TYPE_TAILS`), a verb, an activity (运输) or the rest of its maker's name (`FIRM_WORDS`); a service done to
    it (维修) was read before."""
    return (
        "\u4e00" <= noun[0] <= "\u9fff"
        and noun not in ITEM_TAILS
        and not noun.startswith(VEHICLE_TYPE_TAILS)
        and not noun.endswith(("车", "卡", "SUV", "MPV"))
        and _ANY_VERB.search(noun) is None
        and ACTIVITY_WORDS.search(noun) is None
        and not any(word in noun for word in FIRM_WORDS)
    )


def _opening(text: str, ends: re.Pattern[str]) -> str:
    """The text up to the first match of `ends` (the phrase before `PHRASE_END`, the item before `ITEM_END`): what
    `ends.split(text, maxsplit=1)[0]` gives, found by one search and one slice, not a split that also copies the rest
    of a long clause."""
    end = ends.search(text)
    return text if end is None else text[: end.start()]


def _object_of_verb(after: str) -> bool:
    """Whether a production verb directly follows a keyword and another one stands inside the rest of the phrase,
    between nouns: an old scope run together without marks (铸件制造锻件制造机械加工), where the first verb closes the
    keyword's item and 机械 heads a later one. A verb followed by a noun phrase alone, or by one closed by its own verb,
    names equipment for the thing (变速器装配专用设备, 正极材料烧结辊道窑制造), read as before."""
    verb = MAKING.match(after) if after[:1] in MAKING_FIRSTS else None
    if verb is None:
        return False
    rest = TRAILING_VERBS.sub("", _opening(after[verb.end() :], PHRASE_END))
    return MAKING.search(rest, 1) is not None


def _verb_heading(heading: str) -> bool:
    """Whether the text before a colon lists only verbs, or words of two characters naming a process among them
    (生产、销售; 染整、生产、加工、销售), at least one a verb: not items of goods with their own verbs (铝塑门窗加工、
    销售:钢材、建材, where the list after the colon is only sold)."""
    items = _unnoted(heading).split("、")
    return any(map(_bare_verbs, items)) and all(_bare_verbs(item) or len(item) <= 2 for item in items)


def _converted(around: str, keyword: str) -> bool:
    """Whether 改装 in `around` (a clause item with | where the hit stands, `_item`) converts the hit: written in the
    hit's own listed item, unless after a verb of making there (汽车制造及改装: `MADE_THEN_CONVERTED`; 汽车改装、制造
    and 汽车改装制造 are conversion, 改装汽车制造) or as a converted vehicle joined after the hit (客车及各种改装车:
    评测集 README 标法第 6 条, 两类都做的标整车); or anywhere else but as a converted vehicle named as a product of its
    own (`CONVERTED_VEHICLES`: 载货汽车、改装汽车生产 makes trucks too) in a list with no head of its own after it
    (载货汽车、改装车的零部件 makes parts for both), nor as one more verb beside a verb of making
    (`MADE_AND_CONVERTED`), the keyword's own one too (汽车制造、销售、改装、维修; 专用车改装、汽车制造)."""
    at = around.find("|")
    low, high = _item_bounds(around, at, at)
    joined = around[at + 1 : high]
    if CONVERTED_JOINED.fullmatch(joined):
        joined = CONVERTED_VEHICLES.sub("", joined)
    own = _MADE_AT_END.search(keyword)
    made = own.group() if own else ""
    if CONVERSION in around[low:at] + joined:
        return MADE_THEN_CONVERTED.search(around[low:at] + made + joined) is None
    verb = _ANY_VERB.search(around, at + 1)
    listed = around[at + 1 : verb.start() if verb else len(around)].removesuffix(OF)
    elsewhere = CONVERTED_VEHICLES.sub("", around[:at] + made + around[at + 1 :])
    return OF in listed or (CONVERSION in elsewhere and MADE_AND_CONVERTED.search(elsewhere) is None)


def _own_verb_then_verbs(before: str, rest: str) -> bool:
    """Whether a keyword holding its own production verb after its noun (钢结构制造: `Traits.own_verb`, which the caller
    tests) ends its listed item, followed only by bare verbs (、设计、安装) and preceded by none, nor by an item that is
    a bare verb (a chain of services: 咨询、设计、维护、系统集成、技术服务): 评测集 README 标法第 1 条, the verbs listed
    after an item are more of what the firm does with it, so 钢结构制造、设计、安装 still makes the structures, as
    模具制造、设计 does. `rest`, the clause after the keyword, is read without its notes in brackets (stripped only
    once the keyword qualifies: few do)."""
    if "、" not in rest:
        return False
    after = _unnoted(rest)
    if not (after.startswith("、") and _bare_verbs(after)):
        return False
    items = before.split("、")
    if len(items) > 1 and _bare_verbs(items[-2]):
        return False
    return not _ANY_VERB.search(items[-1]) and not _NOT_PRODUCING.search(after)


def _blank_closes_list(clause: str, at: int) -> bool:
    """Whether the 、-listed items from clause[at] on (`SHARED_LIST`) end in an item holding a blank (`BLANK`:
    汽车缸体、缸盖毛坯铸造). Most hits are followed by 、 but few clauses hold a blank at all: the list is matched only
    where one stands after `at`."""
    if not clause.startswith("、", at) or clause.find(BLANK, at) == -1:
        return False
    shared = SHARED_LIST.match(clause, at)
    return shared is not None and BLANK in shared.group().rsplit("、", 1)[-1]


def _item_bounds(text: str, start: int, stop: int) -> tuple[int, int]:
    """Where the listed item holding `text[start:stop]` begins and ends: after the 、 before it (or at the text's
    start) and at the 、 after it (or the text's end), the bounds every reading of a list's items cuts by."""
    high = text.find("、", stop)
    return text.rfind("、", 0, start) + 1, len(text) if high == -1 else high


def _item(clause: str, start: int, end: int) -> str:
    """The text around a hit that its verbs come from, with | where the hit stands: the whole clause, as 、 shares a
    verb across a list (模具、五金件的生产), unless the listed item holding the hit has a verb of its own (蓄电池销售、
    模具制造: 蓄电池 is only sold). Items that are bare verbs belong to the item before them (模具设计、制造、销售), or,
    opening the clause, to the item after them when it too opens with a verb (生产、销售金属模具: the verbs are listed,
    then their object; not 电镀、喷涂的销售, where 电镀 is a thing sold), a note in brackets among the verbs leaving
    the list whole (生产、加工（含来料加工）、销售汽车制动管路: 评测集 README 标法第 1 条, the verbs govern the object
    after them). A heading with verbs before a colon governs the first item after it as it does the rest (染整、生产、
    加工、销售:毛纺纱线: not only the 销售 written next to the colon)."""
    if "、" not in clause:
        return clause[:start] + "|" + clause[end + 1 :]
    low, high = _item_bounds(clause, start, end + 1)
    if low and _BARE_VERBS.match(clause[low:start]) and _bare_verbs(_unnoted(clause[: low - 1])):
        low = 0
    colon = clause.rfind(":", low, start)
    if colon != -1:
        heading = clause.rfind(":", 0, colon) + 1
        if _verb_heading(clause[heading:colon]):
            low = heading
    while high < len(clause):
        following = _item_bounds(clause, high + 1, high + 1)[1]
        if not _bare_verbs(clause[high + 1 : following]):
            break
        high = following
    own = clause[low:start] + "|" + clause[end + 1 : high]
    if _making(own) or _ANY_NOT_MAKING.search(own):
        return own
    return clause[:start] + "|" + clause[end + 1 :]


def _sold_in_list(clause: str, start: int, end: int) -> str | None:
    """The text a verbless listed item takes its verbs from when a later item closes the list with a verb of selling
    or service and no production verb, and none stands before the hit (有色金属、电池材料、机械设备销售、化工产品的生产:
    电池材料 is sold, the chemicals are made): a list shares the verb written at its end, not one a later list ends
    with. None where the first later item with a verb makes something, is a bare verb (技术开发、转让、咨询: a chain of
    verbs, not a list's close) or holds its verb before its own noun, or where the bare verbs listed after it make
    something (启动电机的设计、制造、加工)."""
    if _making(clause[:start]):
        return None
    low, high = _item_bounds(clause, start, end + 1)
    if high == len(clause):
        return None
    items = clause[high + 1 :].split("、")
    for index, item in enumerate(items):
        if _making(item):
            return None
        if _bare_verbs(item):
            return None
        if CLOSING_VERB.search(_unnoted(item)):
            verbs = list(takewhile(_bare_verbs, items[index + 1 :]))
            if any(map(_making, verbs)):
                return None
            return "、".join((clause[low:start] + "|" + clause[end + 1 : high], item, *verbs))
        if _ANY_NOT_MAKING.search(item):
            return None
    return None


def _machined_only(clause: str, start: int, end: int) -> bool:
    """Whether machining is the only making written for the cast product at clause[start:end + 1]: straight before
    it (玻璃模具加工机加工铸件销售) or as the only verb of making in a heading before a colon over a list holding it
    (机械加工、销售：钢件、铁件、农机配件、铸钢), with no making after the product nor, straight before it, in a heading
    over it: the firm machines castings cast by others (评测集 README 标法第 2 条, r3x123). Beside casting
    (`CASTING_WORDS`: 铸造、机加工：铸铁件; 机加工、精铸：不锈钢精密铸件) or another verb of making (机加工：铸铁件生产;
    生产：机加工铸件; 机加工铸件的生产、销售) it casts them."""
    colon = clause.rfind(":", 0, start)
    heading = clause[:colon] if colon != -1 else ""
    left = _MACHINING.sub("", heading)
    if not clause.endswith(MACHINED, 0, start):
        if left == heading or MAKING.search(clause, colon + 1, start):
            return False
    return MAKING.search(left) is None and _CASTING.search(left) is None and MAKING.search(clause, end + 1) is None


def _list_worked_on(after: str) -> bool:
    """Whether the items listed after a keyword end in a process done to them all, after a noun of two or more
    characters naming no process (毛纱、成衣染色: wool yarn and garments are dyed, as 鞋扣、鞋眼的电镀加工), with no
    verb between; a process listed alone (铸件、电镀) is an activity of its own. The last item is read first: seldom
    a process, it spares searching the whole list for verbs. A keyword holding its list mark (纱、: `closed` in
    `_clause_reading`) passes the text from that mark, so 针织、纱、面料印染 dyes the yarn too."""
    if not after.startswith("、"):
        return False
    last = after.rsplit("、", 1)[1]
    work = LAST_WORKED_ON.search(last)
    if work is None or work.start() < 2 or any(word in last[: work.start()] for word in PROCESS_WORDS):
        return False
    return not (_making(after) or _ANY_NOT_MAKING.search(after))


def _trade_list_worked(clause: str, start: int) -> bool:
    """Whether a clause lists a class of traded goods (`TRADE_GOODS`: 建材, 机电设备, 汽车配件, or one with 加工 after
    it) among other goods and closes, with no verbs heading it before a colon, with selling or service, its only
    production verb the old registrations' bare 加工 (`PROCESSING`): 评测集 README 标法第 1 条, 泛称清单后面跟“销售、
    维修、加工、服务”也按经营读 (铸造件、耐磨件、建材、模具加工、销售; 机械加工、模具、机电设备、针织品、劳保用品
    销售) — the 加工 works on the goods sold. 汽车配件加工、销售 alone is one item, made (标法第 2 条); verbs
    heading the clause (加工、销售塑料制品、包装材料; 设计、加工:机械模具、五金) or the hit's own item before the hit
    (现场加工零售糕点) govern it, not the close."""
    item = clause[_item_bounds(clause, start, start)[0] : start]
    if ":" in clause or _ANY_VERB.match(clause) or _ANY_VERB.search(item) or not _ANY_NOT_MAKING.search(clause):
        return False
    items = [_unnoted(item) for item in ITEM_END.split(clause)]
    if not any(item.removesuffix(PROCESSING) in TRADE_GOODS for item in items):
        return False  # no class of traded goods at all, as in most clauses: the verbs of the items are not read
    if sum(1 for item in items if item and not _bare_verbs(item)) < 2:
        return False  # the class of goods found is no bare verb, so it is one of these: at least one other is needed
    # last: seldom reached, and the costliest test, each verb of the whole clause
    return all(verb.group() == PROCESSING for verb in MAKING.finditer(clause))


def _drug_classes_listed(clause: str, start: int) -> bool:
    """Whether a clause lists two or more classes of a drug trade licence as items with no verb (`DRUG_TRADE_CLASSES`,
    `DRUG_TRADE_LIST_MINIMUM`), the hit's among the verbless items, and its only verbs stand inside items of their own
    before its close (中成药、化学药制剂、抗生素、医疗器械、药材收购加工、保健品): 评测集 README 标法第 1 条, a verb
    closing a clause governs all its items, one inside an item that item alone, so the classes stay a drug trade
    licence's (2026-12-04 决定 D2), not made by the 加工 of 药材收购加工."""
    unnoted = ITEM_NOTES.sub(lambda note: " " * len(note.group()), clause)
    items = unnoted.split("、")
    if len(items) <= DRUG_TRADE_LIST_MINIMUM or ":" in clause or _ANY_VERB.match(clause) or _ANY_VERB.search(items[-1]):
        return False
    if _ANY_VERB.search(items[unnoted.count("、", 0, start)]):
        return False
    bare = [item.strip() for item in items if not _ANY_VERB.search(item)]
    return sum(item in DRUG_TRADE_CLASSES for item in bare) >= DRUG_TRADE_LIST_MINIMUM


def _left_out_blanked(clause: str, low: int, high: int) -> str:
    """The clause with the making and converting verbs inside its notes that leave something out blanked
    (（整车生产及改装除外）, （不含电镀）, （除生产、经营、安装卫星电视地面接收设施的专控产品）), except in a note
    holding the hit (`_excepted` reads that): a note of exception names what the firm does not do (评测集 README
    标法第 1 条 reads the verbs that govern an item), so its verbs neither make an item produced or converted nor
    give it a verb of its own. A note saying the firm does not produce (（不含生产加工）, `NOT_PRODUCING`) is kept
    whole: it is read as such. Blanking keeps every position in the clause."""
    if not _blanked_notes(clause):
        return clause
    for note in LEFT_OUT_NOTE.finditer(clause):
        if (note.start() > high or note.end() <= low) and not _NOT_PRODUCING.search(note.group()):
            for verb in NOTE_VERBS.finditer(clause, note.start(), note.end()):
                clause = clause[: verb.start()] + " " * (verb.end() - verb.start()) + clause[verb.end() :]
    return clause


def _unmade(around: str) -> bool:
    """Whether a note of exception closing the hit's item (`_item`, the hit marked |) leaves out only activities, one
    of them making (新药的研究、开发（生产、销售除外）, 饲料（不含加工）): the firm says it does not make the item."""
    if not around.endswith(")"):  # every `LEFT_OUT_NOTE` ends so: none closes the item
        return False
    notes = list(LEFT_OUT_NOTE.finditer(around))
    if not notes or notes[-1].end() != len(around) or "|" not in around[: notes[-1].start()]:
        return False
    last = notes[-1]
    words = last.group(1) or last.group(2)
    return VERBS_ONLY_NOTE.fullmatch(words) is not None and _making(words) is not None


def _excepted(clause: str, start: int, after: str) -> bool:
    """Whether a keyword is left out by 除外 after it, directly or closing the bracketed note it stands in
    (机电产品（小轿车除外）), or by a negation or 除 opening that note or a note holding it (汽车（不含九座以下乘用车）,
    五金制品（不含金属表面处理）, 汽车（除小轿车）, 电池（不含汞电池（锌汞电池）、开口式普通铅酸电池）)."""
    if after.startswith("除外"):
        return True
    opened = clause.rfind("(", 0, start)
    if opened <= clause.rfind(")", 0, start):
        return (
            opened != -1
            and ("除" in clause or _NEGATION.search(clause) is not None)
            and any(
                _negation_opens(clause, outer + 1) or EXCEPTING.match(clause, outer + 1) is not None
                for outer in _open_brackets(clause, start)
            )
        )
    return (
        EXCEPTED_NOTE.match(after) is not None
        or _negation_opens(clause, opened + 1)
        or EXCEPTING.match(clause, opened + 1) is not None
    )


def _negation_opens(clause: str, at: int) -> bool:
    """Whether a negation opens the note at `at`, also after words saying the note speaks of the items before it
    ((以上范围不含热处理、电镀、铸造): the scope leaves those processes out)."""
    above = NOTE_ABOUT_ABOVE.match(clause, at)
    return clause.startswith(NEGATIONS, above.end() if above else at)


def _note_about_above(clause: str) -> bool:
    """Whether a clause is a note, not in brackets, leaving out processes from the items before it (以上范围不含铸造、
    电镀、喷涂等工艺; 以上经营范围不含电镀、铸造): every item it lists is left out. Only one opening with 以上 or 上述:
    a bare 不含 opening a clause may close a bracket (含国产汽车，不含小轿车）化工产品) or head a list (不含冷藏及冷冻
    药品：中药材、……)."""
    if not clause.startswith(ABOVE):  # every `NOTE_ABOUT_ABOVE` opens so; most clauses are skipped by this test
        return False
    above = NOTE_ABOUT_ABOVE.match(clause)
    return above is not None and above.end() > 0 and clause.startswith(NEGATIONS, above.end()) and ")" not in clause


def _open_brackets(clause: str, start: int) -> list[int]:
    """Where the brackets open that are still open at `start`, innermost first (a note may hold notes of its own)."""
    opened: list[int] = []
    depth = 0
    for at in range(start - 1, -1, -1):
        if clause[at] == ")":
            depth += 1
        elif clause[at] == "(":
            if depth:
                depth -= 1
            else:
                opened.append(at)
    return opened


def _process_alone(clause: str, start: int, end: int, around: str) -> bool:
    """Whether a process keyword stands in a listed item with no verb of its own (`_item` read the whole clause),
    and ends it, outside any bracketed note, while the clause's only other verbs are selling or designing written
    straight after a noun of their own item (铸造、机械设计; 水产品冷藏运输、水产品销售), or listed bare before it
    (生鲜猪肉收购、销售、冷藏服务: 评测集 README 标法第 1 条, a verb governs the items before it): those verbs are not
    shared back, so the item is the process done. This holds for every process keyword, with a sale of goods of
    their own before it too (五金制品的销售、电镀; 机械配件的销售、铸造: 第 9 条 (a), the process written as an item of
    its own is labelled). A verb after 的 closing a list that holds the process (电镀、喷涂的销售) is shared back to
    it, so the process is sold, not done; a selling verb opening the clause governs it (销售、五金制品、电镀); and a
    process naming a later noun (压铸铝合金锭) is no item of its own. The item may close with the word for the
    work done (`DONE_AS`: 冷藏服务) or a stray mark (`STRAY_MARKS`: 水产品冷藏＊). A bare verb of selling closing the
    list after the process (绒毛梳纺、染整、购销) is read by `_process_listed`, under the same two exceptions."""
    if "、" not in clause or around != clause[:start] + "|" + clause[end + 1 :]:
        return False
    tail = _opening(clause[end + 1 :], ITEM_END).rstrip(STRAY_MARKS)
    if tail not in DONE_AS or clause.rfind("(", 0, start) > clause.rfind(")", 0, start):
        return False
    found = _not_making_reasons(around)
    if not found or not found <= set(SHARED_ONLY):
        return False
    bar = around.index("|")
    return all(
        verb.start() > 0
        and (
            not around.endswith(SHARED_AFTER, 0, verb.start())
            or RELATED.search(around, 0, verb.start()) is not None
            or (verb.end() < bar and around[verb.end()] == "、")
        )
        for verb in _SHARED.finditer(around)
    )


def _joined_hits(kept: list[tuple[int, int, str, tuple[str, ...], bool]]) -> list[tuple[int, int, str] | None]:
    """For each keyword hit (start, end, keyword, segment ids, on word boundaries), the run of overlapping or touching
    hits sharing a segment with it that holds it, as (first, last index, keyword ending the run), or None where the
    hit stands alone: 压铸模具钢 is read as 钢 after 压铸模具 (a material for moulds), not 具钢 after 压铸模,
    and 精密铸造 as nothing before 铸造. A short keyword off the word boundaries (模具 in 压铸模具钢) does not
    count as a hit but still extends the run."""
    runs: list[tuple[int, int, str] | None] = [None] * len(kept)
    for i, (start, end, keyword, ids, _) in enumerate(kept):
        low, high, head = start, end, keyword
        grown = True
        while grown:
            grown = False
            for lo, hi, word, other, _ in kept:
                if lo <= high + 1 and hi >= low - 1 and (lo < low or hi > high) and set(ids) & set(other):
                    if hi > high or (hi == high and len(word) > len(head)):
                        head = word
                    low, high, grown = min(low, lo), max(high, hi), True
        if (low, high) != (start, end):
            runs[i] = (low, high, head)
    return runs


def _heads_phrase(clause: str, high: int) -> bool:
    """Whether the word ending at `high` is the head of its noun phrase: a mark, verb, 的 or activity follows, or
    only 系列/产品 (液晶显示屏玻璃盖板 is a cover plate, not glass; 马达钢壳冲压 is a shell)."""
    rest = clause[high + 1 :]
    stop = _HEAD_BREAK.search(rest)
    return (rest[: stop.start()] if stop else rest) in ITEM_TAILS


def _shares_equipment_head(clause: str, start: int, high: int, word: str) -> bool:
    """Whether a process or service `word` (`PROCESS_WORDS`: 冷藏, 涂装) standing from `start` to `high` as a whole
    listed item (after the clause's start, a 、 or a colon) and the 、 after it start a list of bare words sharing a
    later head that is equipment (速冻、冷藏、制冰设备: 冷藏设备): the first listed item longer than a bare word
    decides, its closing verbs aside (`TRAILING_VERBS`). The list names equipment supplied for the process or service,
    not the service (评测集 README 标法第 12 条, 冷藏柜 is no 冷藏服务; 第 9 条 (e)). A process written onto its goods
    is the service itself, whatever follows (水产品冷藏、冷藏车; 水产品、蔬菜冷藏: r3x069); an item that is no such
    head ends no list (速冻、冷藏、水产品加工), nor does an activity (`ACTIVITY_WORDS`: 冷藏运输、制冷设备)."""
    if (start and clause[start - 1] not in "、:") or clause[start : high + 1] != word:
        return False
    if not _traits(word).process or ACTIVITY_WORDS.search(word):
        return False
    listed = SHARED_LIST.match(clause, high + 1)
    if listed is None:
        return False
    for item in listed.group().split("、")[1:]:
        if len(item) > BARE_WORD:
            return SHARED_EQUIPMENT.fullmatch(TRAILING_VERBS.sub("", item)) is not None
    return False


def _conjunct(clause: str, start: int, end: int, runs: list[Run], hits: list[tuple[int, Word]]) -> bool:
    """Whether a short keyword that jieba does not cut out is one member of a coordination another keyword names
    whole: 钻头及配件 (a keyword of 钻头材料与配件, which jieba keeps as one word) names the 钻头 too, as 鞋材及辅料
    names 鞋材. The keyword starts the longer one with 及、和、与 after it, or ends it with one of them before it;
    和厚朴酚 (honokiol) names no 厚朴."""
    if clause[end + 1 : end + 2] in CONJUNCTIONS and on_word_boundary(runs, start):
        return any(stop - len(word) + 1 <= start and end + 1 < stop for stop, (word, ids, _) in hits if ids)
    if start and clause[start - 1] in CONJUNCTIONS and on_word_boundary(runs, end + 1):
        return any(stop == end and stop - len(word) + 1 < start - 1 for stop, (word, ids, _) in hits if ids)
    return False


def _part_of_other(clause: str, low: int, start: int, thing: re.Pattern[str]) -> bool:
    """Whether a part word at `start` is another noun's, not the thing's (whose word ends before `low`): the thing's
    listed item closes with a verb of its own, and the part stands in a later item written onto a noun that names no
    such thing (矿山机械设备制造、机电配件加工). Where the thing's item has no verb the list shares its head
    (矿山机械设备、装载设备、洗选设备配件的加工: parts of all three); one written onto the thing again
    (钻探设备制造、钻具配件加工) is the thing's, and so is one that refers back to the list
    (矿山机械、水泥机械及配件, 评测集 README 标法第 1 条; 及相关零部件, 上述产品的零配件). A part written onto a
    noun that is no machine nor trade (铁路配件, 汽车零部件, 电动工具配件) is that noun's whatever the verbs
    (标法第 7 条: 泛称汽车配件不标), unless the noun names mines or prospecting (工矿配件 beside 破碎机、球磨机) or
    the thing is a bare modifier in a list of such sharing the part (石油、矿山、铁路、车辆配件; not
    矿山、输送、工程机械、汽车零部件, whose 矿山 shares 机械). A bare part, or one written onto machines of no kind
    (`GENERIC_MACHINE`), as an item of its own (矿山机械、机械配件; 矿山机械制造、配件加工) is a generic name, never
    narrowed to the thing's (标法第 3、7 条, 2026-12-04 决定 D3). Several machine names share one part word
    (矿山机械、电机配件的加工, 2026-12-05 决定 D5), but not past an item between them that writes a part word of its
    own (矿山设备、减速机、水泵配件、电机配件: the list writes each machine's parts onto it, and 矿山设备 is the
    machine)."""
    item = _item_bounds(clause, start, start)[0]
    noun = _PART_PREFIX.sub("", _unnoted(clause[item:start]))
    if item < low or _names_thing(noun, thing) or _REFERS_BACK.search(noun):
        return False
    if not noun or GENERIC_MACHINE.fullmatch(noun):
        return item > low
    if GENERIC_PART.search(clause, low, item):
        return True
    closed = clause.find("、", low, item)
    if (
        not _MINED.search(noun)
        and not noun.endswith(SHARED_HEADS)
        and not (
            closed == low
            and not clause[:low].endswith(MACHINE_ENDS)
            and not any(h.endswith(MACHINE_ENDS) and h not in MACHINE_ENDS for h in clause[low:item].split("、"))
        )
    ):
        return True
    return closed != -1 and _ANY_VERB.search(clause, low, closed) is not None


def _names_thing(noun: str, thing: re.Pattern[str]) -> bool:
    """Whether a noun names the thing (`thing`), not an oil well's drill (`_oil_drill`: 石油钻具 is no geological
    drill tool)."""
    return any(not _oil_drill(noun, 0, hit) for hit in thing.finditer(noun))


def _oil_drill(text: str, low: int, hit: re.Match[str]) -> bool:
    """Whether the thing of a part `hit` (`together` A > B) is a drill (`OIL_DRILLS`) with an oil field's words
    (`OIL_FIELDS`) in the noun phrase before it, from `low`, its item's start (石油天然气煤层气钻机(含泥浆泵)…及配件:
    the oil well's); not with 地质 or 勘探 after them (石油地质勘探钻机, `GEOLOGY`)."""
    if OIL_DRILLS.search(hit.group()) is None:
        return False
    phrase = OIL_PHRASE.split(text[low : hit.start()])[-1]
    oil = OIL_FIELDS.search(phrase)
    return oil is not None and GEOLOGY.search(phrase, oil.end()) is None


def _left_out(clause: str, start: int) -> bool:
    """Whether the noun phrase a together word stands in is negated or bought in, or the bracketed note it stands in
    leaves it out (货物仓储（不含冷链）, 涂层布生产（外购涂层胶）, 食品（不含卤味、冷冻冷藏）): the words of a
    `together` are not each a keyword, so the phrase, not the word, is read."""
    phrase = PHRASE_END.split(clause[:start])[-1]
    return any(word in phrase for word in (*NEGATIONS, *BOUGHT)) or _excepted(clause, start, clause[start:])


def _beneficiary(before: str, after: str) -> bool:
    """Whether a keyword is whom the clause serves: 为/向 before it with no verb between, the supply verb after it."""
    if not _BENEFICIARY_MARK.search(before):
        return False
    mark = max(before.rfind(word) for word in BENEFICIARY_MARKS)
    if any(verb in before[mark:] for verb in SUPPLY_VERBS) or _making(before[mark:]):
        return False
    return BENEFICIARY_TAIL.match(after) is not None


ClauseHit = tuple[str, tuple[str, ...], MatchGrade, str, str | None]
"""(keyword, segment ids, grade, why, exclusion word that vetoes it) — one keyword hit read in its clause."""


Veto = Callable[[str, int, int], str | None]
"""An exclusion word of a segment (by id) holding clause[start:end + 1] in a clause, or None."""


def _held_veto(vetoes: dict[str, list[tuple[int, int, str]]], sid: str, start: int, end: int) -> str | None:
    """The first exclusion word of segment `sid` holding clause[start:end + 1], from `vetoes` (`_vetoes`), or None."""
    return next((word for low, high, word in vetoes.get(sid, ()) if low <= start and end <= high), None)


def _by_veto(hit: ClauseHit, start: int, end: int, veto: Veto) -> list[ClauseHit]:
    """An unvetoed hit at clause[start:end + 1] split by the exclusion word vetoing each of its segments there (`veto`):
    a word vetoes only the segments it is an exclusion word of, so the others keep the hit unvetoed."""
    keyword, segment_ids, grade, why, _ = hit
    by_veto: dict[str | None, list[str]] = {}
    for sid in segment_ids:
        by_veto.setdefault(veto(sid, start, end), []).append(sid)
    return [(keyword, tuple(sids), grade, why, word) for word, sids in by_veto.items()]


Word = tuple[str, tuple[str, ...], tuple[str, ...]]
"""(word, segment ids it is a keyword of, segment ids it is an exclusion word of); a word of a `together` group may be
neither, found by the same scan."""


def _vetoes(hits: list[tuple[int, Word]], clause: str) -> dict[str, list[tuple[int, int, str]]]:
    """Segment id → (first, last index, word) of each of its exclusion words among a clause's scan (`hits`, from
    `SegmentMatcher._scan`), in scan order: built once per clause by `clause_hits` and read for each hit
    (`_held_veto`; `_vetoed` builds it afresh for the rare readings across clauses). An exclusion word
    opening with another vehicle (摩托车刹车片) vetoes nothing where a car shares its head (`SHARED_RUN`)."""
    vetoes: dict[str, list[tuple[int, int, str]]] = {}
    for end, (word, _, excluded_ids) in hits:
        start = end - len(word) + 1
        runs = SHARED_RUN.finditer(clause) if excluded_ids and OTHER_VEHICLES.match(word) else ()
        if any(run.start() < start < run.end() for run in runs):
            continue
        for sid in excluded_ids:
            vetoes.setdefault(sid, []).append((start, end, word))
    return vetoes


Hit = tuple[str, int, str, str, str, float]
"""(segment id, grade rank, keyword, field, evidence line, confidence were it the segment's only hit) — one hit
as a field states it, ready to fold."""
CLAUSES_KEPT = 200_000
"""Distinct clauses per field whose hits are kept (a few hundred bytes each); the cache starts over when full. Also
the size of `_worded`'s process-wide LRU cache of clauses."""
_GRADES = (EXCLUDED, PENDING, CONFIRMED)
Run = tuple[int, int, frozenset[int]]
"""(start, end, word ends inside it counted from its start) — a run of a clause that jieba segments on its own."""


def on_word_boundary(runs: list[Run], position: int) -> bool:
    """Whether jieba cuts a clause at `position`: anywhere but strictly inside a run, and there at its word ends."""
    for low, high, ends in runs:
        if low < position < high:
            return position - low in ends
    return True


RUN_FROM = re.compile(jieba.re_han_default.pattern)
"""A run of jieba's (`re_han_default`: Chinese characters, letters, digits and +#&._%-)."""


def _run_end(text: str, at: int) -> int:
    """Where the stretch of run characters (`RUN_FROM`) from `at` on ends: `at` where there is none. On the text
    reversed, it finds where the stretch ending before a place starts."""
    found = RUN_FROM.match(text, at)
    return found.end() if found else at


_BY_END_THEN_START = itemgetter(2, 1)


def _in_scan_order(found: list[tuple[int, int, int]]) -> bool:
    """Whether Aho-Corasick's matches (word index, start, stop) run by end, and at one end longest first: its
    overlapping search reports them so, and checking that costs less than sorting them again."""
    for at in range(1, len(found)):
        _, start, stop = found[at]
        _, before_start, before_stop = found[at - 1]
        if stop < before_stop or (stop == before_stop and start <= before_start):
            return False
    return True


_SEGMENT_ID = attrgetter("segment_id")


@cache
def evidence_line(keyword: str, field_name: str, why: str) -> str:
    """One hit as evidence: 经营范围“模具”：生产."""
    return f"{FIELD_LABELS[field_name]}“{keyword}”" + (f"：{why}" if why else "")


def folded(segment_id: str, hits: list[Hit]) -> SegmentMatch:
    """A segment's tie from its hits in text order: the best grade, its first distinct evidence lines, and a
    confidence from the strongest field that did not exclude it plus a little per extra keyword."""
    best = max(hit[1] for hit in hits)
    evidence = list(dict.fromkeys(hit[4] for hit in hits if hit[1] == best))[:EVIDENCE_LIMIT]
    kept = [hit for hit in hits if hit[1]]
    if not kept:
        return SegmentMatch(segment_id, evidence=evidence)
    keywords = list(dict.fromkeys(hit[2] for hit in kept))
    fields = list(dict.fromkeys(hit[3] for hit in kept))
    weight = max(FIELD_WEIGHTS[name] for name in fields)
    strength = min(1.0, weight + EXTRA_KEYWORD_BONUS * (len(keywords) - 1))
    confidence = round(strength * (1.0 if best == _RANK[CONFIRMED] else PENDING_FACTOR), 2)
    return SegmentMatch(segment_id, keywords, fields, confidence, _GRADES[best], evidence, weight)


def verbs_across_commas(text: str) -> str:
    """A normalised text with each comma after bare verbs, before a clause opening with a verb, made a 、
    (`VERBS_THEN_COMMA`: 加工，销售热镀锌), so that the verbs are read with the object after them; same length."""
    return VERBS_THEN_COMMA.sub("\\1、", text) if "," in text and _COMMA_THEN_VERB.search(text) else text


def commas_before_verbs(text: str) -> str:
    """`verbs_across_commas` of `verb_lists_across_commas`, both passed over with one search in a text with no comma
    before a verb (`_COMMA_THEN_VERB`), as nine texts in ten are; same length."""
    if "," not in text or _COMMA_THEN_VERB.search(text) is None:
        return text
    return verbs_across_commas(verb_lists_across_commas(text))


def licence_notes_as_marks(text: str) -> str:
    """A normalised text with the closing bracket of each note naming a trade licence (`LICENCE_NOTE`), where an item
    follows it with no mark, made a ; (化学药制剂、中成药、……、(药品经营许可证有效期至2020年03月20日)中药饮片生产); same
    length."""
    if LICENCE not in text:
        return text
    return LICENCE_NOTE.sub(
        lambda note: note.group() if _ANY_VERB.match(text, note.end()) else note.group()[:-1] + ";", text
    )


def forbidden_blanked(text: str) -> str:
    """A normalised text with each forbidden verb (`FORBIDDEN`: 不得生产) blanked to `FORBIDDEN_BLANK`s: licence
    boilerplate names no activity of the firm (蓄电池研发（未获审批前不得生产）researches only); same length."""
    for ban in FORBIDDING:  # a plain loop over a constant tuple: mypyc runs it in C, unlike `any` over a generator
        if ban in text:
            return FORBIDDEN.sub(lambda verb: FORBIDDEN_BLANK * len(verb.group()), text)
    return text


def research_across_commas(text: str) -> str:
    """A normalised text with each comma after 研发 before bare verbs closing the sentence made a 、
    (`RESEARCH_THEN_VERBS`: 模具研发，制造); same length."""
    return RESEARCH_THEN_VERBS.sub("、", text) if RESEARCH_WORD + "," in text else text


def developed_as_research(text: str) -> str:
    """A normalised text with 研制 written with 开发 read as 研究 (`DEVELOPED_PAIR`) where the text names no own
    products (`OWN_PRODUCTS`); same length. Only verbs are read in it: keywords are found in the text as written
    (`SegmentMatcher.clause_hits`), so evidence quotes the firm's words (鞋业研制, not 鞋业研究)."""
    if "研制" not in text or OWN_PRODUCTS.search(text):
        return text
    return DEVELOPED_PAIR.sub("研究", text)


def verb_lists_across_commas(text: str) -> str:
    """A normalised text with each comma between a verb and a clause of bare verbs alone made a 、
    (`VERBS_AFTER_COMMA`: 汽车模具设计，制造，冲压件加工); same length."""
    if "," not in text:
        return text

    def mark(comma: re.Match[str]) -> str:
        if CLOSING_ANY_VERB.search(text, 0, comma.start()) is None:
            return ","
        verbs_end = comma.end() + len(comma.group(1))
        if text.startswith(",", verbs_end):
            following = _opening(text[verbs_end + 1 :], CLAUSE_MARK)
            if _ANY_VERB.match(following) and CLOSING_ANY_VERB.search(following) is None:
                return ","
        return "、"

    return VERBS_AFTER_COMMA.sub(mark, text)


def vehicles_across_commas(text: str) -> str:
    """A normalised text with each comma between 汽车 and another vehicle made a 、 (`VEHICLE_COMMA`:
    生产汽车，摩托车配件); same length."""
    return VEHICLE_COMMA.sub("、", text) if BARE_VEHICLE + "," in text else text


def dots_as_marks(text: str) -> str:
    """A normalised text with each full stop between two Chinese characters made a 、 (`HAN_DOT`: 铸造加工.机械加工,
    纺织原料.纱.布生产销售); same length."""
    return HAN_DOT.sub("、", text) if "." in text else text


def section_ends_as_marks(text: str) -> str:
    """A normalised text with each # closing a Chinese word made a ; (`SECTION_END`: 主营：模具＃兼营：……); same
    length."""
    return SECTION_END.sub(lambda mark: ";" * len(mark.group()), text) if "#" in text else text


def _one_char_marks(text: str) -> bool:
    """Whether every clause mark of `text` is one character: where no run of spaces is (a printable text holds no
    space but " "), so clauses are found by plain splitting or by their lengths, several times faster than the
    regular expression on CJK text."""
    return text.isprintable() and "  " not in text


def clauses(text: str) -> list[str]:
    """A text cut at CLAUSE_MARKS, each clause starting one character after the mark before it (split plainly where
    every mark is one character, `_one_char_marks`)."""
    if _one_char_marks(text):
        for mark in ONE_CHAR_MARKS:
            if mark in text:
                text = text.replace(mark, ";")
        return text.split(";")
    starts = [mark.start() for mark in CLAUSE_MARKS.finditer(text)]
    return [text[low + 1 : high] for low, high in zip([-1, *starts], [*starts, len(text)], strict=True)]


@cache
def _dictionary() -> tuple[dict[str, int], int]:
    """jieba's own dictionary (word → frequency, each word's prefixes at 0) and its total, loaded once per process:
    reading it is ~0.5 s of CPU, most of a matcher's build, and every matcher starts from the same one (`_tokenizer`).
    Never changed: each matcher adds its keywords to a copy."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


def _tokenizer() -> jieba.Tokenizer:
    """A tokenizer of its own holding a copy of jieba's dictionary (`_dictionary`), ready for a matcher's keywords:
    words added to it reach no other matcher."""
    freq, total = _dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(freq)
    tokenizer.total = total
    tokenizer.initialized = True
    return tokenizer


class SegmentMatcher:
    """Built once from the segments in a graph; `match` is then cheap per enterprise."""

    def __init__(self, segments: Iterable[Node]) -> None:
        self._industries: dict[str, list[str]] = defaultdict(list)
        self._codes: dict[str, list[str]] = defaultdict(list)
        self._tokenizer = _tokenizer()
        self._clauses: dict[str, dict[str, tuple[Hit, ...]]] = {name: {} for name in FIELD_WEIGHTS}
        self._run_ends: dict[str, frozenset[int]] = {}
        self._folds: dict[tuple[Hit, ...], SegmentMatch] = {}
        self._listed: set[str] = set()
        """Scope clauses holding a hit that lists a product (`LISTED_NOTE`): only scopes with one need
        `listed_products`."""
        by_keyword: dict[str, list[str]] = defaultdict(list)
        by_exclusion: dict[str, list[str]] = defaultdict(list)
        self._upstream: set[str] = set()
        self._products: set[str] = set()
        self._stages: dict[str, int] = {}
        self._roles: dict[str, tuple[int | None, int | None]] = {}
        self._segment_traits_kept: dict[str, SegmentTraits] = {}
        self._kinds: dict[str, list[tuple[str, str]]] = {}
        """Segment id → (id, name) of the segments it is a kind of (seed `kind_of`: 仿制药 → 化学药品)."""
        self._names: dict[str, str] = {}
        above: dict[str, list[str]] = defaultdict(list)
        chemical: set[str] = set()
        together: dict[tuple[tuple[tuple[str, ...], ...], bool, bool], list[str]] = defaultdict(list)
        across: dict[tuple[tuple[tuple[str, ...], ...], bool], list[str]] = defaultdict(list)
        for segment in segments:
            for keyword in texts_prop(segment.properties, "keywords") or [segment.name]:
                by_keyword[normalise_text(keyword)].append(segment.id)
            for word in texts_prop(segment.properties, "exclude"):
                by_exclusion[normalise_text(word)].append(segment.id)
            self._names[segment.id] = segment.name
            for combination in texts_prop(segment.properties, "together"):
                groups = [
                    tuple(normalise_text(w) for w in g.split("|") if w.strip()) for g in TOGETHER.split(combination)
                ]
                together[(tuple(groups), ">" in combination, IN_CONTEXT in combination)].append(segment.id)
                if ACROSS in combination:
                    across[(tuple(groups), IN_CONTEXT not in combination)].append(segment.id)
            kinds = texts_prop(segment.properties, "kind_of")
            parents = texts_prop(segment.properties, "parent")
            above[segment.id] = [node_id(NodeLabel.SEGMENT, name) for name in (*kinds, *parents)]
            if any(code.startswith(CHEMICAL_DRUG_CODES) for code in texts_prop(segment.properties, "gbt4754")):
                chemical.add(segment.id)
            if kinds:
                self._kinds[segment.id] = [(node_id(NodeLabel.SEGMENT, kind), kind) for kind in kinds]
            stage = segment.properties.get("stage")
            if stage in STAGE_ORDER:
                self._stages[segment.id] = STAGE_ORDER.index(stage)
            if stage == UPSTREAM:
                self._upstream.add(segment.id)
            elif stage in PRODUCT_STAGES:
                self._products.add(segment.id)
            for industry in texts_prop(segment.properties, "sw_industries"):
                self._industries[industry].append(segment.id)
            for code in texts_prop(segment.properties, "gbt4754"):
                self._codes[code].append(segment.id)
        self._drugs = _below(chemical, above)
        """The segments making chemical drugs (`CHEMICAL_DRUG_CODES`), to which `other_drug_kinds` applies."""
        dictionary_total = self._tokenizer.total
        together_words = {word for groups, *_ in together for group in groups for word in group}
        self._words: list[Word] = []
        for word in sorted(by_keyword.keys() | by_exclusion.keys() | together_words):
            keyword_ids = tuple(sorted(set(by_keyword.get(word, ()))))
            self._words.append((word, keyword_ids, tuple(sorted(set(by_exclusion.get(word, ()))))))
            if keyword_ids and word != BARE_DRUG:
                self._tokenizer.add_word(word, freq=KEYWORD_FREQUENCY)
        # add_word adds each frequency to the total; thousands of keywords would then make every split into
        # two words cost more than a rare dictionary compound ("汽车模具" swallowing the keyword 模具)
        self._tokenizer.total = dictionary_total
        self._segmenter = Segmenter(self._tokenizer)
        """jieba's cuts of a run, as `tokenize` gives them, in compiled code (`_cut_run`)."""
        self.keyword_count = len(by_keyword)
        self._together = [
            (
                tuple(_any_of(sorted(group, key=len, reverse=True)) for group in groups),
                ordered,
                context,
                tuple(sorted(set(ids))),
            )
            for (groups, ordered, context), ids in together.items()
        ]
        """(word groups, in order?, an `IN_CONTEXT` entry?, segment ids): one word of each group in a clause names the
        segments (`_together_hits`); each group is one pattern, longest word first."""
        places: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for entry, (word_groups, *_) in enumerate(together):
            for group, words in enumerate(word_groups):
                for word in words:
                    places[word].append((entry, 1 << group))
        self._together_places = dict(places)
        """Each word of a `together` group → (entry in `_together`, the bit of its group) of every group holding it: the
        scan finds these words with the keywords (`_words`), and `_together_entries` reads them off its hits."""
        self._together_groups = [(1 << len(word_groups)) - 1 for word_groups, *_ in together]
        """The bits of all groups of each entry in `_together`."""
        self._across = [
            (
                _any_of(sorted(groups[0], key=len, reverse=True)),
                _any_of(sorted(groups[-1], key=len, reverse=True)),
                tuple(sorted(set(ids))),
                min(set.intersection(*map(set, groups[0])), default=""),
                made,
            )
            for (groups, made), ids in across.items()
        ]
        """(thing, part, segment ids, a character every thing word holds or "", must the firm make the thing?) of the
        `ACROSS` and `IN_CONTEXT` entries (`_beside_own`): a scope without that character (电 for batteries) is passed
        over with one `in`."""
        self._qualifiers = frozenset(word for word, ids, _ in self._words if ids and set(ids) <= self._upstream)
        """Keywords of upstream segments only: a clause without one has nothing `_modifiers` could find."""
        self._researching = frozenset(sid for word, ids, _ in self._words if RESEARCH_WORD in word for sid in ids)
        """Segments one of whose keywords names R&D (创新药研发, 鞋业研发): their 研究、开发 is their work
        (`RESEARCHED`)."""
        self._designing = frozenset(sid for sid, name in self._names.items() if name in DESIGN_SEGMENTS)
        """Segments whose work is design (`DESIGN_SEGMENTS`)."""
        self._systems = frozenset(sid for sid, name in self._names.items() if name in SYSTEM_SEGMENTS)
        """A car's four systems (`SYSTEM_SEGMENTS`), whose generic parts are the segment."""
        self._systems_and_parent = self._systems | {sid for sid, name in self._names.items() if name == SYSTEM_PARENT}
        """The four systems and their parent (`SYSTEM_PARENT`)."""
        # overlapping matches of every word; the Rust automaton scans a clause several times faster than
        # pyahocorasick, whose root node looks up each character among ~800 first characters one by one
        self._automaton = ahocorasick_rs.AhoCorasick([word for word, _, _ in self._words]) if self._words else None

    def _runs(self, clause: str, positions: Collection[int]) -> list[Run]:
        """The runs of one clause that jieba segments and that hold one of `positions` strictly inside, each with
        its word ends, exactly as jieba's `tokenize` cuts: `on_word_boundary` answers for those positions.

        jieba itself splits a text into runs of Chinese characters, letters and digits (`re_han_default`) and
        segments each run on its own; every other character is a word of its own, bar a "\\r\\n" pair. So a
        clause segments exactly as it does inside the whole text, and a run segments the same in every clause:
        模具、冲压件的生产 holds the runs 模具 and 冲压件的生产, which recur in clauses that never repeat. Runs are
        cut once and kept, sparing the dictionary walk (~0.1 ms per run) that dominated clauses seen once; a run
        no short keyword's edge falls inside (销售 in 模具制造、销售, or 模具 itself) is not cut at all: its edges are
        cuts whatever jieba does within it, and the clause's other runs are not even found — each position's run is
        read off from the position both ways (`_run_end`). A clause holding "\\r" is cut whole, as one run.
        """
        if "\r" in clause:
            cuts: set[int] = set()
            for _, start, end in self._tokenizer.tokenize(clause):
                cuts.update((start, end))
            return [(0, len(clause), frozenset(cuts))]
        runs: list[Run] = []
        backwards = ""
        for position in sorted(positions):
            if runs and position < runs[-1][1]:
                continue  # inside the run the position before it found
            high = _run_end(clause, position)
            if high == position:
                continue
            backwards = backwards or clause[::-1]
            low = len(clause) - _run_end(backwards, len(clause) - position)
            if low == position:
                continue
            text = clause[low:high]
            ends = self._run_ends.get(text)
            runs.append((low, high, self._cut_run(text) if ends is None else ends))
        return runs

    def _cut_run(self, run: str) -> frozenset[int]:
        """The word ends jieba finds inside one run of Chinese characters, letters and digits (`Segmenter`: the ends
        of `tokenize`), kept by run."""
        if len(self._run_ends) >= CLAUSES_KEPT:
            self._run_ends.clear()
        self._run_ends[run] = ends = frozenset(self._segmenter.word_ends(run))
        return ends

    def match(self, texts: dict[str, str], industries: Iterable[str] = ()) -> list[SegmentMatch]:
        """Segments graded 确认 or 待定 from `texts` (field → text, fields as in FIELD_WEIGHTS) and `industries`.

        `industries` holds Shenwan industry names and GB/T 4754 codes (3 or 4 digits); a 4-digit code
        also matches a segment that gives its 3-digit class. 排除 matches are left out: see `graded`.
        """
        return [m for m in self.graded(texts, industries) if m.grade != EXCLUDED]

    def graded(self, texts: dict[str, str], industries: Iterable[str] = ()) -> list[SegmentMatch]:
        """Every segment the texts name, 排除 included, each with its grade and evidence (for import checks).

        Hits are gathered per segment in text order and folded once, rather than updating a tie per hit.
        """
        industries = tuple(industries)
        hits: dict[str, list[Hit]] = {}
        scope_marks, scope = 0, ""
        scope_clauses: list[str] = []
        if self.keyword_count:
            for field_name, raw in texts.items():
                text = normalise_text(raw or "")
                if not text:
                    continue
                text = section_ends_as_marks(dots_as_marks(licence_notes_as_marks(forbidden_blanked(text))))
                text = commas_before_verbs(text)
                text = research_across_commas(vehicles_across_commas(text))
                reading = developed_as_research(text)
                parts = clauses(reading)
                written = parts if reading is text else clauses(text)
                if field_name == "business_scope":
                    scope_marks, scope_clauses, scope = len(parts) - 1, parts, reading
                kept = self._clauses[field_name]
                for index, clause in enumerate(parts):  # a plain loop: mypyc runs it in C, unlike map and filter
                    words = written[index]
                    key = clause if words == clause else words + WRITTEN_APART + clause
                    stated = kept.get(key)
                    if stated is None:
                        stated = self._stated_hits(clause, field_name, words, key)
                    for hit in stated:
                        found = hits.get(hit[0])
                        if found is None:
                            hits[hit[0]] = [hit]
                        else:
                            found.append(hit)
        confirmed = _RANK[CONFIRMED]
        if self._listed and not self._listed.isdisjoint(scope_clauses):
            listed_products(hits, scope_clauses, scope)
        if self._across and scope_clauses:
            self._beside_own(hits, scope_clauses, scope)
        for industry in industries:
            if industry.isdigit():
                for code in dict.fromkeys((industry, industry[:3])):
                    line = evidence_line(industry, "industry_code", f"小类 {code}")
                    alone = _alone("industry_code", CONFIRMED)
                    for sid in self._codes.get(code, []):
                        hits.setdefault(sid, []).append((sid, confirmed, industry, "industry_code", line, alone))
            line, alone = evidence_line(industry, "industry", "申万行业"), _alone("industry", CONFIRMED)
            for sid in self._industries.get(industry, []):
                hits.setdefault(sid, []).append((sid, confirmed, industry, "industry", line, alone))
        if not hits:
            return []
        matches = [self._folded(found) if len(found) > 1 else _single(found[0]) for _, found in sorted(hits.items())]
        if not STATED_FIELDS.isdisjoint(texts):  # no set built per scope, as `texts.keys() & …` would
            trades_only(matches, hits, scope_clauses)
        if texts.get("main_products") and scope_marks >= LONG_SCOPE:
            for m in matches:
                if m.grade == CONFIRMED and m.fields == ["business_scope"]:
                    m.grade, m.evidence = PENDING, [*m.evidence, "长经营范围中的一项，主营产品未提及"]
                    m.confidence = round(m.confidence * PENDING_FACTOR, 2)
        unnamed_drugs(matches, texts)
        site_finishes(matches, texts)
        other_drug_kinds(matches, self._drugs, texts, scope_clauses, industries, hits)
        if self._kinds and any(m.segment_id in self._kinds for m in matches):
            made_kinds(matches, scope_clauses, self._kinds, self._names)
        return matches

    def _folded(self, hits: list[Hit]) -> SegmentMatch:
        """`folded`, kept by its hits: the same few hits of a segment recur across firms (模具制造；模具销售)."""
        key = tuple(hits)
        tie = self._folds.get(key)
        if tie is None:
            if len(self._folds) >= CLAUSES_KEPT:
                self._folds.clear()
            self._folds[key] = tie = folded(hits[0][0], hits)
        return SegmentMatch(
            tie.segment_id, [*tie.keywords], [*tie.fields], tie.confidence, tie.grade, [*tie.evidence], tie._weight
        )

    def _stated_hits(self, clause: str, field_name: str, words: str, key: str) -> tuple[Hit, ...]:
        """One clause's hits as `field_name` states them, kept by clause text: a name or main product that
        only mentions a segment states it; an exclusion word vetoes. Business scopes are written from a
        standard catalogue of wordings (经营范围规范表述), so the same clause recurs across thousands of
        firms: reading it once makes matching a million firms cheap. Keywords are found in the firm's `words` where
        its verbs are read otherwise (`developed_as_research`), so evidence quotes what the firm wrote."""
        stated = field_name in STATED_FIELDS
        result: list[Hit] = []
        for keyword, segment_ids, grade, why, veto in self.clause_hits(clause, words):
            if veto:
                grade, why = EXCLUDED, f"排除词“{veto}”"
            elif stated and (grade == PENDING or why == DOSAGE_NOTE):
                grade, why = CONFIRMED, ""
            line = evidence_line(keyword, field_name, why)
            alone = _alone(field_name, grade)
            result += [(sid, _RANK[grade], keyword, field_name, line, alone) for sid in segment_ids]
        cache = self._clauses[field_name]
        if len(cache) >= CLAUSES_KEPT:
            cache.clear()
            if field_name == "business_scope":
                self._listed.clear()
        cache[key] = hits = tuple(result)
        if field_name == "business_scope" and any(hit[4].endswith(LISTED_NOTE) for hit in hits):
            self._listed.add(clause)
        return hits

    def _scan(self, clause: str) -> list[tuple[int, Word]]:
        """Every keyword and exclusion word in a clause as (last index, word), by end, and at one end longest first
        (the order Aho-Corasick reports them in, which the evidence keeps)."""
        if self._automaton is None or not clause:
            return []
        # typed: mypyc then unpacks each match by index instead of iterating an unknown object
        found: list[tuple[int, int, int]] = self._automaton.find_matches_as_indexes(clause, overlapping=True)
        if not _in_scan_order(found):
            found.sort(key=_BY_END_THEN_START)
        words = self._words
        return [(stop - 1, words[index]) for index, _, stop in found]

    def clause_hits(self, clause: str, words: str = "") -> list[ClauseHit]:
        """The keyword hits of one clause, in text order, with how the clause reads each (not cached), then the
        segments whose words occur together in it (`_together_hits`); the keywords are found in the firm's `words`
        where they differ from the clause read (`developed_as_research`). A keyword holding the 研制 so read as
        research names its segment only where that segment's work is research (鞋业研制开发 is 制鞋研发;
        武器装备研制开发 only researches the 武器装备 the segment makes: 评测集 README 标法第 5 条)."""
        hits = self._scan(words or clause)
        if not hits:
            return []
        vetoes = _vetoes(hits, words or clause)
        veto = partial(_held_veto, vetoes)
        edges = {
            edge
            for end, (keyword, segment_ids, _) in hits
            if segment_ids and len(keyword) <= SHORT_KEYWORD
            for edge in (end - len(keyword) + 1, end + 1)
        }
        runs = self._runs(clause, edges) if edges else []
        kept: list[tuple[int, int, str, tuple[str, ...], bool]] = []
        for end, (keyword, segment_ids, _) in hits:
            if not segment_ids:
                continue
            start = end - len(keyword) + 1
            if keyword == BARE_DRUG and not _drug_item(clause[:start], clause[end + 1 :]):
                continue
            if words and clause[start : end + 1] != keyword and self._researching.isdisjoint(segment_ids):
                continue
            bounded = True
            if len(keyword) <= SHORT_KEYWORD:
                bounded = on_word_boundary(runs, start) and on_word_boundary(runs, end + 1)
                if not bounded and len(hits) > 1:
                    bounded = _conjunct(clause, start, end, runs, hits)
            kept.append((start, end, keyword, segment_ids, bounded))
        read: list[ClauseHit] = []
        qualifying = len(kept) > 1 and self._products and any(word in self._qualifiers for _, (word, _, _) in hits)
        modifiers = self._modifiers(clause, hits) if qualifying else []
        joined: list[tuple[int, int, str] | None] = _joined_hits(kept) if len(kept) > 1 else [None] * len(kept)
        qualifiers = self._product_qualifiers(clause, kept, joined) if len(kept) > 1 else ()
        for index, (start, end, keyword, segment_ids, bounded) in enumerate(kept):
            if not bounded:
                continue
            run = joined[index]
            if index in qualifiers or (
                modifiers and any(lo <= start and end <= hi and ids & set(segment_ids) for lo, hi, ids in modifiers)
            ):
                grade, why = EXCLUDED, MODIFIER_NOTE
            else:
                traits = self._segment_traits(keyword, segment_ids)
                system = traits.system and CAR_WORDS.search(clause, 0, end + 1) is not None
                grade, why = _clause_reading(
                    clause, start, end, keyword, run, traits.upstream, traits.research, traits.designed, system
                )
            if keyword == BARE_DRUG and (grade != CONFIRMED or not MADE_HERE.search(_item(clause, start, end))):
                continue
            if not vetoes:
                read.append((keyword, segment_ids, grade, why, None))
                continue
            read += _by_veto((keyword, segment_ids, grade, why, None), start, end, veto)
        if self._together:
            read += self._together_hits(clause, hits, veto)
        return read

    def _beside_own(self, hits: dict[str, list[Hit]], scope_clauses: list[str], scope: str) -> None:
        """Confirm the segment of an `ACROSS` entry (thing >> part) where the scope makes the thing in one clause and,
        in another that names no such thing, makes the part (生产销售:铅酸蓄电池、氧化铅，……，生产销售:再生铅、极板、
        隔板): the part listed beside the firm's own thing is for it. A part the segment's exclusion words hold (隔膜泵)
        is not one. An `IN_CONTEXT` entry asks only that the scope write the thing, in any clause and with any verb, the
        part's own clause included (耐磨铸件、矿山机械制造). A scope of one clause can hold no `ACROSS` pair, whose part
        must stand in a clause without the thing, so only `IN_CONTEXT` entries are read there."""
        confirmed = _RANK[CONFIRMED]
        single = len(scope_clauses) < 2
        for thing, part, segment_ids, common, must_make in self._across:
            if (must_make and single) or common not in scope or not thing.search(scope) or not part.search(scope):
                continue
            if all(any(hit[1] == confirmed for hit in hits.get(sid, ())) for sid in segment_ids):
                continue
            made = next(
                (
                    found.group()
                    for clause in scope_clauses
                    for found in thing.finditer(clause)
                    if self._thing_counts(clause, found.start(), found.end() - 1, segment_ids, must_make)
                ),
                None,
            )
            if made is None:
                continue
            note = ACROSS_NOTE if must_make else IN_CONTEXT_NOTE
            for clause in scope_clauses:
                if must_make and thing.search(clause):
                    continue
                for found in part.finditer(clause):
                    start, end = found.start(), found.end() - 1
                    if _clause_reading(clause, start, end, found.group())[0] != CONFIRMED:
                        continue
                    if self._vetoed(clause, start, end, segment_ids):
                        continue
                    keyword = f"{made}+{found.group()}"
                    line = evidence_line(keyword, "business_scope", note.format(made))
                    alone = _alone("business_scope", CONFIRMED)
                    for sid in segment_ids:
                        hits.setdefault(sid, []).append((sid, confirmed, keyword, "business_scope", line, alone))
                    break
                else:
                    continue
                break

    def _thing_counts(self, clause: str, start: int, end: int, segment_ids: tuple[str, ...], must_make: bool) -> bool:
        """Whether the thing word at clause[start:end + 1] is what an `ACROSS` entry asks: made there, or, for an
        `IN_CONTEXT` entry, written there and neither left out (不含矿山机械, `_left_out`) nor held by the segment's
        exclusion words (塑料破碎机, 矿山工程): context that names no such machine narrows nothing (决定 D6)."""
        if must_make:
            return _clause_reading(clause, start, end, clause[start : end + 1])[0] == CONFIRMED
        return not _left_out(clause, start) and not self._vetoed(clause, start, end, segment_ids)

    def _vetoed(self, clause: str, start: int, end: int, segment_ids: tuple[str, ...]) -> bool:
        """Whether an exclusion word of any of `segment_ids` holds clause[start:end + 1] (隔膜泵, 塑料破碎机)."""
        vetoes = _vetoes(self._scan(clause), clause)
        return any(_held_veto(vetoes, sid, start, end) for sid in segment_ids)

    def _together_hits(self, clause: str, hits: list[tuple[int, Word]], veto: Veto) -> list[ClauseHit]:
        """Segments named by words that occur together in a clause, one of each group (template `together`): a film, a
        fabric and a joining process in any order (A + B + C) name 面料贴膜 in TPU透湿膜与涤纶面料的热熔复合加工, with
        no keyword of it; a thing and then its part (A > B) name the part's segment, as 微电机拉伸机壳 names 电机外壳.
        The clause is read around the last group's word; a joining process mentioned with nothing more is named itself
        (面料的贴膜、复合), as for a process keyword, while a part stays 待定; an exclusion word of a segment holding
        the last word vetoes that segment alone, as it does a keyword (注塑机、涂装房的制造: `veto`, as `clause_hits`
        reads it); for an `IN_CONTEXT` entry such a word holding the thing voids it as context too (塑料破碎机、
        锤头制造), as `_thing_counts` reads it across clauses. `hits` is the clause's scan (`_scan`), which holds the
        words of the groups. Evidence joins the words found without the list's 、 a group word may end in (鞋+及辅料),
        as other groups' evidence reads."""
        read: list[ClauseHit] = []
        for entry in self._together_entries(hits):
            groups, ordered, context, segment_ids = self._together[entry]
            places: list[tuple[int, str]] = []
            low = 0
            for group in groups[:-1]:
                hit = group.search(clause, low)
                while hit is not None and (
                    (ordered and _oil_drill(clause, _item_bounds(clause, hit.start(), hit.start())[0], hit))
                    or (context and any(veto(sid, hit.start(), hit.end() - 1) for sid in segment_ids))
                ):
                    hit = group.search(clause, hit.end())
                if hit is None:
                    break
                places.append((hit.start(), hit.group()))
                if ordered:
                    low = hit.end()
            else:
                designed = not self._designing.isdisjoint(segment_ids)
                best = self._together_reading(clause, groups[-1], low, groups[-2] if ordered else None, designed)
                if best is None or any(_left_out(clause, at) for at, _ in places):
                    continue
                grade, why, last = best
                places.append(last)
                keyword = "+".join(
                    dict.fromkeys(
                        w.strip("、")
                        for s, w in sorted(places)
                        if not any((o, v) != (s, w) and o <= s and s + len(w) <= o + len(v) for o, v in places)
                    )
                )
                read += _by_veto((keyword, segment_ids, grade, why, None), last[0], last[0] + len(last[1]) - 1, veto)
        return read

    def _together_entries(self, hits: list[tuple[int, Word]]) -> list[int]:
        """The `together` entries (by index, in order) with a word of each of their groups among a clause's scan
        (`_scan`): only they can name their segments (`_together_hits`), and a clause seldom holds all the groups of
        one, so each group's pattern is searched only where it may be found."""
        found: dict[int, int] = {}
        places = self._together_places
        for _, (word, _, _) in hits:
            held = places.get(word)  # a list or None, not `get(word, ())`: mypyc loops over a known type in C
            if held is not None:
                for entry, group in held:
                    found[entry] = found.get(entry, 0) | group
        if not found:
            return []
        full = self._together_groups
        return sorted([entry for entry, groups in found.items() if groups == full[entry]])

    @staticmethod
    def _together_reading(
        clause: str, group: re.Pattern[str], low: int, thing: re.Pattern[str] | None, designed: bool = False
    ) -> tuple[MatchGrade, str, tuple[int, str]] | None:
        """The best reading of the last group's words from `low` on, each read as one run with the words of its
        group it overlaps or touches (大巴钛酸锂电池系统: 电池系统 heads the run, as touching keywords do), and a
        thing's part with a 配件 or 总成 after it read as that part (岩心钻机卡盘配件), not after a machine
        (医药包装机械配件 is a part for the machine); None where no word of the group is there or one is negated
        (不含冷链). For a thing and then its part (`thing`, the group before), a generic part word (`GENERIC_PART`)
        written onto another noun in a later listed item is that noun's part (矿山机械设备制造、机电配件加工), not the
        thing's (`_part_of_other`). A `designed` entry names a `DESIGN_SEGMENTS` segment (鞋款 > 设计)."""
        ordered = thing is not None
        best: tuple[MatchGrade, str, tuple[int, str]] | None = None
        for hit in group.finditer(clause, low):
            start, end, head = hit.start(), hit.end() - 1, hit.group()
            if _left_out(clause, start):
                return None
            if thing is not None and GENERIC_PART.fullmatch(head) and _part_of_other(clause, low, start, thing):
                continue
            grown = True
            while grown:
                grown = False
                for at in range(start + 1, end + 2):
                    longer = group.match(clause, at)
                    if longer and longer.end() - 1 > end:
                        end, head, grown = longer.end() - 1, longer.group(), True
                        break
            tail = PART_OF_PART.match(clause, end + 1) if ordered and not head.endswith(MACHINE_ENDS) else None
            high = tail.end() - 1 if tail else end
            if ordered and (
                not _heads_phrase(clause, high) or _shares_equipment_head(clause, end + 1 - len(head), high, head)
            ):
                continue
            grade, why = _clause_reading(
                clause, start, start + len(hit.group()) - 1, hit.group(), (start, high, head), designed=designed
            )
            if grade == PENDING and not ordered:
                grade, why = CONFIRMED, "即该工艺"
            if best is None or _RANK[grade] > _RANK[best[0]]:
                best = (grade, why, (start, clause[start : end + 1]))
        return best

    def _product_qualifiers(
        self,
        clause: str,
        kept: list[tuple[int, int, str, tuple[str, ...], bool]],
        joined: list[tuple[int, int, str] | None],
    ) -> set[int]:
        """Hits of midstream or downstream products followed, in the same noun phrase, by a product of an earlier
        stage (上游 before 中游 before 下游) or by a supporting segment (配套: moulds, equipment, R&D services; counted
        as upstream), which is the phrase's head: 乘用车双离合自动变速器总成 makes a gearbox
        for cars, 电动重卡换电电池包 a battery pack for trucks, 钠离子电池硬碳负极 an anode material for batteries — a
        product *for* the vehicle or battery, not the vehicle or battery. What lies between is a short modifier, with
        no mark, verb or 的; a dosage form after a drug is its form (首仿注射剂)."""
        found: set[int] = set()
        roles = [self._role(word, ids) if bounded else NO_ROLE for _, _, word, ids, bounded in kept]
        if not any(role[0] is not None for role in roles):
            return found
        heads = [(hit[0], role[1]) for hit, role in zip(kept, roles, strict=True) if role[1] is not None]
        for index, (role, (_, end, _, _, _), run) in enumerate(zip(roles, kept, joined, strict=True)):
            stage = role[0]
            if stage is None:
                continue
            high = run[1] if run else end
            for low, latest in heads:
                if high < low <= high + 1 + QUALIFIER_GAP and latest < stage:
                    if not _QUALIFIER_BREAK.search(clause[high + 1 : low]):
                        found.add(index)
                        break
        return found

    def _segment_traits(self, keyword: str, ids: tuple[str, ...]) -> SegmentTraits:
        """What a keyword's segments (`ids`) say of its readings (`SegmentTraits`), kept per keyword, as its segments
        are."""
        traits = self._segment_traits_kept.get(keyword)
        if traits is None:
            traits = SegmentTraits(
                self._upstream.issuperset(ids),
                not self._researching.isdisjoint(ids),
                not self._designing.isdisjoint(ids),
                self._systems_and_parent.issuperset(ids)
                and (not self._systems.isdisjoint(ids) or keyword in SYSTEM_WHOLES),
            )
            self._segment_traits_kept[keyword] = traits
        return traits

    def _role(self, keyword: str, ids: tuple[str, ...]) -> tuple[int | None, int | None]:
        """A keyword's part in `_product_qualifiers`, kept per keyword: the earliest stage (0 上游, 1 中游, 2 下游) it
        may qualify from (a product, not a process), and the latest stage it may head as (not a process nor a dosage
        form); None where it cannot. A segment of no product stage counts as upstream."""
        role = self._roles.get(keyword)
        if role is None:
            stages = [self._stages.get(sid, 0) for sid in ids] or [0]
            process = _traits(keyword).process
            qualifies = not process and set(ids) <= self._products
            heads = not process and not keyword.endswith(DOSAGE_FORMS)
            self._roles[keyword] = role = (min(stages) if qualifies else None, max(stages) if heads else None)
        return role

    def _modifiers(self, clause: str, hits: list[tuple[int, Word]]) -> list[tuple[int, int, set[str]]]:
        """Spans of upstream keywords that directly precede a midstream or downstream product of another segment
        ending the noun phrase, and so only qualify it (磷酸铁锂动力电池电芯的生产, 硬质合金钻头): the head of a
        Chinese noun compound is last. A process after it (电机机壳铸造), a support segment (硬质合金模具) or a
        longer noun (硬质合金钻头片) leaves it the thing made."""
        nouns: dict[int, list[tuple[int, set[str]]]] = defaultdict(list)
        for end, (word, segment_ids, _) in hits:
            if segment_ids and not _traits(word).process:
                nouns[end - len(word) + 1].append((end, set(segment_ids)))
        spans = []
        for end, (word, segment_ids, _) in hits:
            ids = set(segment_ids)
            heads = nouns.get(end + 1, [])
            if not ids or not ids <= self._upstream or not any((h - ids) & self._products for _, h in heads):
                continue
            last = max(stop for stop, _ in heads)
            while nouns.get(last + 1):
                last = max(stop for stop, _ in nouns[last + 1])
            tail = clause[last + 1 :]
            if not tail or PHRASE_END.match(tail) or MAKING.match(tail) or tail.startswith("等"):
                spans.append((end - len(word) + 1, end, ids))
        return spans


def trades_only(matches: list[SegmentMatch], hits: dict[str, list[Hit]], scope_clauses: Iterable[str] = ()) -> None:
    """Demote to 待定 a 确认 that rests only on a name or main product naming the thing, where the scope names it
    only to sell, serve or supply it: a distributor's 主营产品 is what it sells (仿制药; 仿制药品批发). Not where
    another scope clause makes the product's kind in other words (铅酸蓄电池; 电池制造；蓄电池租赁)."""
    confirmed = _RANK[CONFIRMED]
    for m in matches:
        if m.grade != CONFIRMED:
            continue
        found = hits[m.segment_id]
        scope = [hit for hit in found if hit[3] == "business_scope"]
        if not scope or any(hit[1] for hit in scope):
            continue
        stated = [hit[2] for hit in found if hit[1] == confirmed]
        if all(
            hit[3] in STATED_FIELDS and hit[4] == evidence_line(hit[2], hit[3], "")
            for hit in found
            if hit[1] == confirmed
        ) and not any(_making(c) and any(word[-KIND:] in c for word in stated) for c in scope_clauses):
            m.grade, m.evidence = PENDING, [*m.evidence, TRADES_NOTE]
            m.confidence = round(m.confidence * PENDING_FACTOR, 2)


def listed_products(hits: dict[str, list[Hit]], scope_clauses: list[str], scope: str) -> None:
    """Confirm the scope hits that head an item with no verb (`LISTED_NOTE`: 记忆棉鞋垫、乳胶鞋垫；日用杂品制造) where
    another clause of the scope carries a verb: a scope written activity by activity (生产、销售、服务…) writes
    trading and services with their verbs, so an item without one lists a product of the firm's own. A scope of
    bare items only (鞋带、服装辅料) is the old trading-list style and stays 待定, unless every item names the segment
    (`_one_line_of_goods`). Drugs listed by the classes of a drug trade licence (`_drug_trade_list`) stay 待定, and so
    do items only in clauses a later clause of their sentence closes with a verb of selling (`SoldAcrossCommas`,
    read from the normalised `scope`)."""
    pending, confirmed = _RANK[PENDING], _RANK[CONFIRMED]
    drugs_traded: bool | None = None
    sales: SoldAcrossCommas | None = None
    for found in hits.values():
        listed = [
            i
            for i, hit in enumerate(found)
            if hit[1] == pending and hit[3] == "business_scope" and hit[4].endswith(LISTED_NOTE)
        ]
        if not listed:
            continue
        named = {hit[2] for hit in found}
        if (
            not any(_worded(c) and not any(w in c for w in named) for c in scope_clauses)
            and not _one_line_of_goods(named, scope_clauses)
            and not _own_goods_list(scope_clauses)
        ):
            continue
        if sales is None:
            sales = SoldAcrossCommas(scope, scope_clauses)
        for i in listed:
            sid, _, keyword, field_name, line, _ = found[i]
            if DRUG in keyword:
                if drugs_traded is None:  # read only where a listed keyword names drugs
                    drugs_traded = _drug_trade_list(scope_clauses)
                if drugs_traded:
                    continue
            if sales.all_sold(_listed_in(keyword, scope_clauses)):
                continue
            found[i] = (sid, confirmed, keyword, field_name, line, _alone(field_name, CONFIRMED))


@lru_cache(maxsize=CLAUSES_KEPT)
def _blanked_notes(clause: str) -> bool:
    """Whether a note of `clause` has verbs `_left_out_blanked` may blank, kept per clause: few have (under 1 in 100
    readings in a clause with notes leaving something out), and a clause is read once per hit."""
    return any(
        not _NOT_PRODUCING.search(note.group()) and NOTE_VERBS.search(clause, note.start(), note.end())
        for note in LEFT_OUT_NOTE.finditer(clause)
    )


@lru_cache(maxsize=CLAUSES_KEPT)
def _worded(clause: str) -> bool:
    """Whether a scope clause carries a verb of its own (making, a `NOT_MAKING` activity or `ACTIVITY_WORDS`), kept
    per clause: the standard wordings recur across firms, and a scope's clauses are asked several times
    (`listed_products`, `SoldAcrossCommas`, `_listed_in`)."""
    return bool(_making(clause) or _ANY_NOT_MAKING.search(clause) or ACTIVITY_WORDS.search(clause))


class SoldAcrossCommas:
    """A scope's clauses (`scope_clauses`, which must be `clauses(scope)`) as `listed_products` asks whether an old
    trading list sells them across commas (`sold`): each clause is read only when asked, and once. A listed keyword
    stands in one clause or two of a scope, and reading every clause for its neighbours' sake (the goods classes of
    each, `_trade_goods`) was most of `listed_products`."""

    def __init__(self, scope: str, scope_clauses: list[str]) -> None:
        self.clauses = scope_clauses
        if _one_char_marks(scope):
            # each clause's end is found by the lengths before it
            ends = accumulate(len(clause) + 1 for clause in scope_clauses[:-1])
            self.commas = [scope[end - 1] == "," for end in ends]
        else:
            self.commas = [mark.group() == "," for mark in CLAUSE_MARKS.finditer(scope)]
        # each clause is read once here, not again from every verbless neighbour that walks over it
        self.worded = [_worded(c) for c in scope_clauses]
        self.traded: dict[int, bool] = {}
        self.read: dict[int, bool] = {}

    def all_sold(self, held: list[int]) -> bool:
        """Whether every clause in `held` (a keyword's clauses) is sold across commas (`sold`); a keyword no clause
        holds (a together group's 鞋+及辅料) counts as sold where any clause of the scope is."""
        if held:
            return all(self.sold(at) for at in held)
        return any(self.sold(at) for at in range(len(self.clauses)))

    def sold(self, index: int) -> bool:
        """Whether the clause at `index` is one of the verbless clauses of the scope that a later clause of the same
        sentence, with only commas and verbless clauses between, closes with a verb of selling written after its own
        noun (橡胶制品，电瓶，补充液，润滑油批发、零售; 模具、制鞋机器，……，各种塑料粒的进出口、批发), or that an
        earlier one opens with verbs of selling and a colon (`SALE_HEADING`:
        批发、零售:蓄电池及其配件，……，蓄电池专用模具): an old trading list written with commas, its verb once at its
        end or its start; or that follow, with only commas and verbless clauses between, a clause opening with verbs of
        selling and making nothing (`SOLD_DIRECTLY`: 销售汽车、摩托车及其配件，汽车润滑油，电瓶，轮胎: 评测集 README
        标法第 1 条, 逗号后追加的单项跟最近的动词) unless a later clause of the sentence makes (the verb at its end
        governs it all) other than by the bare 加工 (`PROCESSING`), or the item says it is the firm's own (`OWN_GOODS`:
        蓄电池(自产)); or that share their sentence, with only commas and verbless clauses between, with a class of
        traded goods (`_trade_goods`: 蓄电池，塑料配件，电器，汽车配件，五金加工; 评测集 README 标法第 1 条), unless
        the sentence closes with a production verb they share (模具，五金，塑料制品制造加工) other than the old
        registrations' bare 加工 (`PROCESSING`), or opens with one (制造:纺织机械，……，汽车配件). A sentence ends at any
        clause mark but a comma."""
        known = self.read.get(index)
        if known is None:
            self.read[index] = known = self._sold(index)
        return known

    def _sold(self, index: int) -> bool:
        """`sold`, read afresh."""
        clauses, commas, worded = self.clauses, self.commas, self.worded
        if worded[index]:
            return False
        earlier, traded, headed, opened_sale = index, False, False, False
        while earlier > 0 and commas[earlier - 1]:
            earlier -= 1
            text = clauses[earlier]
            if ":" in text and SALE_HEADING.search(text):
                return True
            if worded[earlier]:
                headed = _making(text) is not None
                opened_sale = not headed and SOLD_DIRECTLY.match(text) is not None
                break
            traded = traded or self._trade_goods(earlier)
        later = index
        while later < len(commas) and commas[later]:
            later += 1
            text = clauses[later]
            if worded[later]:
                if _making(text) or ACTIVITY_WORDS.search(text):
                    only_processing = all(verb.group() == PROCESSING for verb in MAKING.finditer(text))
                    traded, opened_sale = traded and only_processing, opened_sale and only_processing
                elif CLOSING_SALE.search(_unnoted(text)) and not _bare_verbs(text):
                    return True
                break
            traded = traded or self._trade_goods(later)
        return (traded and not headed) or (opened_sale and not any(word in clauses[index] for word in OWN_GOODS))

    def _trade_goods(self, index: int) -> bool:
        """`_trade_goods` of the verbless clause at `index`, kept."""
        known = self.traded.get(index)
        if known is None:
            self.traded[index] = known = _trade_goods(self.clauses[index])
        return known


def _listed_in(keyword: str, scope_clauses: list[str]) -> list[int]:
    """The clauses (by index) that list `keyword` with no verb, where the firm may name its own product, or, if none
    does, every clause holding it. A clause with a verb of its own says what is done with the thing there
    (旧蓄电池修理回收), so it does not make the bare 蓄电池 of a clause sold across commas (蓄电池及专用设备，五金机械的
    销售) the firm's own product: 评测集 README 标法第 1 条, an item follows the verb of its own sentence."""
    held = [at for at, c in enumerate(scope_clauses) if keyword in c]
    bare = [at for at in held if not _worded(scope_clauses[at])]
    return bare or held


PROCESSING = "加工"
"""The verb a trading list of goods classes may close with among its services (销售、维修、加工、服务, 五金加工): it
works on the goods sold, so it does not make the listed goods the firm's own (评测集 README 标法第 1 条)."""


def _trade_goods(text: str) -> bool:
    """Whether a verbless clause lists a class of traded goods (`TRADE_GOODS`: 电器, 汽车配件) as an item."""
    return any(_unnoted(item) in TRADE_GOODS for item in ITEM_END.split(text))


def _one_line_of_goods(named: set[str], scope_clauses: list[str]) -> bool:
    """Whether every listed item of the scope names the segment (铸铁件、铸钢件、有色金属铸件): a trading list spans
    several lines of goods (五金交电、化工、建材), so a bare list of one segment's products is the maker's own."""
    items = [item for c in scope_clauses for item in ITEM_END.split(c) if item.strip()]
    return len(items) > 1 and all(any(w in item for w in named) for item in items)


def _own_goods_list(scope_clauses: list[str]) -> bool:
    """Whether a scope of bare items only (模具、设备、日用塑料制品) names no class of traded goods (`_trade_goods`) and
    no drug by the classes of a drug trade licence: 评测集 README 标法第 1 条, 不带动词的清单读作自产产品，清单里有
    一个经营泛称才整个读作经营清单. A list closing with 及配件 has them for every item (第 1 条: 清单末尾的“及配件”
    同样管整个清单), so 轿车和上海产系列汽车及配件 lists 汽车配件, a class of traded goods; a listed class may carry
    a tail (`ITEM_TAILS`: 电器产品)."""
    for clause in scope_clauses:
        if any(word in clause for word in (*PURCHASES, *BOUGHT, IMPORTED)):
            return False  # 进口本企业生产、科研所需的模具及零配件: bought in for the firm's own use
        items = [_unnoted(item) for item in ITEM_END.split(clause)]
        if any(
            item.endswith(tail) and item[: len(item) - len(tail)] in TRADE_GOODS
            for item in items
            for tail in ITEM_TAILS
        ):
            return False  # 电器产品 is 电器 (ITEM_TAILS)
        if any(GENERIC_PART.fullmatch(item) for item in items) and any(
            (item + PART_GOODS).endswith(goods) for item in items for goods in TRADE_PARTS
        ):
            return False
    return not _drug_trade_list(scope_clauses)


def _drug_trade_list(scope_clauses: list[str]) -> bool:
    """Whether clauses without a production verb name drugs by three or more classes of a drug trade licence
    (`DRUG_TRADE_CLASSES`), or one of them lists two or more with no dosage form or own goods beside them."""
    unmade = [c for c in scope_clauses if not _making(c)]
    classes = [{word for word in DRUG_TRADE_CLASSES if word in c} for c in unmade]
    if len(set().union(*classes)) >= DRUG_TRADE_MINIMUM:
        return True
    return any(
        named
        and len(named) + sum(word in c for word in DRUG_TRADE_BESIDE) >= DRUG_TRADE_LIST_MINIMUM
        and not any(form in c for form in DOSAGE_NAMES)
        and not any(word in c for word in OWN_GOODS)
        for c, named in zip(unmade, classes, strict=True)
    )


def unnamed_drugs(matches: list[SegmentMatch], texts: dict[str, str]) -> None:
    """Make 待定 each 确认 tie resting only on `UNNAMED_DRUGS` where a text names drugs of another kind than chemical
    (`NOT_CHEMICAL`) or for animals (`VETERINARY`)."""
    for m in matches:
        if m.grade != CONFIRMED or not m.keywords or not all(_unnamed_drug(k) for k in m.keywords):
            continue
        if any(NOT_CHEMICAL.search(text) or _VETERINARY.search(text) for text in texts.values() if text):
            m.grade, m.evidence = PENDING, [*m.evidence, UNNAMED_NOTE]
            m.confidence = round(m.confidence * PENDING_FACTOR, 2)


def _unnamed_drug(keyword: str) -> bool:
    """Whether a keyword makes drugs without naming their kind (`UNNAMED_DRUGS`, or `BARE_DRUG` made)."""
    return keyword in UNNAMED_DRUGS or keyword == BARE_DRUG


def site_finishes(matches: list[SegmentMatch], texts: dict[str, str]) -> None:
    """Make 待定 each 确认 tie resting only on painting words (`SITE_FINISHES`: 涂装, 喷漆, 涂漆, 喷涂) where a
    sentence of the business scope lists them beside site works, fitting-out or overhauls (`SITE_WORK`: 防腐保温,
    楼宇清洗, 检修设备): 评测集
    README 标法第 9 条（c）, painting done on site, on buildings or on equipment in use is no factory finishing of parts
    (3360); a scope naming 金属表面处理 or plating keeps its tie, as those keywords are not painting words."""
    painted = [
        m
        for m in matches
        if m.grade == CONFIRMED
        and m.keywords
        and "business_scope" in m.fields
        and all(not FACTORY_COATS.search(k) and any(w in k for w in SITE_FINISHES) for k in m.keywords)
    ]
    scope = texts.get("business_scope", "")
    if not painted or not scope or not SITE_WORK.search(scope):
        return  # the scope is read only for a tie that rests on painting words alone
    sentences = [s for s in SENTENCE_END.split(scope) if SITE_WORK.search(s)]
    for m in painted:
        if all(any(w in k and any(w in s for s in sentences) for w in SITE_FINISHES) for k in m.keywords):
            m.grade, m.evidence = PENDING, [*m.evidence, SITE_NOTE]
            m.confidence = round(m.confidence * PENDING_FACTOR, 2)


def _below(roots: set[str], above: dict[str, list[str]]) -> frozenset[str]:
    """`roots` and every segment whose `above` (its parent and what it is a kind of) leads to one of them."""
    found = set(roots)
    grown = True
    while grown:
        grown = False
        for sid, ups in above.items():
            if sid not in found and not found.isdisjoint(ups):
                found.add(sid)
                grown = True
    return frozenset(found)


def other_drug_kinds(
    matches: list[SegmentMatch],
    drugs: Collection[str],
    texts: dict[str, str],
    scope_clauses: list[str],
    industries: Iterable[str] = (),
    hits: dict[str, list[Hit]] | None = None,
) -> None:
    """Exclude each 确认 tie of a chemical-drug segment (`drugs`, `CHEMICAL_DRUG_CODES`) resting only on dosage forms
    or unnamed drug making (`FORMS_ONLY`: 片剂、硬胶囊剂、颗粒剂) where the firm's own products also name a
    traditional-medicine or biochemical drug (`OTHER_DRUG_MARKS`: 丸剂（蜜丸）, 煎膏剂, 中药前处理及提取) and nothing
    states chemical drugs (`CHEMICAL_MARKS`, `NAMED_DRUGS`):
    评测集 README 标法第 4 条 — a TCM maker's licence lists dosage forms too, and an investment team seeking
    chemical-drug makers does not call it. A tie resting on the firm's industry (`industries`: 申万行业 化学制剂)
    states its class and stays. Where `hits` are given, only the keywords of the 确认 hits count (中西药原料采购 names
    chemical drugs only to buy them in).
    Own products are the firm's name, main products and industry, and the scope items it does not only sell or buy in
    (中药材收购 is not one); a mark in a bracketed note qualifies the product before it (小容量注射剂（含中药提取）)."""
    stated = set(industries)
    confirmed = _RANK[CONFIRMED]
    for m in matches:
        if (
            m.grade != CONFIRMED
            or m.segment_id not in drugs
            or not any(k.endswith(FORMS_ONLY) or k == BARE_DRUG for k in m.keywords)
        ):
            continue
        found = hits.get(m.segment_id) if hits is not None else None
        keywords = {hit[2] for hit in found if hit[1] == confirmed} if found else set(m.keywords)
        if not all(k.endswith(FORMS_ONLY) or k == BARE_DRUG for k in keywords) or not stated.isdisjoint(keywords):
            continue
        own = [text for name, text in texts.items() if name in STATED_FIELDS and text]
        if (
            _own_mark(CHEMICAL_MARKS, own, scope_clauses, keywords)
            or _named_chemical(scope_clauses)
            or not _own_mark(OTHER_DRUG_MARKS, own, scope_clauses, keywords)
        ):
            continue
        m.grade, m.evidence = EXCLUDED, [*m.evidence, OTHER_DRUG_NOTE]


EXTRACTION = re.compile("(?:中药|植物)(?:前处理)?[及和与、]?提取(?!物|设备|机|装置|罐|器)")
"""The process of drawing a drug's active part out of herbs (中药提取, 中药前处理及提取, 植物提取; not the product
植物提取物 nor the machines, 植物提取设备): named, it is done by the firm, not traded."""


GROWING = "种植"
"""Growing written in a mark's item (中药材种植、销售; 中草药种植) is the firm's own crop, whatever it sells or buys
after, so a TCM mark (评测集 README 标法第 4 条 (b): the marks are the firm's own products; 同一企业种植中药材的药品生产
r28x176, r48x167); advice, training or other services on growing (中药材种植技术咨询、培训: a reason of
`_not_making_reasons` other than selling) are not."""


def _own_mark(marks: re.Pattern[str], stated: list[str], scope_clauses: list[str], forms: Collection[str]) -> bool:
    """Whether `marks` occur in a stated text or in a scope item the firm does not only sell, serve or buy in, and
    not as a dosage form written onto a health food (`_food_form`: 片剂类保健食品); a mark naming extraction
    (`EXTRACTION`: 药用植物提取、销售) or grown (`GROWING`: 中药材种植、销售) is the firm's, whatever it sells after.
    A biological product (`BIOLOGICAL`) in the scope marks only the dosage form noted with it
    (`_biological_form`) and so counts only where that form holds one of the tie's keywords (`forms`)."""
    if any(marks.search(text) for text in stated):
        return True
    return any(
        (
            _own_at(clause, mark.start(), mark.end())
            and not (mark.group().endswith(DOSAGE_FORMS) and _food_form(clause[mark.end() :], clause[: mark.start()]))
            and (
                BIOLOGICAL.fullmatch(mark.group()) is None
                or any(form in _biological_form(clause, mark.start(), mark.end()) for form in forms)
            )
            and (mark.group() != BIOCHEMICAL or _biochemical_form(clause, mark.start()))
            and (mark.group() != MEDICINAL_LIQUOR or LIQUORS.search(clause) is None)
        )
        or (
            EXTRACTION.match(clause, mark.start()) is not None
            and not any(w in _item(clause, mark.start(), mark.end() - 1) for w in PURCHASES)
        )
        or (
            GROWING in (grown := _item(clause, mark.start(), mark.end() - 1))
            and _not_making_reasons(grown) <= {SOLD_NOTE}
        )
        for clause in scope_clauses
        for mark in marks.finditer(clause)
    )


FORM_NOTE = re.compile(r"\(([^()]*)\)|【([^【】]*)】")
"""A bracketed note, （） or 【】, its text in group 1 or 2: the forms a biological product is noted with
(疫苗（冻干粉针剂）, `_biological_form`)."""
REAGENT = "试剂"
NOT_FORMS = (REAGENT, "制剂")
"""Words ending like a dosage form (`DOSAGE_FORMS`) that name none: a reagent (体外诊断试剂) is a class of its own
and 制剂 names the class of all forms, so a biological product noted on either marks no form."""


def _dosage_form(text: str) -> bool:
    """Whether `text` ends in a dosage form (`DOSAGE_FORMS`), not a reagent or the class word (`NOT_FORMS`)."""
    return text.endswith(DOSAGE_FORMS) and not text.endswith(NOT_FORMS)


def _biological_form(clause: str, start: int, end: int) -> str:
    """The dosage form a biological product at `start`:`end` of `clause` makes biological, or "": the form the
    product stands in an open note on, （） or 【】 (小容量注射剂【疫苗（……疫苗）】 for its first 疫苗, as the
    listed item before the note), or the forms the note right after it holds (疫苗（冻干粉针剂）, 生物制品（小容量
    注射剂、冻干粉针剂）). Only these make the form biological (评测集 README 标法第 4 条 (d), 决定 D10); a note on
    a class (生物制品（疫苗）, 生物制品（血液制品）) or on a reagent (体外诊断试剂（生物制品）) marks none."""
    before = clause[:start]
    opened = max(before.rfind("("), before.rfind("【"))
    if opened > max(before.rfind(")"), before.rfind("】")) and _dosage_form(before[:opened]):
        return ITEM_END.split(before[:opened])[-1]
    note = FORM_NOTE.match(clause, end)
    forms = (note.group(1) or note.group(2) or "") if note else ""
    return forms if forms and all(_dosage_form(form) for form in ITEM_END.split(forms)) else ""


def _biochemical_form(clause: str, start: int) -> bool:
    """Whether the biochemical mark (`BIOCHEMICAL`) at `start` of `clause` is written onto a dosage form or a class
    of preparations (生化药品片剂, 生化药品其它制剂; not 生化药品试剂, a reagent) or stands in a note with forms
    (片剂（生化药品）, 生化药品（片剂、胶囊剂）): only then does it make the form biochemical (评测集 README 标法
    第 4 条 (d), read as 决定 D10 reads a biological product)."""
    word = TRAILING_VERBS.sub("", _opening(clause[start:], WORD_END))
    return (word.endswith(DOSAGE_FORMS) and not word.endswith(REAGENT)) or bool(
        _biological_form(clause, start, start + len(word))
    )


def _food_form(after: str, before: str) -> bool:
    """Whether a dosage form (a keyword, or a mark of the drugs' class) followed by `after` is written onto a health
    food, `after` being `HEALTH_FOOD_FORMS` (片剂、丸剂类保健食品), follows one in a run of forms, `before` ending in
    `HEALTH_FOOD_FIRST` (保健食品胶囊、片剂的生产), or stands in a note on one, `before` being its clause up to the form
    (保健食品（软胶囊剂）加工): a health food's form is no drug's (评测集 README: 保健食品 is a
    hard negative of another class, 标法第 3 条; since 真实八 a dosage form written before 保健食品 is the food's).
    A note after a run naming a drug too (药品、保健食品（片剂、胶囊剂）生产) is the run's, not the food's alone."""
    if HEALTH_FOOD_FORMS.match(after) is not None or HEALTH_FOOD_FIRST.search(before) is not None:
        return True
    head = _noted_head(before)
    if head is None or HEALTH_FOODS.search(head) is None:
        return False
    return DRUG not in before[: before.rfind("(")].rsplit(":", 1)[-1]


def _named_chemical(scope_clauses: list[str]) -> bool:
    """Whether the firm's own scope items name a drug in a note (`NAMED_DRUGS`) that bears no mark of another class.
    A dosage form in the note (药品（硬胶囊剂、片剂、合剂、露剂）) names no drug: it is the licence's list of forms
    (评测集 README 标法第 4 条 (a), (b)), which a mark among them makes a TCM maker's."""
    return any(
        _own_at(clause, named.start(), named.end()) and _names_chemical(named.group(1))
        for clause in scope_clauses
        for named in NAMED_DRUGS.finditer(clause)
    )


def _names_chemical(note: str) -> bool:
    """Whether a note of named drugs (`NAMED_DRUGS`) names one that is neither a form, an extract nor marked as of
    another class (`OTHER_DRUG_MARKS`): 原料药（盐酸小檗碱、维酶素） names a chemical drug (评测集 README 标法第 4 条
    (c)); 原料药（胃膜素、胰酶） does not (第 4 条 (d))."""
    return any(
        name
        and EXTRACT not in name
        and not OTHER_DRUG_MARKS.search(name)
        and not API_NOTE_MARKS.search(name)
        and not name.endswith((*FORMS_ONLY, *DOSAGE_NAMES))
        for name in ITEM_END.split(note)
    )


def _names_other_class(note: str) -> bool:
    """Whether a note of named drugs (`NAMED_DRUGS`) names one marked as of another class than chemical drugs
    (`OTHER_DRUG_MARKS`, `API_NOTE_MARKS`, an extract)."""
    return any(
        OTHER_DRUG_MARKS.search(name) or API_NOTE_MARKS.search(name) or EXTRACT in name for name in ITEM_END.split(note)
    )


def _own_at(clause: str, start: int, end: int) -> bool:
    """Whether the words at clause[start:end] are the firm's own product: in a bracketed note (which qualifies the
    product before it), or in an item that makes them (not only researches them beside services: `RESEARCH_VERBS`) or
    is not only sold, served or bought in."""
    if clause.rfind("(", 0, start) > clause.rfind(")", 0, start):
        return True
    around = _item(clause, start, end - 1)
    if _researched_only(around):
        return False  # 中药、西药生产技术的研发、咨询、转让: research and services, not the firm's own product
    return _making(around) is not None or not (_ANY_NOT_MAKING.search(around) or any(w in around for w in PURCHASES))


def _research_verbs_only(clause: str) -> bool:
    """Whether a clause is one item whose only verb is 研发 (中药及西药研发; 整车研发): the firm researches the thing
    and neither makes nor sells it (评测集 README 标注原则“只做研究设计（制鞋研发除外）不标”, 标法第 5 条). Not
    研制, which old registrations write for developing and making (研制、开发客车: 标法第 6 条, r3x028), nor 开发,
    which also develops resources and markets (水电资源开发、水力发电; 房地产开发); not a list (纺纱、织布、纺织研发:
    研发 may be its last item's only), nor research beside selling or making (生产、销售、研究、开发蓄电池), bare verbs
    after a comma included (整车研发，生产、销售: `RESEARCH_THEN_VERBS` joins them to the clause)."""
    if RESEARCH_WORD not in clause or "、" in clause:
        return False
    return all(verb.group() == RESEARCH_WORD for verb in _ANY_VERB.finditer(clause))


def _unnamed_new_drug(before: str, around: str, rest: str) -> bool:
    """Whether 新药, with `before` it in its clause, `around` it its item and `rest` the clause from it, is a new drug
    neither named nor reported for approval (报批新药; 新药研发、报批: a verb item after it reaches it) whose item only
    researches it (`UNNAMED_NEW_DRUG_NOTE`). `before` ends in the keyword's own words before 新药 (化学新药); a
    registration category there names nothing (`DRUG_CATEGORY_BEFORE`)."""
    opening = DRUG_CATEGORY_BEFORE.sub("", before)
    reported = _REPORTED.search(around) or _REPORTED.search(rest)
    if ITEM_OPENING.search(opening) is None or reported or REALLY_MAKING.search(around):
        return False
    return MAKING.search(around) is not None and _research_verbs_at_most(around)


def _research_verbs_at_most(text: str) -> bool:
    """Whether every verb of making in a text is a research verb (`RESEARCH_VERBS`); true of a text with none, so
    callers that need research written say so."""
    return all(verb.group() in RESEARCH_VERBS for verb in MAKING.finditer(text))


def _research_topic(work: str) -> bool:
    """Whether an item's work is research alone, closing its list (`RESEARCH_CLOSING`: 化学原料药及其制剂技术开发;
    蓄电池、电源设备及其技术开发、技术转让) with no other verb of making: its goods are the topic researched, not a
    product list (评测集 README 标法第 5 条, 只做研究开发服务不标). A 新技术 or 成果转化 elsewhere (高新技术产品：
    蓄电池) researches nothing of the list."""
    return RESEARCH_CLOSING.search(work) is not None and _research_verbs_at_most(work)


def _researched_only(around: str) -> bool:
    """Whether the verbs of an item are research verbs only (`RESEARCH_VERBS`) beside consulting, transfer or another
    service (西药生产技术的研发、咨询、转让、服务; 评测集 README 标法第 5 条, 只做研究开发服务、技术转让或咨询
    不标); research beside selling (研发、销售) is not caught."""
    has_verb = MAKING.search(around) is not None
    return has_verb and _research_verbs_at_most(around) and _CONSULTING.search(around) is not None


def made_kinds(
    matches: list[SegmentMatch],
    scope_clauses: Iterable[str],
    kinds: dict[str, list[tuple[str, str]]],
    names: dict[str, str],
) -> None:
    """Confirm the segments a 确认 segment is a kind of (seed `kind_of`) where the scope says the firm makes it:
    a clause with 生产/制造/加工… (not 委托生产) naming one of its keywords or the kind's own product
    (仿制药品种的生产, or 药品生产 beside 主营产品 仿制药) — a generic maker makes chemical drugs. Research alone
    (仿制药研发) is not enough: the labelled sets count a generic's R&D as 仿制药 only."""
    clauses = list(scope_clauses)
    found = {m.segment_id: m for m in matches}
    for m in [m for m in matches if m.segment_id in kinds and m.grade == CONFIRMED]:
        for kind_id, kind in kinds[m.segment_id]:
            tie = found.get(kind_id)
            if tie is not None and tie.grade == CONFIRMED:
                continue
            words = (*m.keywords, kind[-KIND:])
            if not any(_made_here(c) and any(w in c for w in words) and not NOT_CHEMICAL.search(c) for c in clauses):
                continue
            line = f"环节“{names[m.segment_id]}”：属{kind}，写了生产"
            if tie is None:
                tie = SegmentMatch(kind_id)
                found[kind_id] = tie
                matches.append(tie)
            tie.keywords = list(dict.fromkeys([*tie.keywords, *m.keywords]))
            tie.fields = list(dict.fromkeys([*tie.fields, *m.fields]))
            tie.grade, tie.evidence = CONFIRMED, [line, *tie.evidence][:EVIDENCE_LIMIT]
            tie.confidence, tie._weight = max(tie.confidence, m.confidence), max(tie._weight, m._weight)
    matches.sort(key=_SEGMENT_ID)


@cache
def _alone(field_name: str, grade: MatchGrade) -> float:
    """The confidence of a tie resting on one hit (as `folded` computes it for a single hit)."""
    return round(min(1.0, FIELD_WEIGHTS[field_name]) * (1.0 if grade == CONFIRMED else PENDING_FACTOR), 2)


def _single(hit: Hit) -> SegmentMatch:
    """`folded` for the usual case of one hit: the same tie without building the intermediate lists."""
    sid, rank, keyword, field_name, line, confidence = hit
    if not rank:
        return SegmentMatch(sid, evidence=[line])
    return SegmentMatch(sid, [keyword], [field_name], confidence, _GRADES[rank], [line], FIELD_WEIGHTS[field_name])


def industry_codes(props: dict[str, object] | Node) -> list[str]:
    """GB/T 4754 codes an enterprise states: its `industry_code`, or codes written in its industry text (C3360)."""
    values = props.properties if isinstance(props, Node) else props
    codes = [str(values["industry_code"]).strip().lstrip("ABCDEFGHIJKLMNOPQRST")] if values.get("industry_code") else []
    for key in ("industry",):
        if values.get(key):
            codes += CODE_PATTERN.findall(normalise_text(str(values[key])))
    return [c for c in dict.fromkeys(codes) if c.isdigit() and len(c) in (3, 4)]


def enterprise_texts(enterprise: Node) -> tuple[dict[str, str], list[str]]:
    """The texts, Shenwan industries and GB/T 4754 codes of an enterprise that matching reads."""
    props = enterprise.properties
    texts = {key: str(props[key]) for key in ("name", "full_name", "main_products", "business_scope") if props.get(key)}
    industry_text = " ".join(str(props[k]) for k in ("industry", "industry_2016") if props.get(k))
    if industry_text:
        texts["industry"] = industry_text
    industries = [str(props[k]) for k in ("sw_l3",) if props.get(k)]
    return texts, [*industries, *industry_codes(dict(props))]


def matched_tie(enterprise_id: str, match: SegmentMatch) -> Relationship:
    """The OPERATES_IN relationship recording a graded match (source 推导, with its grade, evidence and confidence)."""
    return Relationship(
        type=RelType.OPERATES_IN,
        start=enterprise_id,
        end=match.segment_id,
        properties={
            "source": Source.DERIVED.value,
            "basis": "关键词匹配",
            "keywords": match.keywords,
            "fields": match.fields,
            "confidence": match.confidence,
            "grade": match.grade.value,
            "evidence_text": match.evidence,
            "note": MATCH_NOTE,
        },
    )


def match_enterprises(segments: Iterable[Node], enterprises: Iterable[Node]) -> list[Relationship]:
    """OPERATES_IN relationships from each enterprise to every segment its texts name (确认 or 待定).

    排除 matches are not stored as ties: every analysis that counts OPERATES_IN (a segment's local
    enterprises, coverage, what-if) would otherwise have to know to skip them, and one forgotten filter
    would count an equipment dealer as local presence. `SegmentMatcher.graded` still explains them.
    """
    matcher = SegmentMatcher([s for s in segments if s.label == NodeLabel.SEGMENT])
    relationships = []
    for enterprise in enterprises:
        texts, industries = enterprise_texts(enterprise)
        relationships += [matched_tie(enterprise.id, match) for match in matcher.match(texts, industries)]
    return relationships


def with_matches(seed: GraphData, enterprises: GraphData) -> GraphData:
    """The enterprises plus their keyword-matched OPERATES_IN relationships to the seed's segments."""
    rels = match_enterprises(seed.nodes, enterprises.nodes)
    return GraphData(nodes=enterprises.nodes, relationships=[*enterprises.relationships, *rels])

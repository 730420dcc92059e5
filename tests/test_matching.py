"""Evidence-graded matching: what a scope must say for a 确认 tie, what stays 待定, what is never a tie,
how well that holds on the labelled set, and what a target list then shows and says — on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.embedded import EmbeddedStore
from graph.model import GraphData, Node, NodeLabel, RelType, Source, node_id, texts_prop
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from graph.vocabulary import Locality, MatchGrade
from loaders.load import load_all
from loaders.matching import SegmentMatcher, with_matches
from loaders.seed import build_seed_graph
from queries.targets import targets

ROOT = Path(__file__).resolve().parent.parent
GOALS = {
    "首轮留出": (0.99, 0.99),
    "第二留出": (0.99, 0.98),
    "第三留出": (0.99, 0.99),
    "第四留出": (0.99, 0.99),
    "第五留出": (0.97, 0.96),
    "第六留出": (0.96, 0.95),
    "第七留出": (0.99, 0.95),
    "真实一": (0.99, 0.98),
    "真实二": (0.99, 0.99),
    "真实三": (0.97, 0.94),
    "真实四": (0.98, 0.98),
    "真实五": (0.98, 0.99),
    "真实六": (0.99, 0.98),
    "真实七": (0.99, 0.93),
    "真实八": (0.98, 0.95),
    "真实九": (0.98, 0.99),
    "真实十": (0.99, 0.99),
    "真实十一": (0.98, 0.98),
    "真实十二": (0.99, 0.92),
    "真实十三": (0.99, 0.98),
    "真实十四": (0.95, 0.95),
    "真实十五": (0.96, 0.99),
    "真实十六": (0.94, 0.96),
    "真实十七": (0.90, 0.99),
    "真实十八": (0.94, 0.98),
    "真实十九": (0.99, 0.98),
    "真实二十": (0.98, 0.91),
    "真实二十一": (0.98, 0.93),
    "真实二十二": (0.99, 0.92),
    "真实二十三": (0.99, 0.92),
    "真实二十四": (0.98, 0.93),
    "真实二十五": (0.99, 0.96),
    "真实二十六": (0.98, 0.94),
    "真实二十七": (0.99, 0.89),
    "真实二十八": (0.93, 0.98),
    "真实二十九": (0.97, 0.90),
    "真实三十": (0.99, 0.96),
    "真实三十一": (0.99, 0.89),
    "真实三十二": (0.99, 0.96),
    "真实三十三": (0.94, 0.92),
    "真实三十四": (0.95, 0.95),
    "真实三十五": (0.97, 0.99),
    "真实三十六": (0.98, 0.96),
    "真实三十七": (0.98, 0.98),
    "真实三十八": (0.96, 0.96),
    "真实三十九": (0.93, 0.93),
    "真实四十": (0.99, 0.98),
    "真实四十一": (0.98, 0.91),
    "真实四十二": (0.99, 0.98),
    "真实四十三": (0.94, 0.96),
    "真实四十四": (0.99, 0.96),
    "真实四十五": (0.99, 0.98),
    "真实四十六": (0.99, 0.96),
    "真实四十七": (0.98, 0.94),
    "真实四十八": (0.93, 0.97),
    "真实四十九": (0.99, 0.94),
    "真实五十": (0.99, 0.96),
    "真实五十一": (0.98, 0.94),
    "真实五十二": (0.95, 0.95),
    "真实五十三": (0.99, 0.96),
    "真实五十四": (0.98, 0.99),
    "真实五十五": (0.99, 0.96),
    "真实五十六": (0.98, 0.96),
    "真实五十七": (0.99, 0.96),
    "真实五十八": (0.95, 0.90),
    "真实五十九": (0.95, 0.95),
    "真实六十": (0.93, 0.97),
    "真实六十一": (0.98, 0.89),
    "真实六十二": (0.98, 0.99),
    "真实六十三": (0.99, 0.93),
    "真实六十四": (0.99, 0.96),
    "真实六十五": (0.96, 0.94),
    "真实六十六": (0.99, 0.93),
    "真实六十七": (0.97, 0.87),
    "真实六十八": (0.99, 0.99),
    "真实六十九": (0.88, 0.95),
    "真实七十": (0.98, 0.86),
    "真实七十一": (0.99, 0.98),
    "真实七十二": (0.99, 0.94),
    "真实七十三": (0.99, 0.94),
    "真实七十四": (0.98, 0.96),
    "真实七十五": (0.92, 0.98),
    "真实七十六": (0.98, 0.96),
    "真实七十七": (0.95, 0.93),
    "真实七十八": (0.96, 0.94),
    "真实七十九": (0.98, 0.92),
    "真实八十": (0.97, 0.89),
    "真实八十一": (0.99, 0.92),
    "真实八十二": (0.97, 0.95),
    "真实八十三": (0.99, 0.94),
    "真实八十四": (0.99, 0.93),
}
"""确认 precision and recall floors per part. The synthetic parts' floors are as measured after the seventeenth round
(docs/benchmarks.md “第十七轮”; 全部 includes 第八留出 since it was merged), 第六留出's after the twenty-first (96.1 % /
95.4 %). The real parts' floors are as measured after the eighteenth round (“第十八轮”), on real1–real9 as relabelled by
the written rules (评测集 README “争议行的标法（第 1–12 条）”, branch labelrules): 真实三 95.7 % / 90.4 %; after the
nineteenth (“第十九轮”): 真实六 100.0 % / 96.6 %, 真实十 95.9 % / 97.9 %; after the twentieth (“第二十轮”): 真实二 100.0
% / 100.0 %, 真实十一 95.7 % / 95.7 % (after r11x076 was corrected, 评测集 README “real11.psv”); after the twenty-first
(“第二十一轮”): 真实一 98.5 % / 98.5 %, 真实四 98.1 % / 96.3 %, 真实七 96.9 % / 93.9 %, 真实八 91.7 % / 90.2 %, 真实十二
100.0 % / 89.9 %; after the twenty-second (“第二十二轮”): 真实十三 96.6 % / 94.9 %; and after the twenty-third
(“第二十三轮”): 真实五 95.9 % / 95.9 %, 真实九 94.2 % / 87.5 %; and after the twenty-fourth (“第二十四轮”): 真实十 98.0
% / 100.0 %, 真实十一 97.1 % / 95.7 %, 真实十三 100.0 % / 96.6 %, 真实十四 94.2 % / 92.9 %, 真实合计 97.2 % / 94.5 %
(去掉争议行 97.5 % / 94.9 %; with 真实十五 and 真实十六 in it 96.5 % / 94.0 %, 去掉争议行 96.8 % / 94.3 %); and after
the twenty-fifth (“第二十五轮”): 真实十五 96.2 % / 98.0 %, 真实十六 88.1 % / 94.5 %, 真实合计 96.6 % / 94.7 %
(去掉争议行 96.9 % / 95.0 %; with 真实十七 and 真实十八 in it 95.3 % / 94.7 %, 去掉争议行 95.7 % / 95.0 %); and after
the twenty-sixth (“第二十六轮” and “第二十六轮词表”, both merged): 真实五 97.9 % / 95.9 %, 真实八 93.2 % / 90.2 %,
真实九 96.2 % / 89.3 %, 真实十四 95.6 % / 92.9 %, 真实十五 96.2 % / 100.0 %, 真实十八 91.4 % / 94.6 %, 真实合计 95.9 % /
94.9 % (with 真实十九 and 真实二十 in it 95.6 % / 94.2 %, 去掉争议行 95.9 % / 94.4 %). Every part but 第八留出 and
真实二十七 to 真实三十四 is a tuning split: 第六留出 since the eighth round, 第七留出 since the ninth, 真实一 since the
tenth, … 真实九 since the eighteenth, 真实十 since the nineteenth, 真实十一 since the twentieth, 真实十二 since the
twenty-first, 真实十三 since the twenty-second, 真实十四 since the twenty-fourth, 真实十五, 真实十六 since the
twenty-fifth, 真实十七, 真实十八 since the twenty-sixth, 真实十九 to 真实二十二 since the twenty-ninth and 真实二十三 to
真实二十六 since the thirtieth, each after its blind measurement (第七留出 85.5 % / 66.2 %; 真实一 83.3 % / 88.2 % and
真实二 90.5 % / 84.8 % before any tuning, docs/benchmarks.md “真实经营范围”; 真实三 93.0 % / 71.6 %, 真实四 85.7 % /
82.8 %, 真实五 89.6 % / 75.4 %, 真实六 92.9 % / 91.2 %, 真实七 83.1 % / 80.6 %, 真实八 81.7 % / 80.3 %, 真实九 94.2 % /
81.7 %, 真实十 95.6 % / 89.6 % (the first labelled blind by the written rules), 真实十一 94.8 % / 78.6 % (the second,
measured blind once after the nineteenth round, “真实十一”), 真实十二 89.7 % / 88.4 % (the third, measured blind once
after the twentieth round, “真实十二”), 真实十三 94.8 % / 93.2 % (the fourth, measured blind once after the twenty-first
round, “真实十三”), 真实十四 88.5 % / 77.1 % (the fifth, measured blind once after the twenty-second round, “真实十四”),
真实十五 94.0 % / 92.2 % and 真实十六 87.3 % / 87.3 % (the sixth and seventh, measured blind once after the
twenty-fourth round, docs/benchmarks.md “真实十五与真实十六”), 真实十七 84.1 % / 94.6 % and 真实十八 86.9 % / 94.6 %
(the eighth and ninth, measured blind once after the twenty-fifth round, docs/benchmarks.md “真实十七与真实十八”), each
after the round before it, on the labels of that time), so their floors are tuned figures, not estimates for new text.
第八留出 is the blind set measured once after the ninth round (88.7 % / 62.9 %, docs/benchmarks.md “第八留出”; 88.9 % /
64.0 % after the nineteenth to the twenty-fifth, 89.1 % / 65.7 % after the twenty-sixth), never tuned on; 真实十九 and
真实二十, the tenth and eleventh sets labelled blind by the written rules, measured once after the twenty-sixth round
(94.7 % / 88.5 % and 89.8 % / 86.9 %, docs/benchmarks.md “真实十九与真实二十”), and 真实二十一 and 真实二十二, the
twelfth and thirteenth, measured once after the twenty-seventh round (91.5 % / 91.5 % and 86.7 % / 77.6 %,
docs/benchmarks.md “真实二十一与真实二十二”), and 真实二十三 and 真实二十四, the fourteenth and fifteenth, measured once
after the twenty-eighth round (96.8 % / 85.9 % and 91.8 % / 88.9 %, docs/benchmarks.md “真实二十三与真实二十四”), were
not tuned on before the twenty-ninth round (真实二十三 and 真实二十四 still are not); with the first four in it 真实合计
was 95.0 % / 93.2 % (去掉争议行 95.3 % / 93.4 %). After the twenty-eighth round (“第二十八轮”): 真实三 95.7 % / 91.8 %,
真实八 93.3 % / 91.8 %, 真实九 96.2 % / 91.1 %, 真实十九 94.8 % / 90.2 %, 真实二十 90.0 % / 88.5 %, and with all six
unseen real sets in it 真实合计 95.0 % / 93.0 % (1,376 of 1,449 confirmed ties right: 94.96 %, hence its floor 0.94
then; 去掉争议行 95.2 % / 93.3 %). After the twenty-ninth (“第二十九轮”, two parts, tuned on 真实一 to 真实二十二):
真实七 98.4 % / 93.9 %, 真实八 93.4 % / 93.4 %, 真实九 96.4 % / 94.6 %, 真实十二 100.0 % / 92.8 %, 真实十七 85.9 % /
98.2 %, 真实十八 91.5 % / 96.4 %, 真实十九 96.7 % / 95.1 %, 真实二十 90.3 % / 91.8 %, 真实二十一 94.8 % / 93.2 %,
真实二十二 89.2 % / 86.6 %, 真实二十四 93.3 % / 88.9 % (a second measurement), 真实合计 95.2 % / 94.2 % (去掉争议行 95.5
% / 94.4 %); 真实二十五 and 真实二十六, the sixteenth and seventeenth sets labelled blind by the written rules, measured
once after it (94.8 % / 91.7 % and 88.7 % / 90.4 %, the same as before it, docs/benchmarks.md “真实二十五与真实二十六”),
and 真实二十七 and 真实二十八, the eighteenth and nineteenth, measured once after its review (98.2 % / 84.8 % and 86.6 %
/ 93.5 %, “真实二十七与真实二十八”), are not tuned on; with all ten unseen real sets in it 真实合计 is 95.0 % / 93.8 %
(1,612 of 1,697 confirmed ties right: 94.99 %, hence its floor 0.94 then; 去掉争议行 95.3 % / 94.2 %). After the
thirtieth (“第三十轮”, two parts, tuned on 真实一 to 真实二十六): 第八留出 89.8 % / 65.7 %, 真实一 100.0 % / 98.5 %,
真实十九 98.3 % / 95.1 %, 真实二十二 90.6 % / 86.6 %, 真实二十三 98.4 % / 87.3 %, 真实二十四 98.3 % / 90.5 %, 真实二十五
98.2 % / 91.7 %, 真实二十六 92.2 % / 90.4 % (真实二十三 to 真实二十六 are tuning splits from it, their first
measurements above stay the blind figures); 真实二十九 and 真实三十, the twentieth and twenty-first sets labelled blind
by the written rules, measured once after it (89.8 % / 84.6 % and 92.7 % / 92.7 %, the same as before it,
docs/benchmarks.md “真实二十九与真实三十”), are not tuned on, nor are 真实二十七 and 真实二十八; with all twelve
unseen-at-first real sets in it 真实合计 is 95.4 % / 93.6 % (1,709 of 1,792 confirmed ties right; 去掉争议行 95.8 % /
94.3 %). After the thirty-first (“第三十一轮”: the lead's four labelling decisions D1–D4 of 2026-12-04 applied to every
file, the matcher following them): 真实十八 93.1 % / 96.4 %, 真实十九 100.0 % / 95.2 %, 真实二十 95.0 % / 91.9 %,
真实二十二 93.7 % / 86.8 %, 真实二十七 98.2 % / 86.2 % (r27x149 relabelled by D3), 真实二十八 87.9 % / 93.5 %;
真实三十一 and 真实三十二, labelled blind by the amended rules while it was tuned, measured once after it (95.3 % / 85.4
% and 100.0 % / 91.1 %; before it 93.3 % / 87.5 % and the same), are not tuned on; 真实合计 96.0 % / 93.4 % (1,801 of
1,876 confirmed ties right: 96.002 %; 去掉争议行 96.4 % / 94.1 %). After the thirty-second (“第三十二轮”, two parts,
tuned on 真实一 to 真实二十六): 真实六 100.0 % / 98.3 %, 真实八 93.5 % / 95.1 %, 真实十六 91.4 % / 96.4 %, 真实二十 96.6
% / 91.9 %, 真实二十一 96.5 % / 93.2 %, 真实二十二 95.2 % / 88.2 %, 真实二十三 100.0 % / 88.7 %, 真实二十六 95.9 % /
90.4 %; 真实三十三 and 真实三十四, labelled blind while it was tuned, measured once after it (90.6 % / 88.9 % and 88.7 %
/ 90.2 %, the same as before it), are not tuned on; with them in it 真实合计 is 95.9 % / 93.4 % (1,909 of 1,990
confirmed ties right: 95.93 %, hence its floor 0.95 now; 去掉争议行 96.3 % / 94.1 %). From the thirty-third round every
part here is a tuning split (真实二十七 to 真实三十四 after their blind measurements); the floors of the parts that hold
unseen text — 第八留出, and 全部 and 真实合计 that count unseen sets — are in tests/test_matching_unseen.py, which
tuners do not run. After the thirty-third (“第三十三轮”, two parts, tuned on 真实一 to 真实三十四): 真实四 98.1 % / 98.1
%, 真实九 96.4 % / 96.4 %, 真实十四 95.7 % / 94.3 %, 真实十七 88.9 % / 100.0 %, 真实十九 100.0 % / 96.8 %, 真实二十三
100.0 % / 90.1 %, 真实二十五 98.3 % / 96.7 %, 真实二十六 96.0 % / 92.3 %, 真实二十八 89.4 % / 95.2 %, 真实二十九 90.4 %
/ 90.4 %, 真实三十 94.4 % / 92.7 %, 真实三十二 100.0 % / 92.9 %, 真实三十三 90.7 % / 90.7 %, 真实三十四 91.8 % / 91.8 %
(no floor above 0.99); 真实三十五 and 真实三十六, labelled blind while it was tuned, measured once after it (95.8 % /
95.8 % and 96.7 % / 92.2 %, docs/benchmarks.md “真实三十五与真实三十六”), are tuning splits from the thirty-fourth
round. 真实十's recall floor went from 99 % to 97 % in the thirty-fourth round: its one tie to 整车 it loses (r10x241)
was read from 客车底盘, which 标法第 6 条 does not tie, once a vehicle type before a part noun became the part's
qualifier. After the thirty-fourth (“第三十四轮”, two parts and the reviews' fixes, tuned on 真实一 to 真实三十六):
真实五 98.0 % / 100.0 %, 真实十 100.0 % / 97.9 %, 真实十六 93.0 % / 96.4 %, 真实十八 93.2 % / 98.2 %, 真实二十二 95.3 %
/ 89.7 %, 真实二十三 100.0 % / 91.5 %, 真实二十四 98.3 % / 92.1 %, 真实二十八 89.6 % / 96.8 %, 真实二十九 92.2 % / 90.4
%, 真实三十 94.5 % / 94.5 %, 真实三十二 100.0 % / 94.6 %, 真实三十三 92.5 % / 90.7 %, 真实三十五 95.9 % / 97.9 %,
真实三十六 98.4 % / 93.8 % (no floor above 0.99); 真实三十七 and 真实三十八, labelled blind while it was tuned, measured
once after it (97.8 % / 90.0 % and 90.7 % / 90.7 %, docs/benchmarks.md “真实三十七与真实三十八”), are tuning splits from
the thirty-fifth round. After the thirty-fifth (“第三十五轮”, two parts and the reviews' fixes, tuned on 真实一 to
真实三十八): 真实三 95.8 % / 93.2 %, 真实二十二 96.8 % / 89.7 %, 真实二十八 90.9 % / 96.8 %, 真实二十九 94.0 % / 90.4 %,
真实三十 96.3 % / 94.5 %, 真实三十一 97.6 % / 85.4 %, 真实三十三 94.3 % / 92.6 %, 真实三十四 93.3 % / 91.8 %, 真实三十五
97.9 % / 97.9 %, 真实三十七 97.9 % / 92.0 %, 真实三十八 94.4 % / 94.4 %; 真实三十九 and 真实四十, labelled blind while
it was tuned, measured once after it (89.1 % / 89.1 % and 97.9 % / 94.0 %, docs/benchmarks.md “真实三十九与真实四十”),
are tuning splits from the thirty-sixth round. After the thirty-sixth (“第三十六轮”, two parts and the reviews' fixes,
tuned on 真实一 to 真实四十, with r34x191 relabelled by decision D6): 真实三 97.1 % / 93.2 %, 真实八 96.7 % / 95.1 %,
真实九 96.5 % / 98.2 %, 真实二十二 98.4 % / 91.2 %, 真实二十七 98.3 % / 87.7 %, 真实三十四 94.9 % / 93.3 %, 真实三十七
98.0 % / 96.0 %, 真实三十九 91.1 % / 89.1 %, 真实四十 98.0 % / 96.0 %; 真实四十一 to 真实四十四, labelled blind while it
was tuned, measured once after it (94.5 % / 83.9 %, 98.1 % / 96.3 %, 93.8 % / 86.5 % and 96.5 % / 90.2 %,
docs/benchmarks.md “真实四十一至真实四十四”), are tuning splits from the thirty-seventh round. After the thirty-seventh
(“第三十七轮”, two parts, the reviews' fixes and the speed branch, tuned on 真实一 to 真实四十四): 真实九 98.2 % / 98.2
%, 真实十 100.0 % / 100.0 %, 真实十一 97.1 % / 97.1 %, 真实二十一 98.2 % / 93.2 %, 真实二十三 100.0 % / 93.0 %,
真实二十六 96.1 % / 94.2 %, 真实二十七 98.3 % / 89.2 %, 真实三十一 100.0 % / 85.4 %, 真实三十六 98.4 % / 95.3 %,
真实四十一 96.5 % / 88.7 %, 真实四十二 100.0 % / 98.1 %, 真实四十三 94.0 % / 90.4 %, 真实四十四 98.3 % / 93.4 % (no
floor above 0.99); 真实四十五 to 真实四十八, labelled blind while it was tuned, measured once after it (98.1 % / 94.4 %,
98.1 % / 91.2 %, 98.1 % / 89.8 % and 91.1 % / 93.2 %, docs/benchmarks.md “真实四十五至真实四十八”), are tuning splits
from the thirty-eighth round. After the thirty-eighth (“第三十八轮”, two parts, the reviews' fixes and the speed branch,
tuned on 真实一 to 真实四十八): 真实十一 97.1 % / 98.5 %, 真实十四 95.7 % / 95.7 %, 真实十六 94.6 % / 96.4 %, 真实二十五
100.0 % / 96.7 %, 真实二十八 91.0 % / 98.4 %, 真实三十 98.1 % / 94.5 %, 真实四十 100.0 % / 96.0 %, 真实四十一 98.2 % /
88.7 %, 真实四十三 94.1 % / 92.3 %, 真实四十五 100.0 % / 96.3 %, 真实四十六 98.2 % / 96.5 %, 真实四十七 98.2 % / 94.9 %,
真实四十八 91.5 % / 97.7 % (no floor above 0.99); 真实四十九 to 真实五十二, labelled blind while it was tuned, measured
once after it (95.7 % / 88.2 %, 96.3 % / 94.5 %, 94.1 % / 90.6 % and 93.9 % / 93.9 %, docs/benchmarks.md
“真实四十九至真实五十二”), are tuning splits from the thirty-ninth round. Before it, decision D8 relabelled r38x192
(制鞋辅材 added: 真实三十八 92.7 % recall until the round confirmed it). After the thirty-ninth (“第三十九轮”, two
passes on each side, the reviews' fixes and a tie-neutral tidy, tuned on 真实一 to 真实五十二): 真实三 97.2 % / 94.5 %,
真实十三 100.0 % / 98.3 %, 真实二十二 98.4 % / 92.6 %, 真实二十四 98.3 % / 93.7 %, 真实三十 98.1 % / 96.4 %, 真实三十五
98.0 % / 100.0 %, 真实三十七 98.0 % / 98.0 %, 真实三十八 94.5 % / 94.5 %, 真实三十九 91.3 % / 91.3 %, 真实四十 100.0 % /
98.0 %, 真实四十一 98.2 % / 90.3 %, 真实四十三 94.2 % / 94.2 %, 真实四十四 98.3 % / 96.7 %, 真实四十八 93.5 % / 97.7 %,
真实四十九 100.0 % / 92.2 %, 真实五十 98.1 % / 94.5 %, 真实五十一 96.1 % / 92.5 %, 真实五十二 95.9 % / 95.9 % (no floor
above 0.99); 真实五十三 to 真实五十六, labelled blind while it was tuned, measured once after it (98.0 % / 90.9 %, 91.8
% / 94.9 %, 98.0 % / 96.2 % and 98.1 % / 94.6 %, docs/benchmarks.md “真实五十三至真实五十六”), are tuning splits from
the fortieth round. Before it, decision D9 relabelled r18x255 and r54x182 (电机外壳 added; both were already confirmed).
After the fortieth (“第四十轮”, one pass on each side continued by its review, the speed branch and the final review's
fixes, tuned on 真实一 to 真实五十六): 第七留出 98.1 % / 95.0 %, 真实七 100.0 % / 93.9 %, 真实十八 94.9 % / 98.2 %,
真实十九 100.0 % / 98.4 %, 真实二十二 100.0 % / 92.6 %, 真实二十七 100.0 % / 89.2 %, 真实五十 100.0 % / 94.5 %,
真实五十三 100.0 % / 94.5 %, 真实五十四 98.4 % / 100.0 %, 真实五十五 100.0 % / 96.2 %, 真实五十六 98.2 % / 96.4 % (no
floor above 0.99); 真实五十七 to 真实六十, labelled blind while it was tuned (98.4 % / 93.9 % with r57x020 relabelled by
D9, 93.9 % / 88.5 %, 91.5 % / 93.5 % and 86.3 % / 93.6 %), and 真实六十一 to 真实六十四, labelled after it (94.2 % /
87.5 %, 98.1 % / 96.4 %, 97.3 % / 83.7 % and 96.2 % / 96.2 %), each measured once on its matcher (docs/benchmarks.md
“真实五十七至真实六十”, “真实六十一至真实六十四”), are tuning splits from the forty-first round. Before it, decision D11
relabelled r31x135 and r64x087 (电镀/表面处理 removed: metallised packaging film). After the forty-first (“第四十一轮”,
one pass on each side, each reviewed, the precision side continued by a second pass, the speed branch and the final
review's fixes, tuned on 真实一 to 真实六十四): 真实三十 100.0 % / 96.4 %, 真实三十一 100.0 % / 87.2 %, 真实三十八 96.3
% / 94.5 %, 真实三十九 93.3 % / 91.3 %, 真实四十六 100.0 % / 96.5 %, 真实五十一 98.0 % / 92.5 %, 真实五十七 100.0 % /
95.5 %, 真实五十九 93.6 % / 95.7 %, 真实六十 91.8 % / 95.7 %, 真实六十一 96.1 % / 87.5 %, 真实六十二 98.2 % / 100.0 %,
真实六十三 97.5 % / 90.7 %, 真实六十四 100.0 % / 96.2 % (no floor above 0.99); 真实六十五 to 真实六十八, labelled blind
while it was tuned (90.6 % / 90.6 %, 98.2 % / 90.0 %, 97.7 % / 87.5 % and 98.0 % / 92.5 %), and 真实六十九 to
真实七十二, labelled after it (88.6 % / 95.1 %, 96.2 % / 84.7 %, 96.5 % / 96.5 % and 96.4 % / 94.7 %), each measured
once on its matcher (docs/benchmarks.md “真实六十五至真实六十八”, “真实六十九至真实七十二”), are tuning splits from the
forty-second round. After the forty-second (“第四十二轮”, one pass on each side, each reviewed and continued by a second
pass, the speed branch and the final review's fixes, tuned on 真实一 to 真实七十二): 真实三十一 100.0 % / 89.4 %,
真实三十二 100.0 % / 96.4 %, 真实三十六 98.4 % / 96.9 %, 真实三十九 93.5 % / 93.5 %, 真实四十一 98.3 % / 91.9 %,
真实四十三 94.3 % / 96.2 %, 真实四十五 100.0 % / 98.1 %, 真实五十一 98.0 % / 94.3 %, 真实五十七 100.0 % / 97.0 %,
真实五十八 94.0 % / 90.4 %, 真实六十 92.0 % / 97.9 %, 真实六十一 98.0 % / 89.3 %, 真实六十三 97.6 % / 93.0 %, 真实六十五
94.2 % / 92.5 %, 真实六十六 100.0 % / 93.3 %, 真实六十八 98.1 % / 98.1 %, 真实七十一 98.2 % / 98.2 %, 真实七十二 100.0 %
/ 94.7 % (no floor above 0.99); 真实七十三 to 真实七十六, labelled blind while it was tuned (90.0 % / 92.3 %, 96.3 % /
94.5 %, 93.0 % / 98.1 % and 98.2 % / 91.5 %), each measured once on its matcher (docs/benchmarks.md
“真实七十三至真实七十六”), are tuning splits from the forty-third round; after the forty-third (“第四十三轮”, seed words
only — a first pass, its review with decision D13 and a second pass — beside a tie-neutral speed branch, tuned on 真实一
to 真实七十六): 第七留出 99.4 % / 95.0 %, 真实八 98.3 % / 95.1 %, 真实十一 98.5 % / 98.5 %, 真实十七 90.3 % / 100.0 %,
真实二十 98.3 % / 91.9 %, 真实二十六 98.0 % / 94.2 %, 真实二十八 92.4 % / 98.4 %, 真实二十九 95.9 % / 90.4 %, 真实四十四
100.0 % / 96.7 %, 真实五十八 95.9 % / 90.4 %, 真实六十 93.9 % / 97.9 %, 真实六十三 100.0 % / 93.0 %, 真实六十五 96.1 % /
92.5 %, 真实六十八 100.0 % / 98.1 %, 真实七十 98.0 % / 84.7 %, 真实七十一 100.0 % / 98.2 %, 真实七十三 100.0 % / 92.3 %,
真实七十四 98.1 % / 96.4 %, 真实七十六 98.3 % / 96.6 % (no floor above 0.99); 真实七十七 to 真实八十, labelled blind
while it was tuned (89.8 % / 93.6 %, 92.5 % / 94.2 %, 98.0 % / 88.9 % and 89.5 % / 89.5 %), and 真实八十一 to
真实八十四, labelled after it (94.7 % / 90.0 %, 95.5 % / 93.3 %, 98.0 % / 92.5 % and 100.0 % / 88.6 %), each measured
once on its matcher (docs/benchmarks.md “真实七十七至真实八十”, “真实八十一至真实八十四”), are tuning splits from the
forty-fourth round; after the forty-fourth (“第四十四轮”, two seed passes and two code passes with the final review's
fixes, tuned on 真实一 to 真实八十四): 真实九 98.2 % / 100.0 %, 真实二十八 93.8 % / 98.4 %, 真实二十九 97.9 % / 90.4 %,
真实三十四 95.0 % / 95.0 %, 真实三十八 96.4 % / 96.4 %, 真实四十九 100.0 % / 94.1 %, 真实五十 100.0 % / 96.4 %,
真实五十三 100.0 % / 96.4 %, 真实五十九 95.7 % / 95.7 %, 真实六十五 96.2 % / 94.3 %, 真实六十八 100.0 % / 100.0 %,
真实七十 98.1 % / 86.4 %, 真实七十三 100.0 % / 94.9 %, 真实七十七 95.7 % / 93.6 %, 真实七十八 96.1 % / 94.2 %,
真实七十九 98.0 % / 92.6 %, 真实八十 97.1 % / 89.5 %, 真实八十一 100.0 % / 92.5 %, 真实八十二 97.7 % / 95.6 %,
真实八十三 100.0 % / 94.3 %, 真实八十四 100.0 % / 93.2 % (no floor above 0.99). Floors against regressions, not
goals."""


@pytest.fixture(scope="module")
def matcher(loaded_store: EmbeddedStore) -> SegmentMatcher:
    return SegmentMatcher(loaded_store.nodes(NodeLabel.SEGMENT))


def _grades(matcher: SegmentMatcher, **texts: str) -> dict[str, MatchGrade]:
    return {m.segment_id.split(":", 1)[1]: m.grade for m in matcher.graded(texts)}


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        ("电镀加工；五金制品制造", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀设备的研发、生产与销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("五金交电、电镀产品的批发零售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("铸造用砂、覆膜砂的生产", "铸造件", MatchGrade.EXCLUDED),
        ("压铸机的销售与维修", "铸造件", MatchGrade.EXCLUDED),
        ("铝合金压铸件的生产与销售", "铸造件", MatchGrade.CONFIRMED),
        ("模具设计；工业设计服务", "模具", MatchGrade.EXCLUDED),
        ("模具设计与制造", "模具", MatchGrade.CONFIRMED),
        ("模具钢、模具材料的销售", "模具", MatchGrade.EXCLUDED),
        ("涂装技术培训；冷库安装工程", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("电机外壳喷涂加工", "电机外壳", MatchGrade.EXCLUDED),
        ("鞋带、服装辅料、日用百货", "制鞋辅材", MatchGrade.PENDING),
        ("喷涂机器人、自动喷涂线的设计与制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("动力电池热管理系统的生产", "动力电池", MatchGrade.EXCLUDED),
        ("乘用车车身焊装件生产", "整车", MatchGrade.EXCLUDED),
        ("模具加工用刀具的制造", "模具", MatchGrade.EXCLUDED),
        ("为整车厂配套生产线束", "整车", MatchGrade.EXCLUDED),
        ("面向模具行业的软件开发", "模具", MatchGrade.EXCLUDED),
        ("为铸造、电镀企业提供环保咨询", "铸造件", MatchGrade.EXCLUDED),
        ("退役动力电池的收购与处置", "动力电池", MatchGrade.EXCLUDED),
        ("为客户提供模具设计与制造服务", "模具", MatchGrade.CONFIRMED),
        ("主要产品为注塑模具，模具制造", "模具", MatchGrade.CONFIRMED),
        ("新能源汽车用动力电池的生产", "动力电池", MatchGrade.CONFIRMED),
        ("汽车整车涂装线、焊装线的制造", "整车", MatchGrade.EXCLUDED),
        ("冷库保温板的生产", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷链物流园的物业管理", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("表面处理工艺的研究开发与成果转化", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("表面处理新技术的研究开发及加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("创新药研发与成果转化", "创新药", MatchGrade.CONFIRMED),
        ("铝合金压铸外壳的生产", "铸造件", MatchGrade.CONFIRMED),
        ("铸造设备配件的生产", "铸造件", MatchGrade.EXCLUDED),
        ("供铸造车间使用的砂箱制作", "铸造件", MatchGrade.EXCLUDED),
        ("用于电镀的整流电源生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("新药研发用试剂的生产", "创新药", MatchGrade.EXCLUDED),
        ("为储能电池制造企业提供软件开发", "蓄电池", MatchGrade.EXCLUDED),
        ("纱线的纺制与销售", "纺纱", MatchGrade.CONFIRMED),
        ("磷酸铁锂动力电池的生产", "磷酸铁锂", MatchGrade.EXCLUDED),
        ("磷酸铁锂动力电池的生产", "动力电池", MatchGrade.CONFIRMED),
        ("磷酸铁锂正极材料、动力电池的生产", "储能材料", MatchGrade.CONFIRMED),
        ("硬质合金钻头片的生产", "钻头材料与配件", MatchGrade.CONFIRMED),
        ("电机机壳铸造", "电机外壳", MatchGrade.CONFIRMED),
        ("钢结构件热浸锌加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金件的磷化、喷塑加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("级进模、拉延模的设计与制造", "模具", MatchGrade.CONFIRMED),
        ("低温仓储；道路货物运输", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("许可项目：道路机动车辆生产", "整车", MatchGrade.CONFIRMED),
        ("鞋撑、勾心的生产", "制鞋辅材", MatchGrade.CONFIRMED),
    ],
)
def test_a_scope_is_graded_by_what_the_firm_does_with_the_words(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade
) -> None:
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # touching hits of one segment are read as one run: what follows the last one decides
        ("压铸模、塑胶模的设计与制造", "模具", MatchGrade.CONFIRMED),
        ("压铸模具钢的生产", "模具", MatchGrade.EXCLUDED),
        ("塑胶模具配件销售", "模具", MatchGrade.EXCLUDED),
        ("熔模铸造用蜡料的生产", "铸造件", MatchGrade.EXCLUDED),
        ("熔模铸造", "铸造件", MatchGrade.CONFIRMED),
        ("动力电池包壳体的生产", "动力电池", MatchGrade.EXCLUDED),
        ("医药包装机械配件加工", "医药包装器械", MatchGrade.EXCLUDED),
        ("涡流纺粘胶纱线、竹节纱的生产", "纺纱", MatchGrade.CONFIRMED),
        ("仿制药研发及技术转让", "仿制药", MatchGrade.CONFIRMED),
        # words jieba keeps whole, so the short keyword inside them has no word boundary
        ("塑料模具的生产", "模具", MatchGrade.CONFIRMED),
        ("真空镀膜加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # surface treatments are the process itself, and done to a thing they do not make it
        ("五金件喷塑", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金件电泳加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电泳漆的生产与销售", "电镀/表面处理", None),
        ("电机外壳喷塑加工", "电机外壳", MatchGrade.EXCLUDED),
        ("电机外壳喷粉加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("为面板企业提供玻璃基板减薄、切割加工", "玻璃基板", MatchGrade.EXCLUDED),
        # technology R&D, topics, outsourcing and workshops are services, not making
        ("钠离子电池技术研发与技术咨询", "蓄电池", MatchGrade.EXCLUDED),
        ("表面处理技术研发", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀工艺技术培训、电镀车间环保咨询", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("铸造工艺设计及铸造技术咨询服务", "铸造件", MatchGrade.EXCLUDED),
        ("新药研发外包服务", "创新药", MatchGrade.PENDING),
        ("铸钢件生产批发外销", "铸造件", MatchGrade.CONFIRMED),
        ("电镀五金生产批发外贸", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("改良型新药的开发", "改良型新药", MatchGrade.CONFIRMED),
        ("全钒液流电池电解液的制备", "储能材料", MatchGrade.CONFIRMED),
        # letting a store out is the store service; letting vehicles out is not
        ("冷库租赁；农产品收购", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷链物流车辆租赁", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("蔬菜种植；农产品预冷", "冷链物流仓储", MatchGrade.CONFIRMED),
        # a listed item with a verb of its own keeps it; bare verbs share the item before them
        ("储能电池销售、模具制造", "蓄电池", MatchGrade.EXCLUDED),
        ("储能电池销售、模具制造", "模具", MatchGrade.CONFIRMED),
        ("模具设计、制造、销售", "模具", MatchGrade.CONFIRMED),
        ("鞋带、鞋扣的生产与销售", "鞋带", MatchGrade.CONFIRMED),
        # the head noun before closing verbs
        ("冷链物流信息平台软件开发", "冷链物流仓储", MatchGrade.EXCLUDED),
        # what follows or precedes a product: its form, a part for it, animals
        ("阿莫西林胶囊的生产", "化学药品", MatchGrade.CONFIRMED),
        ("兽用阿莫西林可溶性粉的生产", "化学药品", MatchGrade.EXCLUDED),
        ("青霉素瓶的生产", "化学药品", MatchGrade.EXCLUDED),
        ("轿车轮胎的生产", "乘用车", MatchGrade.EXCLUDED),
        # exclusion words of round 6
        ("兽用化学药品的生产", "化学药品", MatchGrade.EXCLUDED),
        ("皮革涂层剂的生产", "纺织涂料", MatchGrade.EXCLUDED),
        ("电梯制动器的生产", "汽车制动系统", None),
        ("整车运输服务", "整车", MatchGrade.EXCLUDED),
        ("相变储能材料的生产", "储能材料", MatchGrade.EXCLUDED),
        ("医用脱脂棉纱布的生产", "棉纱", None),
        ("玻璃纤维纱线的生产", "纺纱", MatchGrade.EXCLUDED),
        ("冷藏运输车的生产", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("模具标准件的生产", "模具", MatchGrade.EXCLUDED),
        ("文物仿制品销售", "仿制药", None),
        ("注射用水制备", "注射剂", None),
    ],
)
def test_round_six_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 6 (docs/benchmarks.md“第六轮”): runs of one segment's hits, surface treatments, services that are not
    making, storage let out, phrase heads, and the new keywords' exclusion words."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment"),
    [
        ("层压面料的生产", "面料贴膜"),
        ("纺织涂层树脂的生产", "纺织涂料"),
        ("鞋用氯丁胶的生产", "鞋用胶粘剂"),
        ("鞋绳的生产", "鞋带"),
        ("粉针分装机的制造", "医药包装器械"),
        ("球磨机配件的生产", "地质装备零配件"),
        ("耐磨钢球的生产", "矿山机械耐磨件"),
        ("钻杆扶正器的生产", "钻具配件"),
        ("PDC切削齿的生产", "钻头材料与配件"),
        ("电机后盖的生产", "电机外壳"),
        ("凝胶剂的生产", "化学药品"),
        ("非专利药的生产", "仿制药"),
        ("创新化学药的研发与生产", "创新药"),
        ("冷链干线运输", "冷链物流仓储"),
        ("冻品仓储", "冷链物流仓储"),
        ("鞋底研发", "制鞋研发"),
        ("车用柴油发动机的生产", "汽车发动机"),
        ("车身电子稳定系统的生产", "汽车制动系统"),
    ],
)
def test_round_seven_keywords(matcher: SegmentMatcher, scope: str, segment: str) -> None:
    """Round 7 (docs/benchmarks.md“第七轮”): keywords from GB/T 4754-2017 classes, the pharmacopoeia and the
    segments' reasons make these scopes 确认 ties; none of them matched before."""
    assert _grades(matcher, business_scope=scope).get(segment) == MatchGrade.CONFIRMED


@pytest.mark.parametrize(
    ("texts", "segment", "grade"),
    [
        # a product of an earlier stage heading the phrase: the vehicle or battery before it only qualifies it
        ({"business_scope": "乘用车双离合自动变速器总成的制造"}, "整车", MatchGrade.EXCLUDED),
        ({"business_scope": "乘用车双离合自动变速器总成的制造"}, "汽车变速器", MatchGrade.CONFIRMED),
        ({"business_scope": "电动重卡换电电池包制造"}, "商用车", MatchGrade.EXCLUDED),
        ({"business_scope": "电动重卡换电电池包制造"}, "动力电池", MatchGrade.CONFIRMED),
        ({"business_scope": "钠离子电池硬碳负极的生产"}, "蓄电池", MatchGrade.EXCLUDED),
        ({"business_scope": "钠离子电池硬碳负极的生产"}, "锂电负极材料", MatchGrade.CONFIRMED),
        ({"business_scope": "重卡及电池包的制造"}, "商用车", MatchGrade.CONFIRMED),
        ({"business_scope": "动力锂电池电芯制造"}, "动力电池", MatchGrade.CONFIRMED),
        ({"main_products": "首仿注射剂"}, "仿制药", MatchGrade.CONFIRMED),
        # a part heading the phrase is a part for the thing; after a casting keyword it is the casting
        ({"business_scope": "铅酸蓄电池生极板的生产"}, "蓄电池", MatchGrade.EXCLUDED),
        ({"business_scope": "动力电池包下箱体的制造"}, "动力电池", MatchGrade.EXCLUDED),
        ({"business_scope": "灰铸铁制动盘毛坯"}, "汽车制动系统", MatchGrade.EXCLUDED),
        ({"main_products": "冷库聚氨酯夹芯板"}, "冷链物流仓储", MatchGrade.EXCLUDED),
        ({"business_scope": "铝合金压铸电机壳体的生产"}, "铸造件", MatchGrade.CONFIRMED),
        ({"main_products": "潜孔钻头钢体毛坯"}, "钻头材料与配件", MatchGrade.CONFIRMED),
        # a line, a park, a process done to it heading the phrase
        ({"business_scope": "阳极氧化自动线的制造"}, "电镀/表面处理", MatchGrade.EXCLUDED),
        ({"business_scope": "电镀园区废水集中处理设施运营"}, "电镀/表面处理", MatchGrade.EXCLUDED),
        ({"business_scope": "纱线筒子染色加工"}, "纺纱", MatchGrade.EXCLUDED),
        ({"business_scope": "电机外壳粉末喷涂及电泳加工"}, "电机外壳", MatchGrade.EXCLUDED),
        ({"business_scope": "电机外壳粉末喷涂及电泳加工"}, "电镀/表面处理", MatchGrade.CONFIRMED),
        # converting a bought chassis is 3660 改装汽车制造, not vehicle making
        ({"business_scope": "许可项目：道路机动车辆生产（专用作业车改装）"}, "整车", MatchGrade.EXCLUDED),
        ({"business_scope": "许可项目：道路机动车辆生产"}, "整车", MatchGrade.CONFIRMED),
        # X所用Y is made for X
        ({"business_scope": "药品生产（仿制药所用化学原料药）"}, "仿制药", MatchGrade.EXCLUDED),
        ({"business_scope": "药品生产（仿制药所用化学原料药）"}, "化学药品", MatchGrade.CONFIRMED),
    ],
)
def test_round_eight_rules(matcher: SegmentMatcher, texts: dict[str, str], segment: str, grade: MatchGrade) -> None:
    """Round 8 (docs/benchmarks.md“第八轮”): the head of a noun phrase decides what is made — a product of an
    earlier stage, a part, a line, a customer's park or a process done to the thing — and 改装 is not making."""
    assert _grades(matcher, **texts).get(segment) == grade


@pytest.mark.parametrize(
    ("texts", "segment", "grade"),
    [
        # a generic maker makes chemical drugs (seed kind_of): making, not research, and not another firm's making
        ({"business_scope": "国家集采中选仿制药品种的生产"}, "化学药品", MatchGrade.CONFIRMED),
        (
            {"main_products": "首家仿制上市的注射液品种", "business_scope": "许可项目：药品生产"},
            "化学药品",
            MatchGrade.CONFIRMED,
        ),
        ({"business_scope": "仿制药研发及技术转让"}, "化学药品", None),
        ({"business_scope": "首仿药研发与注册；药品委托生产"}, "化学药品", None),
        ({"business_scope": "仿制药品的批发"}, "化学药品", None),
        # registration classes and the chemical innovative drug
        ({"business_scope": "化学药品注册分类第4类药品的研发与生产"}, "仿制药", MatchGrade.CONFIRMED),
        ({"main_products": "阿托伐他汀钙片（过评）"}, "仿制药", MatchGrade.CONFIRMED),
        ({"main_products": "1类化学新药的研发与产业化"}, "创新药", MatchGrade.CONFIRMED),
        ({"main_products": "1类化学新药的研发与产业化"}, "化学药品", MatchGrade.CONFIRMED),
        ({"business_scope": "小分子创新药物研发与生产"}, "化学药品", MatchGrade.CONFIRMED),
        ({"business_scope": "自有新化合物实体的临床开发"}, "创新药", MatchGrade.CONFIRMED),
        ({"business_scope": "原研药专利到期品种的仿制开发"}, "创新药", MatchGrade.EXCLUDED),
    ],
)
def test_round_eight_drugs(
    matcher: SegmentMatcher, texts: dict[str, str], segment: str, grade: MatchGrade | None
) -> None:
    """Round 8: 仿制药 is a kind of 化学药品 (seed `kind_of`, 化学药品注册分类 3、4 类), confirmed where the firm
    makes it; registration classes, 过评 and 化学/小分子 new drugs name the segments (docs/benchmarks.md“第八轮”)."""
    assert _grades(matcher, **texts).get(segment) == grade


@pytest.mark.parametrize(
    ("texts", "grade"),
    [
        # a film, a fabric and a joining process in one clause name 面料贴膜, in any order (template `together`)
        ({"business_scope": "ＴＰＵ透湿膜与涤纶、锦纶面料的热熔复合加工"}, MatchGrade.CONFIRMED),
        ({"business_scope": "沙发布、窗帘布背面复合TPU防水膜加工"}, MatchGrade.CONFIRMED),
        ({"main_products": "医用防护服用微孔膜复合无纺布"}, MatchGrade.CONFIRMED),
        ({"business_scope": "功能性面料的贴膜、复合及后整理"}, MatchGrade.CONFIRMED),
        ({"business_scope": "TPU膜复合面料的销售"}, MatchGrade.EXCLUDED),
        ({"business_scope": "覆膜砂的生产"}, None),
        ({"business_scope": "铝塑复合膜的生产"}, None),
        ({"business_scope": "TPU薄膜的吹塑"}, None),
    ],
)
def test_round_eight_words_together(matcher: SegmentMatcher, texts: dict[str, str], grade: MatchGrade | None) -> None:
    """Round 8: words that name a segment only together, one of each group in a clause, whatever their order."""
    assert _grades(matcher, **texts).get("面料贴膜") == grade


@pytest.mark.parametrize(
    ("texts", "segment", "grade"),
    [
        # a thing and then its part, in that order (template `together` with >), name the part's segment
        ({"main_products": "微电机拉伸机壳、冲压端盖"}, "电机外壳", MatchGrade.CONFIRMED),
        ({"business_scope": "三相异步电动机铸铁机座及端盖的铸造与机加工"}, "电机外壳", MatchGrade.CONFIRMED),
        ({"business_scope": "电机配件（机座、端盖）制造"}, "电机外壳", MatchGrade.CONFIRMED),
        ({"business_scope": "电机、机座、五金交电"}, "电机外壳", MatchGrade.PENDING),
        ({"business_scope": "端盖、电机的生产"}, "电机外壳", None),
        ({"business_scope": "模具制造（电机外壳压铸模具、端盖冲压模具）"}, "电机外壳", MatchGrade.EXCLUDED),
        ({"main_products": "岩心钻机卡盘卡瓦"}, "地质装备零配件", MatchGrade.CONFIRMED),
        ({"business_scope": "选矿厂球磨机橡胶衬板、聚氨酯振动筛板的生产"}, "地质装备零配件", MatchGrade.CONFIRMED),
        ({"main_products": "牙轮钻头轴承、牙掌锻件"}, "钻头材料与配件", MatchGrade.CONFIRMED),
        ({"business_scope": "凿岩钎头用硬质合金片的压制与烧结"}, "钻头材料与配件", MatchGrade.CONFIRMED),
        ({"business_scope": "钻机配件销售"}, "地质装备零配件", MatchGrade.EXCLUDED),
    ],
)
def test_round_eight_parts_of_things(
    matcher: SegmentMatcher, texts: dict[str, str], segment: str, grade: MatchGrade | None
) -> None:
    """Round 8: a part written after the thing it belongs to is the part's segment (电机 > 机壳), read as a keyword
    would be; a part mentioned with nothing more stays 待定, and the order matters."""
    assert _grades(matcher, **texts).get(segment) == grade


@pytest.mark.parametrize(
    ("texts", "segment", "grade"),
    [
        # a verbless item headed by a keyword lists a product where the scope writes its other activities with verbs
        ({"business_scope": "一般项目：记忆棉鞋垫、乳胶鞋垫；日用杂品制造"}, "鞋垫", MatchGrade.CONFIRMED),
        ({"business_scope": "会议及展览服务；A00级电动车用钠离子动力电芯；住宿服务"}, "动力电池", MatchGrade.CONFIRMED),
        ({"business_scope": "鞋带、服装辅料、日用百货"}, "制鞋辅材", MatchGrade.PENDING),
        # (round 40: 整车 beside 零担 is a freight lot, excluded outright)
        ({"business_scope": "一般项目：整车、零担货物运输组织；装卸搬运"}, "整车", MatchGrade.EXCLUDED),
        (
            {"business_scope": "以自有资金从事投资活动（投向创新药、医疗器械项目）；企业管理咨询"},
            "创新药",
            MatchGrade.PENDING,
        ),
        # verbs and notes
        ({"business_scope": "钠离子电池电解液配制；专用化学产品制造"}, "储能材料", MatchGrade.CONFIRMED),
        ({"business_scope": "果蔬保鲜库租赁；农产品销售"}, "冷链物流仓储", MatchGrade.CONFIRMED),
        ({"business_scope": "显示面板用玻璃基板来料研磨、清洗加工"}, "玻璃基板", MatchGrade.EXCLUDED),
        ({"business_scope": "超细钴粉生产（矿用硬质合金粘结相用）"}, "钻头材料与配件", MatchGrade.EXCLUDED),
        ({"business_scope": "编织机、鞋带打头机制造"}, "制鞋辅材", MatchGrade.EXCLUDED),
        ({"business_scope": "注塑模具激光焊补、抛光修复"}, "模具", MatchGrade.EXCLUDED),
        ({"business_scope": "涂层布生产（外购涂层胶）"}, "纺织涂料", MatchGrade.EXCLUDED),
        ({"main_products": "陶瓷配方乘用车制动片"}, "整车", MatchGrade.EXCLUDED),
        ({"main_products": "陶瓷配方乘用车制动片"}, "汽车制动系统", MatchGrade.CONFIRMED),
        # words together, the part heading its phrase
        ({"business_scope": "岩心钻机立轴、卡盘配件生产"}, "地质装备零配件", MatchGrade.CONFIRMED),
        ({"business_scope": "牙轮钻头牙掌锻件、牙轮锻坯生产"}, "钻头材料与配件", MatchGrade.CONFIRMED),
        ({"business_scope": "新能源汽车刀片电池的研发与制造"}, "动力电池", MatchGrade.CONFIRMED),
        ({"main_products": "电动大巴钛酸锂电池系统"}, "动力电池", MatchGrade.CONFIRMED),
        ({"business_scope": "混合动力汽车用镍氢电池组的生产；电池销售"}, "动力电池", MatchGrade.CONFIRMED),
        ({"business_scope": "汽车蓄电池的生产"}, "动力电池", None),
        ({"business_scope": "乘用车铅酸蓄电池组生产"}, "动力电池", None),
        ({"business_scope": "户用储能电池包的生产"}, "动力电池", MatchGrade.EXCLUDED),
        ({"business_scope": "颗粒剂多列背封条形包装机制造"}, "医药包装器械", MatchGrade.CONFIRMED),
        ({"business_scope": "食品包装机制造"}, "医药包装器械", None),
        ({"business_scope": "医药包装机械配件加工"}, "医药包装器械", MatchGrade.EXCLUDED),
        ({"business_scope": "高世代液晶玻璃基片的熔制、成型与切割"}, "玻璃基板", MatchGrade.CONFIRMED),
        ({"business_scope": "液晶显示屏玻璃盖板的生产"}, "玻璃基板", None),
        ({"business_scope": "冷冻食品第三方仓储"}, "冷链物流仓储", MatchGrade.CONFIRMED),
        ({"business_scope": "货物仓储（不含冷链）"}, "冷链物流仓储", None),
        ({"business_scope": "篷布涂层用PVC增塑糊配制"}, "纺织涂料", MatchGrade.CONFIRMED),
        ({"business_scope": "运动鞋款式设计、配色开发"}, "制鞋研发", MatchGrade.CONFIRMED),
        ({"business_scope": "鞋底模具的开发与生产"}, "制鞋研发", None),
        ({"business_scope": "伺服电机前后法兰盖加工"}, "电机外壳", MatchGrade.CONFIRMED),
        # kinds: a chemical new drug made is a 化学药品, a biological or TCM one is not
        ({"business_scope": "靶向抗肿瘤创新药的研发及生产"}, "化学药品", MatchGrade.CONFIRMED),
        ({"business_scope": "创新生物药的研发及生产"}, "化学药品", None),
        ({"business_scope": "中药创新药研发"}, "创新药", MatchGrade.EXCLUDED),
    ],
)
def test_round_nine_rules(
    matcher: SegmentMatcher, texts: dict[str, str], segment: str, grade: MatchGrade | None
) -> None:
    """Round 9: listed products in a scope written with verbs, 配制, letting out a store, work on a customer's
    thing (来料), things bought in (外购) or left out (不含), and `together` words that head their phrase."""
    assert _grades(matcher, **texts).get(segment) == grade


def test_a_kind_made_is_confirmed_with_its_reason(matcher: SegmentMatcher) -> None:
    graded = {m.segment_id: m for m in matcher.graded({"business_scope": "通用名药生产与销售"})}
    tie = graded["segment:化学药品"]
    assert tie.grade == MatchGrade.CONFIRMED and tie.evidence == ["环节“仿制药”：属化学药品，写了生产"]
    assert tie.keywords == graded["segment:仿制药"].keywords


def test_a_clause_read_once_is_graded_for_each_field_and_firm_anew(matcher: SegmentMatcher) -> None:
    """Clauses are cached across firms: the field a clause stands in still decides, and evidence stays per firm."""
    for _ in range(2):
        assert _grades(matcher, business_scope="鞋带、服装辅料、日用百货")["制鞋辅材"] == MatchGrade.PENDING
        assert _grades(matcher, main_products="鞋带、服装辅料、日用百货")["制鞋辅材"] == MatchGrade.CONFIRMED
    first = {m.segment_id: m for m in matcher.graded({"business_scope": "模具设计与制造；电镀设备销售"})}
    again = {m.segment_id: m for m in matcher.graded({"business_scope": "模具设计与制造；电镀设备销售"})}
    assert first == again and first["segment:模具"].evidence == ["经营范围“模具”：生产"]


def test_excluded_matches_explain_themselves_but_are_never_ties(matcher: SegmentMatcher) -> None:
    graded = {m.segment_id: m for m in matcher.graded({"business_scope": "电镀设备销售"})}
    assert graded["segment:电镀/表面处理"].evidence == ["经营范围“电镀”：为它供应设备、材料或部件"]
    assert "segment:电镀/表面处理" not in {m.segment_id for m in matcher.match({"business_scope": "电镀设备销售"})}


def test_main_products_beat_a_long_boilerplate_scope(matcher: SegmentMatcher) -> None:
    boilerplate = "；".join(["日用百货销售", "五金产品批发", "建材销售", "家具销售", "服装销售", "文具用品零售"])
    scope = f"{boilerplate}；塑料制品制造；模具制造；技术服务"
    assert _grades(matcher, business_scope=scope)["模具"] == MatchGrade.CONFIRMED, "没有主营产品时经营范围说了算"
    graded = {m.segment_id: m for m in matcher.graded({"main_products": "塑料收纳箱", "business_scope": scope})}
    assert graded["segment:模具"].grade == MatchGrade.PENDING
    assert "主营产品未提及" in graded["segment:模具"].evidence[-1]
    assert _grades(matcher, main_products="注塑模具", business_scope=scope)["模具"] == MatchGrade.CONFIRMED


def test_main_products_of_a_firm_that_only_sells_them_are_pending(matcher: SegmentMatcher) -> None:
    """A distributor's 主营产品 is what it sells: the scope saying so keeps the tie at 待定."""
    trader = {m.segment_id: m for m in matcher.graded({"main_products": "仿制药", "business_scope": "仿制药品的批发"})}
    assert trader["segment:仿制药"].grade == MatchGrade.PENDING
    assert trader["segment:仿制药"].evidence[-1] == "经营范围只写了销售或服务，没有写生产"
    maker = {"main_products": "仿制药", "business_scope": "仿制药品的生产与批发"}
    assert _grades(matcher, **maker)["仿制药"] == MatchGrade.CONFIRMED
    assert _grades(matcher, main_products="仿制药", business_scope="日用百货批发")["仿制药"] == MatchGrade.CONFIRMED


def test_main_products_stay_confirmed_where_the_scope_makes_their_kind(matcher: SegmentMatcher) -> None:
    """电池制造 in the scope says the firm makes batteries: its 主营产品 铅酸蓄电池 is made, not only rented out."""
    maker = {"main_products": "铅酸蓄电池", "business_scope": "电池制造；蓄电池租赁"}
    assert _grades(matcher, **maker)["蓄电池"] == MatchGrade.CONFIRMED
    renter = {"main_products": "铅酸蓄电池", "business_scope": "五金制造；蓄电池租赁"}
    assert _grades(matcher, **renter)["蓄电池"] == MatchGrade.PENDING


@pytest.mark.parametrize(
    ("scope", "segment"),
    [
        ("磷化工产品的生产与销售", "电镀/表面处理"),
        ("压铸模的设计与制造", "铸造件"),
        ("电瓶车的生产与销售", "蓄电池"),
        ("合金齿轮的加工", "钻头材料与配件"),
        ("聚晶金刚石刀具的生产", "钻头材料与配件"),
        ("切削齿轮的加工", "钻头材料与配件"),
        ("无碱玻璃纤维纱的生产", "玻璃基板"),
    ],
)
def test_plan_segment_exclusion_words_veto_keywords(matcher: SegmentMatcher, scope: str, segment: str) -> None:
    """Plan segments carry exclusion words too (seed/chains `exclude`): 磷化工 is chemistry, not 磷化 of metal."""
    assert _grades(matcher, business_scope=scope).get(segment) in (None, MatchGrade.EXCLUDED)


def test_a_gbt4754_code_is_strong_evidence(matcher: SegmentMatcher) -> None:
    found = {m.segment_id: m for m in matcher.graded({"business_scope": "一般项目：金属制品"}, ["3360"])}
    tie = found["segment:电镀/表面处理"]
    assert tie.grade == MatchGrade.CONFIRMED and tie.evidence == ["国标行业“3360”：小类 3360"]


@pytest.mark.parametrize(
    ("texts", "segment", "grade"),
    [
        # a material wider than the segment needs the segment's use in the clause
        ({"business_scope": "硬质合金棒材、硬质合金制品的生产"}, "钻头材料与配件", None),
        ({"business_scope": "矿用硬质合金钻齿的生产"}, "钻头材料与配件", MatchGrade.CONFIRMED),
        ({"business_scope": "硬质合金凿岩钻头制造"}, "钻头材料与配件", None),
        ({"business_scope": "标准电解液、补充液的生产"}, "储能材料", None),
        ({"business_scope": "锂离子电池电解液的生产"}, "储能材料", MatchGrade.CONFIRMED),
        # materials written for a lead-acid battery are 储能材料 since round 18 (评测集 README 标法第 8 条)
        ({"business_scope": "铅酸蓄电池材料的生产"}, "储能材料", MatchGrade.CONFIRMED),
        ({"business_scope": "五氧化二钒的生产"}, "钒电解液", None),
        ({"business_scope": "生产经营大中型客车"}, "商用车", MatchGrade.CONFIRMED),
        ({"business_scope": "铁路客车配件制造"}, "商用车", MatchGrade.EXCLUDED),
        ({"business_scope": "客车附件加工"}, "商用车", MatchGrade.EXCLUDED),
        ({"business_scope": "工艺铸铁产品生产"}, "铸造件", MatchGrade.EXCLUDED),
        ({"business_scope": "灰铸铁件生产"}, "铸造件", MatchGrade.CONFIRMED),
        # rules
        ({"business_scope": "机电产品（小轿车除外）、专用设备制造"}, "乘用车", MatchGrade.EXCLUDED),
        ({"business_scope": "片剂、硬胶囊剂、注射剂"}, "口服固体制剂", MatchGrade.CONFIRMED),
        ({"business_scope": "化学药制剂、中成药、抗生素"}, "化学药品", MatchGrade.PENDING),
        ({"business_scope": "兽药粉剂、片剂"}, "口服固体制剂", MatchGrade.EXCLUDED),
        ({"business_scope": "精密铸造、五金设计"}, "铸造件", MatchGrade.CONFIRMED),
        ({"business_scope": "冻品冷藏运输、冻品销售"}, "冷链物流仓储", MatchGrade.CONFIRMED),
        ({"business_scope": "电镀、喷涂的销售"}, "电镀/表面处理", MatchGrade.EXCLUDED),
        ({"business_scope": "有色金属合金销售（铝锭、ADC12压铸铝合金锭）"}, "铸造件", MatchGrade.EXCLUDED),
    ],
)
def test_round_ten_rules(
    matcher: SegmentMatcher, texts: dict[str, str], segment: str, grade: MatchGrade | None
) -> None:
    """Round 10, on real registrations: generic materials need the segment's use, 除外 leaves out, a bare list of
    dosage forms is a drug maker's, and a process alone in its listed item does not share another item's selling."""
    assert _grades(matcher, **texts).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # an old scope run together without marks: the verb after the keyword closes its item
        ("铸钢件制造法兰制造机械加工", "铸造件", MatchGrade.CONFIRMED),
        ("汽车变速器装配专用设备的制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("正极材料烧结辊道窑制造", "储能材料", MatchGrade.EXCLUDED),
        # a bare list of one segment's products is the maker's; a list of many lines of goods is a trader's
        ("灰铸铁件、球墨铸铁件、铝合金铸件", "铸造件", MatchGrade.CONFIRMED),
        ("铸铁件、五金交电、化工产品、建材", "铸造件", MatchGrade.PENDING),
        # drugs listed by a trade licence's classes are sold; a bare drug item beside a traded one is made
        ("中成药，化学原料药，化学药制剂，生化药品；医疗器械批发", "化学药品", MatchGrade.PENDING),
        ("化学原料药；医疗器械销售", "化学药品", MatchGrade.CONFIRMED),
        # a new-energy vehicle is a vehicle; a battery or parts after it head the phrase
        ("纯电动汽车、电动三轮车的制造与销售", "整车", MatchGrade.CONFIRMED),
        ("新能源汽车刀片电池的研发与制造", "整车", None),
        ("新能源汽车关键零部件制造", "整车", None),
        # a note opening with 不含 leaves out what it names; a traded good named after a process is no making
        ("汽车（不含九座以下乘用车）、汽车配件的销售；机械制造", "乘用车", MatchGrade.EXCLUDED),
        ("五金制品（不含金属表面处理）的制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("矿山机械及配件、生产工具、五金的销售", "地质装备零配件", MatchGrade.EXCLUDED),
        # vocabulary
        ("矿山设备及备件的制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("钢材预处理加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("涤纶长丝线的生产", "化纤纱线", MatchGrade.CONFIRMED),
        ("镍氢、镍镉电池的制造", "镍氢电池", MatchGrade.CONFIRMED),
        ("生产中西成药", "化学药品", MatchGrade.CONFIRMED),
        ("汽车离合器的制造", "汽车关键零部件", None),
    ],
)
def test_round_eleven_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 11, on real registrations (real1 and real2 tuned on): run-together scopes, one-line product lists, drug
    trade-licence lists, 新能源汽车 as a kind of 整车, notes opening with 不含, and vocabulary from the segments'
    definitions (a clutch is no gearbox)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # verbs listed before their object share it: 生产、销售 counts as making
        ("生产、销售各类冲压模具", "模具", MatchGrade.CONFIRMED),
        ("制造、批发汽车模具及配件", "模具", MatchGrade.CONFIRMED),
        ("批发、零售：冲压模具", "模具", MatchGrade.EXCLUDED),
        # a vehicle qualifying wiring is no vehicle making
        ("加工、销售：客车线束", "整车", None),
        # vocabulary
        ("煤矿机械配件的加工", "地质装备零配件", MatchGrade.CONFIRMED),
        ("煤矿机械、电器设备及配件制造", "地质装备零配件", None),
        ("果蔬、肉类冷藏", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品冷藏柜的生产", "冷链物流仓储", None),
        ("水产品冷冻加工", "冷链物流仓储", None),
        ("提供农产品冷冻服务", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("鞋辅材料的生产", "制鞋辅材", MatchGrade.CONFIRMED),
        ("氢镍电池制造", "镍氢电池", MatchGrade.CONFIRMED),
        ("药品制剂生产", "化学药品", MatchGrade.CONFIRMED),
        ("中药药品制剂的生产", "化学药品", MatchGrade.EXCLUDED),
        ("五金件烘漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("醇酸烘漆的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("金属喷镀加工", "电镀/表面处理", MatchGrade.CONFIRMED),
    ],
)
def test_round_twelve_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 12, on real registrations (real3 tuned on too): verbs listed before their object, a vehicle qualifying
    wiring, and the old registrations' words for mining-machine parts, cold storage, shoe trims, NiMH cells, drug
    preparations and thermal spraying or baking finish."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # goods classes of the wholesale trades make a bare list a trading list
        ("灯具制造；铸钢件、五金交电、日用百货", "铸造件", MatchGrade.PENDING),
        ("灯具制造；铸钢件、阀门铸件", "铸造件", MatchGrade.CONFIRMED),
        # a list shares the verb written at its end, not the one a later list ends with
        ("电瓶、轮胎、汽车用品销售、塑料件的生产", "蓄电池", MatchGrade.EXCLUDED),
        ("电瓶、轮胎、塑料件的生产", "蓄电池", MatchGrade.CONFIRMED),
        # a bracketed note opening with 除 leaves out what it names
        ("机电设备（除小轿车）的生产", "乘用车", MatchGrade.EXCLUDED),
        ("金属表面处理（除锈、喷漆）", "电镀/表面处理", MatchGrade.CONFIRMED),
        # a process done and then sold; a bare dosage form beside services of their own
        ("铸造、销售", "铸造件", MatchGrade.CONFIRMED),
        ("棉纺纱（精梳）、销售", "棉纱", MatchGrade.CONFIRMED),
        ("片剂、医药中间体、国内贸易", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、注射剂的销售", "口服固体制剂", MatchGrade.EXCLUDED),
        # a separator is a part for the battery
        ("铅酸蓄电池AGM隔板的生产", "蓄电池", MatchGrade.EXCLUDED),
        # verbs before a comma share the next clause's object
        ("生产，销售铅酸蓄电池", "蓄电池", MatchGrade.CONFIRMED),
        # an old comma trading list closes with its sale verb
        ("摩托车配件，蓄电池，机油批发、零售；五金加工", "蓄电池", MatchGrade.PENDING),
        ("摩托车配件，蓄电池，塑料件加工；五金批发", "蓄电池", MatchGrade.CONFIRMED),
        # a process closing a list works on every item
        ("毛纱、针织布染色；服装生产", "毛纱", MatchGrade.EXCLUDED),
        # vocabulary
        ("化学镍加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("丙烯酸清烘漆的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("贴膏剂的生产", "化学药品", MatchGrade.CONFIRMED),
        ("酶制剂生产、销售", "化学药品", MatchGrade.EXCLUDED),
        ("水果存储（含冷藏）", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("食品存储（不含冷冻、冷藏）", "冷链物流仓储", None),
    ],
)
def test_round_thirteen_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 13, on real registrations (real4 tuned on too): trading lists by their goods classes, a list's closing
    verb, notes opening with 除, a process done and sold, bare dosage forms, battery separators, verbs before a comma,
    comma trading lists, a closing process, and the words for electroless nickel, stoving paints, plasters, enzymes
    and cold storage."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 自产自销 and 修造 are making in the old registrations' words
        ("铅酸蓄电池自产自销", "蓄电池", MatchGrade.CONFIRMED),
        ("铸件自产自销、废钢回收", "铸造件", MatchGrade.CONFIRMED),
        ("铸件销售", "铸造件", MatchGrade.EXCLUDED),
        ("农机修造；铸件、量具", "铸造件", MatchGrade.CONFIRMED),
        # a scope of bare items naming no class of traded goods is the firm's own (标法第 1 条, from round 21)
        ("量具、铸件", "铸造件", MatchGrade.CONFIRMED),
        ("量具、铸件、五金", "铸造件", MatchGrade.PENDING),
        # R&D offered as a service is not making; nor is the 生产 of what the firm imports for its own production
        ("提供模具设计和研发服务", "模具", MatchGrade.EXCLUDED),
        ("模具研发、制造", "模具", MatchGrade.CONFIRMED),
        ("进口本企业生产、科研所需的模具及零配件", "模具", MatchGrade.PENDING),
        # a licence note in brackets names no activity of a bare dosage-form list
        ("片剂、栓剂（按许可证核定的期限经营）", "口服固体制剂", MatchGrade.CONFIRMED),
        # coating a metal or plastic thing is surface treatment; coating works are construction
        ("钢结构件涂装加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("塑料件加工及涂装", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("承接钢结构的涂装和防腐工程", "电镀/表面处理", MatchGrade.PENDING),
        ("防腐管道、涂装设备制造", "电镀/表面处理", None),
        # battery materials of no stated kind are no 储能材料; special and low-speed vehicles are no 整车
        ("电池材料制造", "储能材料", None),
        ("动力电池材料的研发与生产", "储能材料", MatchGrade.CONFIRMED),
        ("专用汽车制造", "整车", MatchGrade.EXCLUDED),
        ("低速汽车制造", "整车", MatchGrade.EXCLUDED),
        ("汽车制造", "整车", MatchGrade.CONFIRMED),
        # words from the GB/T 4754-2017 classes and their old short forms
        ("铸锻件加工", "铸造件", MatchGrade.CONFIRMED),
        ("密封免维护电池的生产", "蓄电池", MatchGrade.CONFIRMED),
        ("胶囊剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("中西药原料的生产", "化学药品", MatchGrade.CONFIRMED),
        ("棉纺、织布", "纺纱", MatchGrade.CONFIRMED),
        ("毛纺制品批发", "纺纱", MatchGrade.EXCLUDED),
        ("金属件发蓝处理", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金件烤漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("汽车钣金烤漆", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("氨基烤漆、硝基漆生产", "电镀/表面处理", MatchGrade.EXCLUDED),
    ],
)
def test_round_fourteen_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 14, causes that recur across the five real sets' first-sight errors (docs/benchmarks.md “第十四轮”):
    old making verbs, R&D services and the import right's 生产, licence notes, coating a thing, battery materials
    of no kind, special vehicles, and words from the GB/T 4754-2017 classes (铸锻件, 免维护电池, 胶囊剂, 中西药,
    棉纺, 发蓝, 烤漆)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # the old registrations' 研究、开发 of a product is research, unless making is named too or R&D is the
        # segment's work
        ("模具的研究、开发", "模具", MatchGrade.EXCLUDED),
        ("锂电池的研究开发及技术转让", "锂电池", MatchGrade.EXCLUDED),
        ("模具的研究开发与生产", "模具", MatchGrade.CONFIRMED),
        ("心血管疾病新药的研究、开发", "创新药", MatchGrade.CONFIRMED),
        # X工业的 names the industry served, as X行业; 工业配件 is goods
        ("铸造工业的环保设备制造", "铸造件", MatchGrade.EXCLUDED),
        ("铸件、橡胶工业配件的制造", "铸造件", MatchGrade.CONFIRMED),
        # 总成 is the thing assembled whole, listed as the product itself
        ("蓄电池总成，极板生产", "蓄电池", MatchGrade.CONFIRMED),
        ("蓄电池总成销售", "蓄电池", MatchGrade.EXCLUDED),
        # 防抱死 is the anti-lock brake system, however the brake is worded
        ("机动车防抱死刹车装置制造", "汽车制动系统", MatchGrade.CONFIRMED),
    ],
)
def test_round_fifteen_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 15 (docs/benchmarks.md “第十五轮”): research-only products, the industry served, assemblies listed
    whole, and the anti-lock brake."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("texts", "segment", "grade"),
    [
        # a bare 制动器 is a vehicle brake only after a vehicle word in its clause; with motors or cranes it is
        # an industrial brake
        ({"business_scope": "电机、制动器、减速机的制造"}, "汽车制动系统", None),
        ({"business_scope": "起重机配件、制动器制造"}, "汽车制动系统", None),
        ({"business_scope": "货车配件、制动器的生产"}, "汽车制动系统", MatchGrade.CONFIRMED),
        ({"business_scope": "盘式制动器总成的生产"}, "汽车制动系统", MatchGrade.CONFIRMED),
        # verbs of selling and a colon head an old comma trading list
        ({"business_scope": "服务：机械维修；批发、零售：五金，模具，电线"}, "模具", MatchGrade.PENDING),
        ({"business_scope": "服务：机械维修；轴承，模具，电线"}, "模具", MatchGrade.CONFIRMED),
        # … but not one holding a class of traded goods (单写“五金”: 评测集 README 标法第 1 条, round 18)
        ({"business_scope": "服务：机械维修；五金，模具，电线"}, "模具", MatchGrade.PENDING),
        # a dosage-form list naming 兽药 or the veterinary-only 预混剂 is a veterinary licence's
        ({"business_scope": "兽药：口服溶液剂、注射剂生产"}, "化学药品", MatchGrade.EXCLUDED),
        ({"business_scope": "片剂、口服溶液剂、预混剂"}, "化学药品", MatchGrade.EXCLUDED),
        ({"business_scope": "片剂、口服溶液剂；预混剂"}, "化学药品", MatchGrade.CONFIRMED),
        # 药品生产 names no kind: chemical drugs unless the firm's texts name another kind
        ({"business_scope": "药品生产、销售"}, "化学药品", MatchGrade.CONFIRMED),
        ({"main_products": "中成药", "business_scope": "许可项目：药品生产"}, "化学药品", MatchGrade.PENDING),
        ({"business_scope": "许可项目：药品生产；一般项目：生物制品研发"}, "化学药品", MatchGrade.PENDING),
        # a full stop between Chinese characters separates items
        ({"business_scope": "铸造加工．五金加工"}, "铸造件", MatchGrade.CONFIRMED),
        # a process word naming materials is a traded good, and 房地产开发 makes nothing
        ({"business_scope": "铸造材料、铸件批发兼零售"}, "铸造件", MatchGrade.EXCLUDED),
        ({"business_scope": "房地产开发、五金、模具"}, "模具", MatchGrade.PENDING),
        # 包覆丝 is 包覆纱 written as a filament
        ({"business_scope": "氨纶包覆丝的生产"}, "化纤纱线", MatchGrade.CONFIRMED),
    ],
)
def test_round_sixteen_rules(
    matcher: SegmentMatcher, texts: dict[str, str], segment: str, grade: MatchGrade | None
) -> None:
    """Round 16 (docs/benchmarks.md “第十六轮”): industrial brakes, trading lists headed by their verbs, veterinary
    dosage forms, drugs of no stated kind, items separated by full stops, process-named materials, land development
    and covered yarn."""
    assert _grades(matcher, **texts).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 溶液剂 is a pharmacopoeia dosage form, as 口服溶液剂
        ("溶液剂(外用)、软膏剂", "化学药品", MatchGrade.CONFIRMED),
        ("消毒溶液剂销售", "化学药品", MatchGrade.EXCLUDED),
        # 弹力丝 is 加弹丝 by its common name
        ("生产锦纶弹力丝", "化纤纱线", MatchGrade.CONFIRMED),
        # 隔离板 is a separator, as 隔板: a part for the battery
        ("铅酸蓄电池隔离板生产", "蓄电池", MatchGrade.EXCLUDED),
        # dosage forms written onto 保健食品 are the health food's forms
        ("生产硬胶囊剂、片剂保健食品", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂类保健食品生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("硬胶囊剂、片剂、保健食品的生产", "口服固体制剂", MatchGrade.CONFIRMED),
        # a part written onto another noun, after the thing's item closed with its verb, is that noun's
        ("矿山机械制造、电机配件加工", "地质装备零配件", None),
        ("矿山机械、电机配件的加工", "地质装备零配件", MatchGrade.CONFIRMED),
        # a bare 配件 as an item of its own is a generic name (标法第 3、7 条, 2026-12-04 决定 D3; round 31)
        ("矿山机械制造、配件加工", "地质装备零配件", None),
    ],
)
def test_round_seventeen_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 17 (docs/benchmarks.md “第十七轮”): the dosage form 溶液剂, 弹力丝, battery separators, health foods'
    dosage forms, and parts of another noun after a closed item."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # rule 4: a dosage-form list beside a TCM mark among the firm's own products is a TCM maker's
        ("片剂、硬胶囊剂、颗粒剂、丸剂(水蜜丸)生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("生产片剂、胶囊剂（含中药前处理及提取）", "口服固体制剂", MatchGrade.EXCLUDED),
        ("小容量注射剂、糖浆剂、煎膏剂", "注射剂", MatchGrade.EXCLUDED),
        ("药品制造；天然药物加工及销售", "化学药品", MatchGrade.EXCLUDED),
        # … but not a mark the firm only buys in or sells, nor 滴丸, nor a TCM firm's Shenwan industry
        ("片剂、颗粒剂生产；中药材收购", "口服固体制剂", MatchGrade.CONFIRMED),
        ("中西药原料采购；栓剂、片剂、丸剂", "化学药品", MatchGrade.EXCLUDED),
        ("片剂、滴丸剂、胶囊剂的生产", "口服固体制剂", MatchGrade.CONFIRMED),
        # chemical drugs stated or named outweigh the marks; a named biochemical drug does not
        ("片剂(含青霉素类)、合剂、煎膏剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("原料药(氟尿嘧啶)、片剂、中药饮片的生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("原料药(胰激肽原酶)、片剂的生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("颗粒剂生产；普通货运", "口服固体制剂", MatchGrade.CONFIRMED),
        # rule 8: materials written for a lead-acid or lithium battery are 储能材料, the battery is not made
        ("蓄电池玻纤隔板生产", "储能材料", MatchGrade.CONFIRMED),
        ("蓄电池玻纤隔板生产", "蓄电池", MatchGrade.EXCLUDED),
        ("蓄电池的辅助材料生产", "储能材料", MatchGrade.CONFIRMED),
        ("蓄电池的辅助材料生产", "蓄电池", MatchGrade.EXCLUDED),
        ("铅酸蓄电池、电池极板、电解液的生产", "储能材料", MatchGrade.CONFIRMED),
        ("电池隔膜、无纺布的制造；锂电池组装", "储能材料", MatchGrade.CONFIRMED),
        # … a separator of no stated use, plates and containers, a 隔膜泵 are not
        ("电池隔膜、无纺布的制造", "储能材料", None),
        ("蓄电池极板、电池槽生产", "储能材料", None),
        ("蓄电池制造；隔膜泵生产", "储能材料", None),
        # 锂离子蓄电池 is a lithium battery; 蓄电蓄能器 is a storage battery
        ("锂离子蓄电池的制造", "蓄电池", MatchGrade.EXCLUDED),
        ("蓄电蓄能器制造", "蓄电池", MatchGrade.CONFIRMED),
        # a battery left out in a note nested in a negating note
        ("电池制造(不含镉镍电池、汞电池(锌汞电池)、开口式铅酸电池)", "蓄电池", MatchGrade.EXCLUDED),
        # rule 1: a bare comma list holding a class of traded goods is a trading list …
        ("蓄电池，塑料配件，电器，汽车配件，五金加工", "蓄电池", MatchGrade.PENDING),
        # … unless it closes with, or opens with, a verb of making
        ("模具，五金，塑料制品制造加工", "模具", MatchGrade.CONFIRMED),
        ("制造:纺织机械，冷冲模具，汽车配件", "模具", MatchGrade.CONFIRMED),
    ],
)
def test_round_eighteen_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 18 (docs/benchmarks.md “第十八轮”): the written labelling rules (评测集 README 标法第 1、4、8 条) —
    dosage forms beside traditional or biochemical drugs, battery materials, lithium batteries, trading lists."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: an old licence's section name is a label, so the list after it is a bare list …
        ("许可经营项目:眼膏剂、膜剂、软膏剂、溶液剂", "化学药品", MatchGrade.CONFIRMED),
        ("一般经营项目:模具、五金", "模具", MatchGrade.PENDING),
        # … and a note in brackets among listed verbs leaves them one list over the object after them
        ("生产、加工（含来料加工）、销售模具", "模具", MatchGrade.CONFIRMED),
        ("销售（不含生产）、维修模具", "模具", MatchGrade.EXCLUDED),
        # 标法第 4 条 (a): 药品的生产/制造 is 药品生产, so 待定 beside another kind of drug
        ("药品的制造（按许可证所列项目经营）；化工产品及原料", "化学药品", MatchGrade.CONFIRMED),
        ("药品的生产；中药饮片加工", "化学药品", MatchGrade.PENDING),
        # 标法第 12 条: 冷藏 then 运输/货运/服务 in a clause, and meat, poultry or eggs then a closing 冷藏
        ("冷藏保温货物运输、普通货运", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷冻、冷藏、工业制冰及相关服务", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷冻、冷藏技术咨询服务", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷藏车销售、货运代理", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("牛羊肉、卤羔羊、白条鸡冷藏", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("肉类冷藏车的销售", "冷链物流仓储", None),
        # 标法第 7 条: brake lines are named parts of the brake system, written for vehicles
        ("设计、生产、加工（含来料和进口材料）、销售汽车燃油及制动管路系统", "汽车制动系统", MatchGrade.CONFIRMED),
        ("汽车制动软管总成生产", "汽车制动系统", MatchGrade.CONFIRMED),
        ("制动管路系统的生产", "汽车制动系统", None),
    ],
)
def test_round_nineteen_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 19 (docs/benchmarks.md “第十九轮”): the written labelling rules (评测集 README 标法第 1、4、7、12 条) —
    licence section names, notes among verbs, 药品的生产, cold storage and transport, brake lines."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: a process keyword, then 及/与/和 销售 (and a note), is done and its output sold …
        ("药品的生产及销售（凭许可证经营，具体项目以审批部门批准的为准）", "化学药品", MatchGrade.CONFIRMED),
        ("药品生产与销售", "化学药品", MatchGrade.CONFIRMED),
        # … but a bare verb from a together entry names nothing: software is developed and sold
        ("鞋类设计软件的开发与销售", "制鞋研发", MatchGrade.EXCLUDED),
        # 标法第 4 条 (c): an API of no stated kind outweighs TCM marks; a named API in a bare list is made …
        ("生产：片剂、硬胶囊剂、颗粒剂、丸剂（水丸、水蜜丸、浓缩丸）、原料药，膏药", "化学药品", MatchGrade.CONFIRMED),
        ("原料药(硫普罗宁、硫普罗宁钠、双氯芬酸钠)", "化学药品", MatchGrade.CONFIRMED),
        # … unless the note names a biochemical drug (第 4 条 (d)) or the API is a TCM one
        ("原料药（乳酸菌素），片剂，胶囊的生产及销售", "化学药品", MatchGrade.EXCLUDED),
        ("中药原料药、片剂、丸剂（蜜丸）生产", "化学药品", MatchGrade.EXCLUDED),
        # 标法第 9 条 (d): making plated goods is plating; equipment, sale or cutting bought-in goods is not
        ("生产、销售镀膜玻璃、钢化玻璃", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("镀件、机械零部件的制造、加工、销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("制造、销售镀锌钢衬、镀锌钢管", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("镀膜设备制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("镀锌板销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("裁切加工电镀锌板", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 9 条 (a): coating parts in the works (零组件, 电着涂装 = 电泳涂装)
        ("零组件及电着涂装加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 10 条: 模具机械 is moulds and machinery, 模具机械设备 machinery for moulds
        ("各种模具机械加工、播种器", "模具", MatchGrade.CONFIRMED),
        ("拉链、模具机械、纽扣制造、加工", "模具", MatchGrade.CONFIRMED),
        ("模具机械设备制造", "模具", MatchGrade.EXCLUDED),
        # 标法第 7 条: named engine parts with a vehicle in the clause, in either order; not without one
        ("曲轴、汽车配件开发、生产、销售", "汽车发动机", MatchGrade.CONFIRMED),
        ("汽车油泵、化油器、机油泵、汽车水泵制造、销售", "汽车发动机", MatchGrade.CONFIRMED),
        ("农机配件、曲轴、化油器生产", "汽车发动机", None),
        ("汽车配件销售；曲轴生产", "汽车发动机", None),
        # 标法第 6 条: 客货汽车 are buses and lorries; parts for them are not
        ("客货汽车、汽车发动机的生产和销售", "整车", MatchGrade.CONFIRMED),
        ("客货汽车专用件的制造", "整车", MatchGrade.EXCLUDED),
        # 标法第 11 条: 鞋帽辅料 is the trade's word for shoe accessories; 针织纱 a named yarn
        ("生产：布鞋、工艺鞋及鞋帽辅料", "制鞋辅材", MatchGrade.CONFIRMED),
        ("鞋帽辅料销售", "制鞋辅材", MatchGrade.EXCLUDED),
        ("羊毛、毛条、针织纱、化纤制造、加工", "纺纱", MatchGrade.CONFIRMED),
    ],
)
def test_round_twenty_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 20 (docs/benchmarks.md “第二十轮”): the written labelling rules (评测集 README 标法第 1、4、6、7、9、10、11
    条) — a process then 及销售, APIs of no stated kind or named in a note, plated goods, 模具机械, engine parts beside
    a vehicle, 客货汽车, 鞋帽辅料, 针织纱."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: a scope of bare items is the firm's own products, unless an item is a class of traded goods
        # (电器产品 is 电器), or a list closing with 及配件 lists 汽车配件
        ("模具、设备、日用塑料制品", "模具", MatchGrade.CONFIRMED),
        ("吹塑机、模具、塑料制品", "模具", MatchGrade.CONFIRMED),
        ("机械设备、模具、电子产品、电器产品", "模具", MatchGrade.PENDING),
        ("模具、五金、塑料制品", "模具", MatchGrade.PENDING),
        ("轿车和上海产系列汽车及配件、国内产各种汽车", "乘用车", MatchGrade.PENDING),
        # 标法第 4 条 (b)、(c): marks count in the firm's own items only — 西药 researched and passed on is none
        (
            "生产、销售片剂、胶囊剂、合剂、胶剂；中药、西药生产技术的研发、咨询、转让、服务",
            "口服固体制剂",
            MatchGrade.EXCLUDED,
        ),
        ("生产、销售片剂、胶囊剂；西药生产技术的研发、咨询、转让、服务", "化学药品", MatchGrade.EXCLUDED),
        ("生产、销售片剂、胶囊剂；西药生产技术的研发、咨询、转让、服务", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 4 条 (d): dosage forms beside the firm's own veterinary drugs are veterinary
        ("兽药原料及制剂的生产、销售；片剂、硬胶囊剂、颗粒剂的生产销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂、硬胶囊剂、颗粒剂的生产销售", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 5 条: a product's 的开发 beside technical services is research; a new drug's is the firm's own
        ("微电子用玻璃基板的开发；提供相关的技术咨询、技术服务、技术转让", "玻璃基板", MatchGrade.EXCLUDED),
        ("低辐射镀膜建筑玻璃的开发；提供相关的技术咨询、技术服务", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("玻璃基板的开发、生产", "玻璃基板", MatchGrade.CONFIRMED),
        ("改良型新药（缓释、透皮新剂型）的开发", "改良型新药", MatchGrade.CONFIRMED),
        # 标法第 6、7 条: a vehicle in a note inside a part's name qualifies the part; a chassis is none of the four
        ("摩托车、汽车（轿车）减震器、汽车转向器等产品设计、制造", "乘用车", MatchGrade.EXCLUDED),
        ("摩托车、汽车（轿车）减震器、汽车转向器等产品设计、制造", "汽车转向系统", MatchGrade.CONFIRMED),
        ("汽车（轿车）制造", "乘用车", MatchGrade.CONFIRMED),
        ("汽车、汽车底盘及配件制造、销售", "汽车关键零部件", None),
        # 标法第 9 条 (b): a process done only on the firm's own goods
        ("电镀本公司生产的婚用饰品", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("五金件电镀加工", "电镀/表面处理", MatchGrade.CONFIRMED),
    ],
)
def test_round_twenty_one_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 21 (docs/benchmarks.md “第二十一轮”): the written labelling rules (评测集 README 标法第 1、4、5、6、7、9
    条) — bare lists, marks in research items, veterinary dosage forms, 的开发, notes inside a part's name, chassis,
    plating one's own goods."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 7 条: a petroleum drill pipe's joint is a 石油钻采 part, not one of a geological drill
        ("石油钻杆、石油钻杆接头制造、自销", "钻具配件", MatchGrade.EXCLUDED),
        ("石油钻具接头的生产", "钻具配件", MatchGrade.EXCLUDED),
        ("钻杆接头、扩孔器制造", "钻具配件", MatchGrade.CONFIRMED),
        # 标法第 11 条: 鞋料复合 (and 鞋材复合, its other name) is fabric lamination; bare 鞋材 is not
        ("制造、加工鞋材复合、鞋垫成型", "面料贴膜", MatchGrade.CONFIRMED),
        ("鞋料复合加工", "面料贴膜", MatchGrade.CONFIRMED),
        ("鞋材复合材料销售", "面料贴膜", MatchGrade.EXCLUDED),
        ("鞋材、鞋底的生产", "面料贴膜", None),
    ],
)
def test_round_twenty_two_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 22 (docs/benchmarks.md “第二十二轮”): the written labelling rules (评测集 README 标法第 7、11 条) —
    petroleum drill-pipe joints, 鞋料复合."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 11 条: a bare 纱 in a list (纱、, 纱的生产) is yarn; 纱 beside 毡 or after 玻璃纤维 is glass-fibre yarn
        ("纱、布、服装的制造销售", "纺纱", MatchGrade.CONFIRMED),
        ("生产各类化纤混纺色纱", "纺纱", MatchGrade.CONFIRMED),
        ("纱、线销售", "纺纱", MatchGrade.EXCLUDED),
        ("玻璃纤维毡、纱、布的生产", "纺纱", MatchGrade.EXCLUDED),
        ("玻璃纤维纱、布、带制造", "纺纱", MatchGrade.EXCLUDED),
        ("纺织品、纱和农副产品购销", "纺纱", MatchGrade.EXCLUDED),  # 单字纱 and 购销 as selling since round 24
        ("纱布、口罩生产", "纺纱", None),
        ("婚纱、礼服制作", "纺纱", None),
        # 标法第 7 条 (with 第 1、2 条): coal-mine machinery parts, also as 煤矿配件, 综机配件, 煤矿机械及配件
        ("煤矿配件加工销售", "地质装备零配件", MatchGrade.CONFIRMED),
        ("煤矿综机配件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("煤矿机械及配件的生产", "地质装备零配件", MatchGrade.CONFIRMED),
        ("煤矿配件销售", "地质装备零配件", MatchGrade.EXCLUDED),
        # 标法第 5 条: shoe design as an item of its own, verb first
        ("加工鞋；设计鞋；销售鞋", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋的设计与开发", "制鞋研发", MatchGrade.CONFIRMED),
        ("销售鞋、设计服装", "制鞋研发", None),
        # 标法第 11 条: a coating material named for fabric
        ("织物涂层新材料的研发、生产", "纺织涂料", MatchGrade.CONFIRMED),
        ("涂层布、防水材料的生产", "纺织涂料", None),
        # 标法第 7 条: brake parts written as a car's
        ("汽车制动件加工", "汽车制动系统", MatchGrade.CONFIRMED),
        ("组装汽车刹车泵", "汽车制动系统", MatchGrade.CONFIRMED),
        ("汽车刹车泵销售", "汽车制动系统", MatchGrade.EXCLUDED),
        ("液压制动泵制造", "汽车制动系统", None),
        # 标法第 12 条: the road-transport licence class for refrigerated transport; the equipment alone is sold
        ("货物专用运输（冷藏保鲜设备）", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷藏保鲜设备销售", "冷链物流仓储", MatchGrade.EXCLUDED),
    ],
)
def test_round_twenty_three_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 23 (docs/benchmarks.md “第二十三轮”): vocabulary of thin gap segments read from unlabelled real scopes
    by the written labelling rules (评测集 README 标法第 5、7、11、12 条) — bare 纱, coal-mine parts, 设计鞋, fabric
    coating materials, car brake pumps, refrigerated transport."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: 购销 is buying and selling, so a bare 纱 only traded is no tie; 纱 made is
        ("纺织品、政策允许的纱和农副产品购销", "纺纱", MatchGrade.EXCLUDED),
        ("模具购销", "模具", MatchGrade.EXCLUDED),
        ("模具生产、购销", "模具", MatchGrade.CONFIRMED),
        ("生产色纱、非染色纱、染色印花布", "纺纱", MatchGrade.CONFIRMED),
        ("纱布、口罩生产", "纺纱", None),
        ("窗纱、纱窗生产", "纺纱", None),
        ("婚纱、礼服制作", "纺纱", None),
        # 标法第 11 条: 纺织品、布类 compounded are fabric lamination; a composite material sold is not
        ("针纺织品复合；金属材料加工、销售；化工原料", "面料贴膜", MatchGrade.CONFIRMED),
        ("布类复合加工", "面料贴膜", MatchGrade.CONFIRMED),
        ("针纺织品复合材料销售", "面料贴膜", MatchGrade.EXCLUDED),
        # 标法第 11 条: 印花涂料 is written for printing; 印花浆料 is no 涂料
        ("氨基固色剂、柔软剂、印花涂料色浆制造", "纺织涂料", MatchGrade.CONFIRMED),
        ("印花涂料销售", "纺织涂料", MatchGrade.EXCLUDED),
        ("水性印花浆料生产", "纺织涂料", None),
        # 标法第 9 条 (a): 涂塑, 烧漆 as items of their own; 涂塑 on paper or fabric is no metal surface treatment
        ("涂塑，烧漆，五金加工，家具销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("生产涂塑复合纸，销售公司自产产品", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("涂塑纸、玻璃卡纸加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("涂塑设备销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 2 条: castings galvanised are worked on, not cast
        ("铁铸件热镀锌加工，道路普通货物运输", "铸造件", MatchGrade.EXCLUDED),
        ("铁铸件热镀锌加工，道路普通货物运输", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 1 条 with 第 9 条 (a): 铸造销售 closing a list casts and sells; 冷库销售 sells cold stores
        ("路政盖板、阀门、高低压管件、机械设备零配件、铸造销售及相关进出口业务", "铸造件", MatchGrade.CONFIRMED),
        ("冷库销售", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("铸造材料销售", "铸造件", MatchGrade.EXCLUDED),
        ("鞋类设计软件的开发与销售", "制鞋研发", MatchGrade.EXCLUDED),
        # 标法第 7 条: a car's 制动毂 (制动鼓); written alone it is not a car's
        ("汽车制动毂、各种铸件、机械加工、销售", "汽车制动系统", MatchGrade.CONFIRMED),
        ("制动毂加工", "汽车制动系统", None),
        # 标法第 8 条: 镍-氢电池 is 镍氢电池; its 原辅材料 beside it are a battery's materials
        ("生产和销售高能镍－氢电池和锂离子电池及相关的原辅材料", "镍氢电池", MatchGrade.CONFIRMED),
        ("生产和销售高能镍－氢电池和锂离子电池及相关的原辅材料", "储能材料", MatchGrade.CONFIRMED),
        ("原辅材料销售", "储能材料", None),
        # 标法第 5 条: 制鞋设计, also as 鞋制作设计
        ("鞋制作设计，研究、开发。鞋类批发、零售", "制鞋研发", MatchGrade.CONFIRMED),
        ("制鞋设计培训", "制鞋研发", MatchGrade.EXCLUDED),
        # 标法第 12 条: 代储 with 冷藏 is cold storage; 冷藏 heading a colon's goods; building cold stores is not
        ("代储、加工、销售、冷藏、搬运装卸", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("代储、代销", "冷链物流仓储", None),
        ("冷藏、销售：水果及水产品；购销：钢材、建材", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("收购、冷冻、冷藏、销售：鲜海产品", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("不含冷藏：药品", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷藏、冷冻设备销售", "冷链物流仓储", None),
        ("冷库、空调、制冷设备的制造；五金加工", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("各系列冷库、轻钢结构房屋的制造、安装、销售", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷库出租、水产品加工", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品加工、冷库", "冷链物流仓储", MatchGrade.CONFIRMED),
        # 标法第 1 条: a bare item sold across commas stays traded where another clause only recycles the thing
        ("蓄电池及专用设备，五金机械的销售，旧蓄电池修理回收，自有厂房租赁", "蓄电池", MatchGrade.PENDING),
        # 标法第 4 条 (b), (d): a trade licence's note closes its list; 胃膜素 is a biochemical drug
        (
            "化学药制剂、中成药、抗生素、生化药品、中药饮片、中药材、生物制品、(药品经营许可证有效期至2020年03月20日)中药饮片生产",
            "化学药品",
            MatchGrade.PENDING,
        ),
        ("片剂、硬胶囊剂、原料药（胰酶、胃膜素）；中药饮片、中药前处理、提取", "化学药品", MatchGrade.EXCLUDED),
        ("片剂、原料药（盐酸小檗碱）；中药饮片生产", "化学药品", MatchGrade.CONFIRMED),
    ],
)
def test_round_twenty_four_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 24 (docs/benchmarks.md “第二十四轮”): general readings from the written labelling rules (评测集 README
    标法第 1、2、4、5、7、8、9、11、12 条) after real14 became a tuning part — 购销 as trading and a bare 纱, fabric
    lamination and printing paint, 涂塑 and 烧漆, galvanised castings, 铸造销售, 制动毂, 镍-氢电池 and its 原辅材料,
    制鞋设计, cold storage (代储, a heading before a colon) and cold stores built, a trade licence's note, 胃膜素."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 10 条: moulds named by their use or cavity and ending in 模 are moulds; sold only they are not made
        ("硬质合金刀片,拨丝模,铣刀盘,工具修理,耐磨合金焊条", "模具", MatchGrade.CONFIRMED),
        ("拔丝模生产、销售", "模具", MatchGrade.CONFIRMED),
        ("生产经营各类精密型腔模、金刚石锯片、电动工具", "模具", MatchGrade.CONFIRMED),
        ("精冲模制造", "模具", MatchGrade.CONFIRMED),
        ("拔丝模销售", "模具", MatchGrade.EXCLUDED),
        # 标法第 9 条 (a) with 第 1 条: 铸锻 (casting and forging) closed by the clause's verb; its technical services
        # are not (第 5 条)
        ("钢、铁、铜铸锻，普通机械、模具制造、加工。", "铸造件", MatchGrade.CONFIRMED),
        ("通用零部件铸锻；机械加工", "铸造件", MatchGrade.CONFIRMED),
        ("铸锻技术开发；铸造材料、铸锻件及其设备、模具批发兼零售。", "铸造件", MatchGrade.EXCLUDED),
        ("铸锻工艺咨询", "铸造件", MatchGrade.EXCLUDED),
        # 标法第 8 条: 铅晶电池 is a kind of lead-acid battery; sold only it is not made
        ("各类铅晶电池生产，销售本公司生产产品；货物的进出口业务。", "铅炭电池", MatchGrade.CONFIRMED),
        ("铅晶电池销售", "铅炭电池", MatchGrade.EXCLUDED),
        # 标法第 11 条: 复合 before a fabric or a shoe material is fabric lamination; shoe materials alone are not
        ("针纺织品制造、加工、销售，多层多纤复合织物加工", "面料贴膜", MatchGrade.CONFIRMED),
        ("生产销售：复合鞋用材料、针织服装、针织品", "面料贴膜", MatchGrade.CONFIRMED),
        ("复合织物销售", "面料贴膜", MatchGrade.EXCLUDED),
        ("生产销售：鞋用材料、针织服装", "面料贴膜", None),
        # 标法第 11 条: 捻线, 股线 and 合股线 are yarn products; the twisting machine and a trade are not spinning
        ("捻线生产.棉纱购销※", "纺纱", MatchGrade.CONFIRMED),
        ("生产、销售：棉纱、化纤纱、针织汗布、合股线。", "纺纱", MatchGrade.CONFIRMED),
        ("五金、捻线、服装的销售，纸箱的加工", "纺纱", MatchGrade.EXCLUDED),
        ("捻线机制造", "纺纱", MatchGrade.EXCLUDED),
        # 标法第 3、4 条: 菌制剂 (antibacterial hygiene products, microbial agents) are no drug preparations
        ("抗（抑）菌制剂生产、销售；卫生用品、文具用品销售", "化学药品", MatchGrade.EXCLUDED),
        ("微生物菌制剂生产", "化学药品", MatchGrade.EXCLUDED),
        ("片剂、硬胶囊剂、颗粒剂生产；卫生用品【抑菌制剂（液体）】生产", "口服固体制剂", MatchGrade.CONFIRMED),
    ],
)
def test_round_twenty_five_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 25 (docs/benchmarks.md “第二十五轮”): general readings from the written labelling rules (评测集 README
    标法第 3、4、5、8、9、10、11 条) after real15 and real16 became tuning parts — moulds named by use or cavity
    (拔丝模, 型腔模, 精冲模), 铸锻 and its technical services, 铅晶电池, 复合 before a fabric or shoe material, 捻线 and
    股线 as yarns, 菌制剂 as no drug preparation."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条 (a): 锻铸 (also 锻铸造) is casting written as an item; its technical consulting is not
        ("木器家具、机械锻铸（对外加工），砂轮、建筑安装，技术咨询", "铸造件", MatchGrade.CONFIRMED),
        ("合金球、合金锻铸造、销售，工矿配件生产、销售，水泥销售", "铸造件", MatchGrade.CONFIRMED),
        ("冶金锻铸技术咨询服务", "铸造件", MatchGrade.EXCLUDED),
        ("铸球制造；家用电器零售", "铸造件", MatchGrade.CONFIRMED),
        ("铸铝制品生产与销售；机械产品制造加工。", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 3 条: 工艺 before 铸铁 reaches the cast aluminium and copper products after it (r1x233)
        ("生产工艺铸铁产品、铸铝产品和铸铜产品和食品机械加工、制造。", "铸造件", MatchGrade.EXCLUDED),
        # 标法第 10 条: moulds named by use; the machine is no mould
        ("生产加工五金刀模、五金配件、机械设备及配件", "模具", MatchGrade.CONFIRMED),
        ("滚丝机、滚丝模、紧固件的制造、加工", "模具", MatchGrade.CONFIRMED),
        ("电子产品、塑料制品、工模夹具的加工、制造、销售", "模具", MatchGrade.CONFIRMED),
        ("刀模机销售", "模具", MatchGrade.EXCLUDED),
        # 标法第 9 条 (a): surface heat treatment is surface treatment; whole-part heat treatment is not
        ("金属表面热处理，光整处理", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金冲件加工；镀饰加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("模具、塑料制品制造，模具热处理、氮化加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("金属热处理加工", "电镀/表面处理", None),
        # 标法第 12 条: cold storage written 冷储, 冷贮, 低温冷藏, and 冷链货运 as cold-chain transport
        ("航道疏浚；产销冰块；冷贮；物业服务", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("仓储；装卸；低温冷藏；保鲜服务", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("普通货运；冷链货运", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("医用冷疗低温冷藏设备及器具销售", "冷链物流仓储", MatchGrade.EXCLUDED),
        # 标法第 5 条: 鞋设计 and 制鞋技术 services as items of their own; training is not
        ("时装设计服务;展台设计服务;鞋设计", "制鞋研发", MatchGrade.CONFIRMED),
        ("制鞋技术的开发、咨询、转让及服务", "制鞋研发", MatchGrade.CONFIRMED),
        ("生产、销售鞋材；制鞋技术培训", "制鞋研发", MatchGrade.EXCLUDED),
        # 标法第 11 条: 绒线 is knitting wool yarn; a knitted 绒线衫 is a garment
        ("绒线的制造、加工、销售；纺织原料", "毛纱", MatchGrade.CONFIRMED),
        ("绒线衫加工", "毛纱", None),
        # 标法第 7 条: engine and brake parts written after a vehicle; a verbless trade list stays a trade
        ("汽车缸套、活塞、活塞环、离合器、内燃机配件制造", "汽车发动机", MatchGrade.CONFIRMED),
        ("摩托车用及汽车用铝活塞加工、销售", "汽车发动机", MatchGrade.CONFIRMED),
        ("汽车零部件、进口汽车缸套。", "汽车发动机", MatchGrade.PENDING),
        ("液压油缸活塞杆制造", "汽车发动机", None),
        ("制造汽车摩托车制动配件", "汽车制动系统", MatchGrade.CONFIRMED),
        ("生产汽车刹车总泵、分泵等汽车零部件", "汽车制动系统", MatchGrade.CONFIRMED),
        ("汽车制动主缸、制动轮缸加工制造", "汽车制动系统", MatchGrade.CONFIRMED),
        # 标法第 3 条: a housing written after the motor it belongs to
        ("电机、水泵外壳及其他铸造件铸造", "电机外壳", MatchGrade.CONFIRMED),
    ],
)
def test_round_twenty_six_vocabulary(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 26 (docs/benchmarks.md “第二十六轮词表”): general phrasings read from 60,000 unlabelled real scopes by
    the written labelling rules (评测集 README 标法第 3、5、7、9、10、11、12 条) — 锻铸 and 铸铝制品, moulds named by
    use, surface heat treatment, 冷储 and 冷链货运, 鞋设计 and 制鞋技术, 绒线, engine and brake parts after a vehicle,
    a motor's 外壳."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: the verbs inside a note of exception are what the firm does not do
        ("模具的研究、开发（生产除外）", "模具", MatchGrade.EXCLUDED),
        ("新药的研究、开发（生产、销售除外）", "创新药", MatchGrade.EXCLUDED),
        ("模具生产（不含销售）", "模具", MatchGrade.CONFIRMED),
        ("汽车变速器、齿轮等汽车零部件的设计、开发、制造（整车生产及改装除外）", "汽车变速器", MatchGrade.CONFIRMED),
        ("载货汽车、钢材、农副产品（不含籽棉收购加工）、百货销售", "商用车", MatchGrade.EXCLUDED),
        # 标法第 1 条: a list with a class of traded goods closing with selling and a bare 加工 is a trading list
        ("蓄电池、建材、五金、电器销售、维修、加工", "蓄电池", MatchGrade.PENDING),
        ("机械加工、模具、机电设备、劳保用品销售", "模具", MatchGrade.PENDING),
        ("设计、加工：机械模具、塑料、五金", "模具", MatchGrade.CONFIRMED),
        ("模具、五金制品制造、销售", "模具", MatchGrade.CONFIRMED),
        # 标法第 9 条 (c): painting listed beside works or overhauls is site work; plant coatings are not
        ("金属结构制作、涂装，防腐保温工程", "电镀/表面处理", MatchGrade.PENDING),
        ("车辆电器修理，检修设备，喷漆，铆焊", "电镀/表面处理", MatchGrade.PENDING),
        ("粉末静电喷涂加工、钢结构工程施工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("机械零件喷漆加工；装修工程", "电镀/表面处理", MatchGrade.CONFIRMED),
    ],
)
def test_round_twenty_six_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade) -> None:
    """Round 26 (docs/benchmarks.md “第二十六轮”): structural readings from the written labelling rules (评测集
    README 标法第 1、9 条) after the first-blind errors of real10–real18 were classed — notes of exception, trading
    lists closed by selling and a bare 加工, painting beside site works."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: verbs heading a colon govern the first item after it too; selling alone still sells
        ("染整、生产、加工、销售:毛纺纱线", "纺纱", MatchGrade.CONFIRMED),
        ("生产、加工、销售：模具、五金件", "模具", MatchGrade.CONFIRMED),
        ("批发、零售：蓄电池及其配件、充电机", "蓄电池", MatchGrade.EXCLUDED),
        ("一般经营项目：模具、五金销售", "模具", MatchGrade.EXCLUDED),
        # 标法第 11 条: 纱 written with its spinning is 纺纱; woven goods of yarn are not
        ("棉纱纺织", "纺纱", MatchGrade.CONFIRMED),
        ("棉纱纺织品销售", "纺纱", MatchGrade.EXCLUDED),
        # 标法第 11 条: fittings after an accessories keyword are the accessories; equipment for them is not
        ("皮鞋、旅游鞋生产及鞋用辅料配件的制造", "制鞋辅材", MatchGrade.CONFIRMED),
        ("鞋附件设备制造", "制鞋辅材", MatchGrade.EXCLUDED),
        ("鞋用辅料配件销售", "制鞋辅材", MatchGrade.EXCLUDED),
        # 标法第 1、12 条: cold storage joined to selling is a service of its own; equipment for it is not
        ("农产品购销及冷储", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品销售及冷藏", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷储设备销售及冷藏", "冷链物流仓储", MatchGrade.EXCLUDED),
        # 标法第 7 条: the body of a named brake part is the brake system's; not without a vehicle
        ("汽车液力制动主缸缸体的生产、销售", "汽车制动系统", MatchGrade.CONFIRMED),
        ("液压缸缸体加工", "汽车制动系统", None),
        # 标法第 1 条: a keyword holding its own verb stays made when more bare verbs follow it
        ("钢结构制造(不含电镀)、设计、安装", "建筑钢结构", MatchGrade.CONFIRMED),
        ("钢结构制造、设计、安装", "建筑钢结构", MatchGrade.CONFIRMED),
        ("钢结构制造技术咨询", "建筑钢结构", MatchGrade.EXCLUDED),
    ],
)
def test_round_twenty_seven_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 27 (docs/benchmarks.md “第二十七轮”): general readings of the written labelling rules (评测集 README 标法
    第 1、7、11、12 条) found in unlabelled real text — verbs heading a colon, 纱 with 纺织, fittings after an
    accessories keyword, cold storage joined to selling, the body of a brake part, a keyword holding its own verb."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 11 条: the trade's names of shoe accessories — 辅助材料, 原辅材料, 鞋服辅料, a shoe's 辅料
        ("生产、销售皮鞋、皮鞋辅助材料", "制鞋辅材", MatchGrade.CONFIRMED),
        ("鞋用辅助材料加工", "制鞋辅材", MatchGrade.CONFIRMED),
        ("各种鞋类、各种鞋类原辅材料制造、加工", "制鞋辅材", MatchGrade.CONFIRMED),
        ("针织服装、鞋服辅料的制造、加工", "制鞋辅材", MatchGrade.CONFIRMED),
        ("制造、加工：鞋类及辅料", "制鞋辅材", MatchGrade.CONFIRMED),
        ("生产销售工艺鞋、硫化鞋及其辅料", "制鞋辅材", MatchGrade.CONFIRMED),
        ("生产、销售、加工各种鞋跟、鞋底、鞋的装饰品", "制鞋辅材", MatchGrade.CONFIRMED),
        ("加工、生产销售鞋材大底模具、鞋用钢条、塑料制品", "制鞋辅材", MatchGrade.CONFIRMED),
        ("鞋用钢包头加工", "鞋扣鞋用五金", MatchGrade.CONFIRMED),
        ("制造皮鞋、布鞋、旅游鞋、鞋用金属配件", "鞋扣鞋用五金", MatchGrade.CONFIRMED),
        ("塑料包装制品、塑料鞋垫、注塑件制造、加工", "鞋垫", MatchGrade.CONFIRMED),
        ("塑料鞋带加工、销售", "鞋带", MatchGrade.CONFIRMED),
        ("布鞋胶粘剂的生产", "鞋用胶粘剂", MatchGrade.CONFIRMED),
        ("生产和销售鞋用粘剂、工业用粘剂", "鞋用胶粘剂", MatchGrade.CONFIRMED),
        # 标法第 11 条: shoe materials and parts are not accessories; insole board is material for insoles
        ("鞋垫纸及其他纸、纸箱、纸盒制造、加工", "鞋垫", MatchGrade.EXCLUDED),
        ("鞋跟、鞋衬、小五金的生产销售", "制鞋辅材", None),
        ("生产鞋杂件、鞋帮", "制鞋辅材", None),
        # 标法第 6 条: 轻型汽车 is 整车; the 整车 of motorcycles, bicycles and railways, 三轮汽车 and 铁路货车 are not
        ("制造、加工轻型汽车", "整车", MatchGrade.CONFIRMED),
        ("摩托车整车及零部件制造", "整车", MatchGrade.EXCLUDED),
        ("摩托车整车制造;摩托车零部件及配件制造", "整车", MatchGrade.EXCLUDED),
        ("自行车零配件制造加工，自行车整车装配", "整车", MatchGrade.EXCLUDED),
        ("铁路整车货物到发、装卸", "整车", MatchGrade.EXCLUDED),
        ("组合机床，整车装配线及其它自动线的制造", "整车", MatchGrade.EXCLUDED),
        ("三轮汽车制造、销售、维修", "整车", MatchGrade.EXCLUDED),
        ("三轮汽车、低速货车制造、加工", "商用车", MatchGrade.EXCLUDED),
        ("铁路货车制造；铁路机车车辆及配件制造", "商用车", MatchGrade.EXCLUDED),
        ("产销瓦楞纸、加工牛皮卡纸", "乘用车", MatchGrade.EXCLUDED),
        # 标法第 5 条: shoe products designed, 鞋业研制, 制鞋工业技术; not R&D set up for the firm's own shoes
        ("各类鞋产品设计、开发和生产", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋业研制；销售食品", "制鞋研发", MatchGrade.CONFIRMED),
        ("制鞋工业技术的研究开发", "制鞋研发", MatchGrade.CONFIRMED),
        ("生产和销售运动鞋；设立研发机构，研究和开发运动鞋、便鞋", "制鞋研发", None),
    ],
)
def test_round_twenty_eight_vocabulary(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 28 (docs/benchmarks.md “第二十八轮”): the rare gap segments' vocabulary read from their definitions and the
    written labelling rules (评测集 README 标法第 5、6、11 条) in unlabelled real scopes — the trade's names of shoe
    accessories and the shoe materials that are not, 轻型汽车 and other vehicles' 整车, shoe design and technology."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 5 条: a shoe design item closed by selling is designed and sold; not one listed under selling
        ("鞋样设计、销售；服装、鞋、帽批发零售", "鞋样设计", MatchGrade.CONFIRMED),
        ("鞋的设计与销售", "制鞋研发", MatchGrade.CONFIRMED),
        ("批发：皮革、鞋用材料、鞋样设计", "鞋样设计", MatchGrade.EXCLUDED),
        # 标法第 5 条: consulting on shoemaking technology is the segment; on shoe design, and training, are not
        ("提供鞋类技术咨询服务", "制鞋研发", MatchGrade.CONFIRMED),
        ("制鞋技术咨询服务", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类设计咨询；品牌策划", "制鞋研发", MatchGrade.EXCLUDED),
        ("制鞋技术培训", "制鞋研发", MatchGrade.EXCLUDED),
        # 标法第 1 条: 批零 and 代销 are selling
        ("服装、鞋帽、鞋服辅料、针纺织品批零兼营", "制鞋辅材", MatchGrade.EXCLUDED),
        ("模具、五金批零兼营", "模具", MatchGrade.EXCLUDED),
        ("代购、代销汽车、小轿车、货车、农用车", "乘用车", MatchGrade.EXCLUDED),
        # 生产性 (生产性废旧金属) is no verb of making: the list stays a trading list
        ("钢材，生铁，轿车，耐火材料，生产性废旧金属收购", "乘用车", MatchGrade.PENDING),
    ],
)
def test_round_twenty_eight_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 28 (docs/benchmarks.md “第二十八轮”): readings the vocabulary showed missing (评测集 README 标法第 1、5
    条) — a shoe design item sold, consulting on shoemaking technology, 批零 and 代销 as selling, 生产性 as no verb."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 5 条: only 制鞋研发 (and 鞋样设计) is designed and sold; other segments' design or R&D then sold is not
        ("三维设计软件、销售", "研发设计软件", MatchGrade.EXCLUDED),
        ("工业软件、研发设计软件、销售", "研发设计软件", MatchGrade.EXCLUDED),
        ("锰材料研发、销售", "锰材料技术研发", MatchGrade.EXCLUDED),
        ("药物研发服务、销售", "医药研发外包", MatchGrade.EXCLUDED),
        ("IC设计、销售", "芯片", MatchGrade.EXCLUDED),
        ("运动鞋款式设计、销售", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、销售", "制鞋研发", MatchGrade.CONFIRMED),
        # a design under a heading of selling is sold, not designed
        ("销售：鞋样设计、销售", "鞋样设计", MatchGrade.EXCLUDED),
        ("零售：鞋的设计与销售", "制鞋研发", MatchGrade.EXCLUDED),
        # 标法第 9 条 (a), 第 1 条: a process done and sold, whatever the verb of selling
        ("铸造、批零兼营", "铸造件", MatchGrade.CONFIRMED),
        ("铸造、代销", "铸造件", MatchGrade.CONFIRMED),
        ("铸造、批零", "铸造件", MatchGrade.CONFIRMED),
        ("喷塑、批零兼营", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 粘胶剂 is an adhesive, not the TCM dosage form 胶剂 (标法第 4 条)
        ("生产鞋用粘胶剂", "鞋用胶粘剂", MatchGrade.CONFIRMED),
        ("鞋用粘胶剂、鞋用处理剂的生产、销售", "鞋用胶粘剂", MatchGrade.CONFIRMED),
        # 标法第 5 条: consulting, transfer and service on shoemaking technology, written right after it
        ("制鞋技术转让", "制鞋研发", MatchGrade.CONFIRMED),
        ("制鞋技术的转让", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类技术服务", "制鞋研发", MatchGrade.CONFIRMED),
        ("从事制鞋技术领域内的技术咨询、技术转让", "制鞋研发", MatchGrade.CONFIRMED),
        ("制鞋技术展览", "制鞋研发", MatchGrade.EXCLUDED),
        ("锰资源综合利用技术咨询", "锰材料技术研发", MatchGrade.EXCLUDED),
        # 标法第 6 条: 纯电动车 is a pure-electric car; 低速电动车 is no 整车
        ("新能源纯电动车整车制造", "整车", MatchGrade.CONFIRMED),
        ("纯电动车整车生产", "整车", MatchGrade.CONFIRMED),
        ("低速电动车整车制造", "整车", MatchGrade.EXCLUDED),
        # 标法第 6 条: the chassis, cab and parts of a 轻型汽车 are not 整车
        ("生产轻型汽车齿轮", "整车", MatchGrade.EXCLUDED),
        ("轻型汽车底盘制造", "整车", MatchGrade.EXCLUDED),
        # 标法第 11 条: shoe hardware's fittings are shoe hardware; 钢包头 only where written for shoes
        ("鞋业五金配件加工", "鞋扣鞋用五金", MatchGrade.CONFIRMED),
        ("鞋用五金配件加工", "鞋扣鞋用五金", MatchGrade.CONFIRMED),
        ("钢包头、钢包盖制造", "鞋扣鞋用五金", None),
    ],
)
def test_round_twenty_eight_review(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 28 as reviewed (docs/benchmarks.md “第二十八轮”, 复核): designed-and-sold and technology services only for
    制鞋研发, every verb of selling after a process, 粘胶剂 as no TCM mark, 纯电动车整车, shoe hardware fittings."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 4 条 (b): dosage forms beside a TCM mark are a TCM maker's licence — for the chemical-drug segments
        # (GB/T 4754-2017 271/272) and those below them or kinds of them
        ("片剂、胶囊剂、丸剂（蜜丸）的生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("中药原料药、片剂的生产", "化学药品", MatchGrade.EXCLUDED),
        ("片剂、颗粒剂、中药饮片的生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("小容量注射剂、胶剂的生产", "注射剂", MatchGrade.EXCLUDED),
        # a keyword of another segment ending like a dosage form is no drug: a TCM mark beside it takes nothing away
        ("鞋用胶粘剂、中药饮片的生产", "鞋用胶粘剂", MatchGrade.CONFIRMED),
        ("生产鞋用粘胶剂、中成药", "鞋用胶粘剂", MatchGrade.CONFIRMED),
        # 标法第 1 条 (r9x024, r12x087): 产销 is making and selling; 水产销售, 房地产销售 are not
        ("产销：模具，机箱，五金杂件", "模具", MatchGrade.CONFIRMED),
        ("加工、产销：蓄电池及配件", "蓄电池", MatchGrade.CONFIRMED),
        ("精密铸件、铸钢件、铸铁件、产销", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 8 条: a battery's plastic case is a part for it, not the battery
        ("蓄电池塑壳、蓄电池配件、塑料制品的生产、销售", "蓄电池", MatchGrade.EXCLUDED),
        # 标法第 11 条 (r3x234, r17x027): 制线 makes thread, a yarn product
        ("制线、织布、针织品制造销售", "纺纱", MatchGrade.CONFIRMED),
        ("布沿条、鞋带、制线、线带、帆布加工、销售", "纺纱", MatchGrade.CONFIRMED),
        ("蓄电池、水产销售", "蓄电池", MatchGrade.EXCLUDED),
        # 标法第 6 条: 汽车 alone made is 整车 (单写“汽车制造”的标整车); not 汽车 qualifying what follows it
        ("制造汽车、农用车、拖拉机", "整车", MatchGrade.CONFIRMED),
        ("汽车、汽车配件的制造及销售", "整车", MatchGrade.CONFIRMED),
        ("生产汽车、摩托车、电动工具用铸锻毛坯件", "整车", MatchGrade.EXCLUDED),
        ("生产汽车、汽车底盘、轿车车桥、汽车配件", "整车", MatchGrade.CONFIRMED),
        ("汽车配件制造、销售", "整车", None),
        ("汽车、摩托车配件制造", "整车", MatchGrade.EXCLUDED),
        ("汽车运输、机械加工", "整车", MatchGrade.EXCLUDED),
        ("汽车齿轮加工", "整车", MatchGrade.EXCLUDED),
        ("汽车及配件销售；汽车维修", "整车", MatchGrade.EXCLUDED),
        ("农用汽车、拖拉机制造", "整车", MatchGrade.EXCLUDED),
        ("制造汽车、赛车发动机曲轴系列", "整车", MatchGrade.EXCLUDED),
        ("生产、销售汽车、摩托车、电动自行车蓄电池", "整车", MatchGrade.EXCLUDED),
        ("钢材、有色金属、汽车、汽车配件", "整车", MatchGrade.EXCLUDED),
        ("汽车、汽车二类底盘销售；机械制造", "整车", MatchGrade.EXCLUDED),
        ("生产：汽车、汽车零部件", "整车", MatchGrade.CONFIRMED),
        ("汽车及配件、机电建材、普通机械加工", "整车", MatchGrade.EXCLUDED),
    ],
)
def test_round_twenty_nine_drugs_and_vehicles(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 29 (docs/benchmarks.md “第二十九轮（车、电池、纺纱与药）”): the TCM marks take dosage-form ties from
    chemical-drug segments only (评测集 README 标法第 4 条), 产销 is a verb of making (标法第 1 条), 制线 makes yarn,
    a battery's case is a part for it, and 汽车 alone is 整车 only where the whole car is made (标法第 6 条)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 11 条: a shoe's 原辅材料 and 辅助材料 with 帽, 类, 底 or 及（相关） between; clothing's 辅料 are not
        ("鞋帽及其原辅材料、塑料制品加工、销售", "制鞋辅材", MatchGrade.CONFIRMED),
        ("鞋及相关原辅材料的生产、销售", "制鞋辅材", MatchGrade.CONFIRMED),
        ("生产销售：四鞋及原辅材料", "制鞋辅材", MatchGrade.CONFIRMED),
        ("鞋、服装、鞋底及辅助材料", "制鞋辅材", MatchGrade.CONFIRMED),
        ("服装鞋帽及原辅材料批发、零售", "制鞋辅材", MatchGrade.EXCLUDED),
        ("服装及辅料的生产、加工", "制鞋辅材", None),
        # 标法第 9 条 (a), GB/T 4754-2017 3360: brush plating, 火镀锌, polishing of metal, dip coating, 表面涂装;
        # not the polish, the dip liquid, a galvanizing kettle or fireproof spraying on site (标法第 9 条 (c))
        ("机械加工、电刷镀、电机修理", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("铁件加工，火镀锌", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("加工、销售：五金制品、纸箱；五金抛光", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("金属制品表面抛光", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("浸塑件加工；机械加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("铝合金铸造及表面涂装加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("生产、销售鞋油及金属抛光剂", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("浸塑液制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("热镀锌锅、热镀锌机械设备制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("灭火器、消防器材维修、批发兼零售；防火涂料喷涂", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("钢结构防腐、屋面防水、喷淋报警、防火喷涂", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 10 条: 鞋底模, 冷冲模, 工模 are moulds, and 加工模具 still is; 模具制品 are what moulds make
        ("各款鞋及鞋底模", "模具", MatchGrade.CONFIRMED),
        ("冷冲模制造", "模具", MatchGrade.CONFIRMED),
        ("塑胶、五金玩具、塑胶工模", "模具", MatchGrade.CONFIRMED),
        ("加工模具、金属结构、工艺美术品", "模具", MatchGrade.CONFIRMED),
        ("塑胶模具制品的生产加工", "模具", MatchGrade.EXCLUDED),
        # 标法第 2 条: machining others' castings and casting ingots make no castings; 铸件加工 still does
        ("铸件精加工；矿山机械组装", "铸造件", MatchGrade.EXCLUDED),
        ("铝锭铸造，销售", "铸造件", MatchGrade.EXCLUDED),
        ("铸件加工", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 7 条: parts of mining machines (矿用, 矿机, 刮板机); 工矿 parts are a generic trade class
        ("矿用配件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("煤矿液压支架、刮板机配件加工、销售", "地质装备零配件", MatchGrade.CONFIRMED),
        ("煤矿机械设备及配件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("工矿机械配件加工", "地质装备零配件", None),
        # 标法第 7 条: a drill bit's own fittings and half-finished bits; not fittings of another item in the list
        ("生产工程钻头及相关的零配件", "钻头材料与配件", MatchGrade.CONFIRMED),
        ("生产金刚石钻头和钻头半成品", "钻头材料与配件", MatchGrade.CONFIRMED),
        ("钻头、摩擦材料、模具、数控设备及配件制造", "钻头材料与配件", None),
        # 标法第 11 条: 鞋材贴合 as 鞋材复合, cloth laminated; 标法第 12 条 and the README's hard negatives: cold-store
        # panels and doors
        ("加工：鞋材贴合、手袋", "面料贴膜", MatchGrade.CONFIRMED),
        ("各种装饰布的复合加工", "面料贴膜", MatchGrade.CONFIRMED),
        ("布类的贴合加工", "面料贴膜", MatchGrade.CONFIRMED),
        ("装配式冷库及配件、冷库板、冷库门", "冷链物流仓储", MatchGrade.EXCLUDED),
        # 标法第 11 条: a coating glue or paste for cloth is 纺织涂料; coated cloth, 胶布 and 浆纱 are not
        ("尼龙涤纶布涂层用PA白胶的生产", "纺织涂料", MatchGrade.CONFIRMED),
        ("生产销售：防水胶布、PVC涂层布、人造革", "纺织涂料", None),
        ("织物涂层加工、浆纱加工、织物轧光", "纺织涂料", None),
    ],
)
def test_round_twenty_nine_vocabulary(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 29 (docs/benchmarks.md “第二十九轮”): vocabulary of shoe accessories, surface treatment, moulds, castings,
    mining-machine and drill-bit parts, fabric lamination, textile coatings and cold chain, read from the segment
    definitions and the written labelling rules (评测集 README 标法第 2、7、9–12 条) in unlabelled real scopes, with
    the hard negatives."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 制做 is the old registrations' miswriting of 制作: a design then made is made (标法第 10 条), as with 制作
        ("各类模具设计、制做；委托机械加工；技术培训", "模具", MatchGrade.CONFIRMED),
        ("各类模具设计、制作；委托机械加工；技术培训", "模具", MatchGrade.CONFIRMED),
        ("模具制做", "模具", MatchGrade.CONFIRMED),
        ("各类模具设计", "模具", MatchGrade.EXCLUDED),
        # 生产资料 (农业生产资料, the means of farming sold by supply co-operatives) is a trade class, no verb of making
        ("零售:农业生产资料、日用杂品、矿用机械设备及配件、钢材；房屋租赁", "地质装备零配件", MatchGrade.EXCLUDED),
        ("农业生产资料、模具、五金交电", "模具", MatchGrade.PENDING),
    ],
)
def test_round_twenty_nine_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 29 (docs/benchmarks.md “第二十九轮”): 制做, the old registrations' miswriting of 制作 (307 of 939,402
    unlabelled real scopes), is a verb of making wherever 制作 is; the 生产 of 生产资料 is none."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 6 条: a trader's list restating 汽车 is not made by a verb of a later item, nor by 生产资料
        ("汽车、汽车配件、机械加工", "整车", MatchGrade.EXCLUDED),
        ("钢材、汽车、汽车配件、普通机械加工", "整车", MatchGrade.EXCLUDED),
        ("汽车、汽车配件、农业生产资料", "整车", MatchGrade.EXCLUDED),
        ("汽车、汽车配件的制造及销售", "整车", MatchGrade.CONFIRMED),
        # 标法第 1 条: 生产、销售 counts as making, written straight before 汽车 as before any product
        ("生产、销售汽车", "整车", MatchGrade.CONFIRMED),
        ("生产销售汽车", "整车", MatchGrade.CONFIRMED),
        ("销售汽车", "整车", MatchGrade.EXCLUDED),
        ("生产、销售汽车、摩托车配件", "整车", MatchGrade.EXCLUDED),
        # 标法第 4 条 (b): a medical glue (粘胶剂) is no TCM 胶剂
        ("片剂、硬胶囊剂的生产；医用粘胶剂", "口服固体制剂", MatchGrade.CONFIRMED),
        # GB/T 4754-2017 3360 treats others' metal objects: dipped gloves and railings are the firm's own goods
        ("浸塑棉毛手套、劳保用品自产自销", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("浸塑护栏网生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("浸塑件加工；机械加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 11 条: cable and plastic 制线 are no yarn
        ("电缆制线加工", "纺纱", MatchGrade.EXCLUDED),
        ("塑料制线生产", "纺纱", MatchGrade.EXCLUDED),
    ],
)
def test_round_twenty_nine_review(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 29 as reviewed (docs/benchmarks.md “第二十九轮”, 复核): a restated 汽车 is made only by the verb straight
    after its run, 生产、销售 before 汽车 makes it, 粘胶剂 is no TCM mark again, 浸塑 products and wire 制线 are no
    ties."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # a short keyword one member of a coordination another keyword names whole: both segments are named
        ("钻头及配件的生产、销售", "钻头", MatchGrade.CONFIRMED),
        ("钻头及配件的生产、销售", "钻头材料与配件", MatchGrade.CONFIRMED),
        ("钻头及其附件制造", "钻头", MatchGrade.CONFIRMED),
        ("回收钻头及配件", "钻头", MatchGrade.EXCLUDED),
        ("加工销售鞋材及辅料", "鞋材料", MatchGrade.CONFIRMED),
        ("和厚朴酚提取", "植物资源", None),
        # 标法第 7 条: a part written onto a noun that is no machine is that noun's (铁路配件, 汽车零部件)
        ("石油机械、矿山机械、铁路配件、剪折机械制造、加工、销售", "地质装备零配件", None),
        ("矿山、输送、工程机械、汽车零部件加工制造", "地质装备零配件", None),
        ("生产、加工：研磨机、电动工具及电动工具配件", "地质装备零配件", None),
        # ... but one closing the list, onto a machine of it, a mine or a list of bare modifiers is the thing's
        ("矿山机械、水泥机械及配件制造销售", "地质装备零配件", MatchGrade.CONFIRMED),
        ("矿山机械、破碎设备及零配件的制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("冶金机械、矿山机械、港口机械、化工机械的备件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("磁选机、破碎机、球磨机、输送机、工矿配件的生产和销售", "地质装备零配件", MatchGrade.CONFIRMED),
        ("石油、矿山、铁路、电力、机械、车辆配件的生产销售", "地质装备零配件", MatchGrade.CONFIRMED),
        ("矿山机械、耐磨配件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("矿山机械设备的制造、销售及零配件加工", "地质装备零配件", MatchGrade.CONFIRMED),
        # 标法第 9 条 (a): a process done as a service or its output sold; (e) its agent is for it
        ("涂料销售及喷涂服务", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("纽扣和零部件的表面处理及其产品销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀产品及其制品销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("金属表面磷化处理剂及相关化工产品制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("磷化处理加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # a note about the items before it leaves out what it negates
        ("玻璃钢制品、机械加工、销售(以上范围不含热处理、电镀、铸造)", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("玻璃钢制品、机械加工、销售(以上范围不含热处理、电镀、铸造)", "铸造件", MatchGrade.EXCLUDED),
        ("加工、销售：机械设备及配件；铆焊(以上均不含铸造及电镀)", "铸造件", MatchGrade.EXCLUDED),
        ("电镀加工(以上项目凭许可证经营)", "电镀/表面处理", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_rules(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 30 (docs/benchmarks.md “第三十轮（地质装备、电镀与关键词扫描）”): a keyword jieba keeps whole no longer
    hides a shorter keyword that is one member of its coordination; a mining machine's part is not a part written
    onto another noun; a process done as a service or with its products sold is done, its agent is supplied, and a
    note about the items before it (以上范围不含) leaves out what it negates."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: an item after a comma follows the verb before it; 汽车 shares the head of the vehicle after it
        ("生产汽车，摩托车配件", "整车", MatchGrade.EXCLUDED),
        ("生产汽车，摩托车", "整车", MatchGrade.CONFIRMED),
        ("生产汽车，汽车配件销售", "整车", MatchGrade.CONFIRMED),
        # 标注原则“只做研究设计不标”, 标法第 5 条: research alone makes nothing (研制 still makes, 标法第 6 条 r3x028)
        ("中药及西药研发。", "化学药品", MatchGrade.EXCLUDED),
        ("中成药、西药、原料药及保健品的研究，药物的技术开发、技术转让", "化学药品", MatchGrade.EXCLUDED),
        ("整车研发；汽车改装", "整车", MatchGrade.EXCLUDED),
        ("水电资源开发、水力发电", "水力发电", MatchGrade.CONFIRMED),
        ("纱线、坯布研发", "纺纱", MatchGrade.CONFIRMED),
        ("研发及销售蓄电池及相关产品", "蓄电池", MatchGrade.CONFIRMED),
        ("研制、开发客车", "商用车", MatchGrade.CONFIRMED),
        ("汽车变速器研发销售", "汽车变速器", MatchGrade.CONFIRMED),
        # 标法第 4 条 (b): 药材 is 中药材 (药材种植 of the firm's own); 医药材料 is no such mark
        ("医药片剂、胶囊剂、颗粒剂的生产与销售；药材种植", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂、胶囊剂生产；医药材料销售", "口服固体制剂", MatchGrade.CONFIRMED),
        # a verb forbidden by the licence boilerplate names no activity of the firm (标法第 1 条: the list has no verb)
        ("化学药制剂、医疗器械（未获审批前不得生产）", "化学药品", MatchGrade.PENDING),
        ("建筑材料、矿山机械配件经销(国家法律法规限制品种不得制造经营)", "地质装备零配件", MatchGrade.EXCLUDED),
        # 标法第 1 条: a comma list closed by 销售、维修 is traded, as one closed by 销售; a repair alone is no trade
        ("UPS电源组装、销售、维修；蓄电池，电子产品，现代办公设备销售、维修※", "蓄电池", MatchGrade.PENDING),
        ("汽车制动钳，机械维修", "汽车制动系统", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_vehicles_research_and_herbs(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 30 (docs/benchmarks.md “第三十轮（车、电池、纺纱与药）”): a comma between 汽车 and another vehicle is read
    as 、; a one-item clause whose only verb is 研发, and a product's 的研究, is research; 药材 marks a TCM maker; a
    verb after 不得、不准、禁止 is none; 销售、维修 closes a comma list as 销售 does."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: bare verbs after a comma govern every item up to ；/。, a one-item 研发 clause included
        ("整车研发，生产、销售", "整车", MatchGrade.CONFIRMED),
        ("蓄电池研发，生产、销售", "蓄电池", MatchGrade.CONFIRMED),
        ("模具研发，制造", "模具", MatchGrade.CONFIRMED),
        ("锂电池研发，生产，销售", "锂电池", MatchGrade.CONFIRMED),
        ("中药及西药研发。", "化学药品", MatchGrade.EXCLUDED),
        ("整车研发；汽车改装", "整车", MatchGrade.EXCLUDED),
        ("整车研发，汽车配件销售", "整车", MatchGrade.EXCLUDED),
        # a comma after 汽车 is read as 、 only before a bare vehicle list whose head is not 汽车 again
        ("生产汽车，电动车维修", "整车", MatchGrade.CONFIRMED),
        ("生产汽车，停车场服务", "整车", MatchGrade.CONFIRMED),
        ("生产汽车，国产汽车配件", "整车", MatchGrade.CONFIRMED),
        ("生产汽车，载货汽车配件销售", "整车", MatchGrade.CONFIRMED),
        ("生产汽车，汽车配件销售", "整车", MatchGrade.CONFIRMED),
        ("生产汽车，摩托车配件", "整车", MatchGrade.EXCLUDED),
        ("生产汽车，摩托车", "整车", MatchGrade.CONFIRMED),
        ("生产、销售汽车，农用车，拖拉机", "整车", MatchGrade.CONFIRMED),
        # 标法第 9 条 (a): a process, a verb of making too, done and its products sold
        ("零部件的电镀及产品销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀及其产品销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("铸造及产品销售", "铸造件", MatchGrade.CONFIRMED),
        ("纽扣和零部件的表面处理及其产品销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀产品及其制品销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        # a clause opening with (以上…)不含 is a note: every item it lists is left out
        ("家电金属覆盖件，以上范围不含铸造、电镀、喷涂等工艺；", "铸造件", MatchGrade.EXCLUDED),
        ("家电金属覆盖件，以上范围不含铸造、电镀、喷涂等工艺；", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("机械加工；以上经营范围不含电镀、铸造", "铸造件", MatchGrade.EXCLUDED),
        ("机械加工；以上经营范围不含电镀、铸造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("机械加工；铸造", "铸造件", MatchGrade.CONFIRMED),
        ("药品批发，不含冷藏冷冻药品：中成药、化学药制剂", "化学药品", MatchGrade.PENDING),
        # 标法第 1 条: a verb forbidden by the licence boilerplate is no verb to any reading, research-only included
        ("蓄电池研发（未获审批前不得生产）", "蓄电池", MatchGrade.EXCLUDED),
        ("蓄电池生产（未获审批前不得生产）", "蓄电池", MatchGrade.CONFIRMED),
        ("化学药制剂、医疗器械（未获审批前不得生产）", "化学药品", MatchGrade.PENDING),
    ],
)
def test_round_thirty_review(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 30 as reviewed (docs/benchmarks.md “第三十轮的复核（分支 fix30）”): bare verbs after a comma make a
    researched item too; 汽车's comma is a 、 only before a bare vehicle list; a making-verb process with its products
    sold is done; a clause opening with 以上…不含 leaves out all it lists; a forbidden verb is blanked."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # D1 (标法第 4 条 (c)): an unnamed 原料药 the firm makes outweighs TCM marks; an extracted or herbal one not
        ("片剂、硬胶囊剂、煎膏剂、合剂、原料药生产", "化学药品", MatchGrade.CONFIRMED),
        ("片剂、合剂、植物提取物原料药生产", "化学药品", MatchGrade.EXCLUDED),
        ("片剂、合剂、提取原料药生产", "化学药品", MatchGrade.EXCLUDED),
        # 标法第 4 条 (b): plant extraction is 中药提取, a process the firm does though it sells the extract
        ("硬胶囊剂的生产及销售；药用植物提取、销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂生产；中药提取、销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂生产；植物提取物销售", "口服固体制剂", MatchGrade.CONFIRMED),
        ("胶囊剂制造；植物提取设备", "口服固体制剂", MatchGrade.CONFIRMED),
        # D2 (标法第 1、4 条): a verbless list of drug-licence classes is a trade licence, also of two classes
        ("化学原料药、化学药制剂、化学试剂、玻璃仪器", "化学药品", MatchGrade.PENDING),
        ("化学药制剂、化学原料药", "化学药品", MatchGrade.PENDING),
        ("化学药制剂、化学原料药生产", "化学药品", MatchGrade.CONFIRMED),
        ("片剂、胶囊剂、注射剂", "口服固体制剂", MatchGrade.CONFIRMED),
        # D3 (标法第 3、7 条): 机械配件, 设备配件 or 配件 as an item of its own beside mining machines is generic
        ("矿山机械设备、机械配件、金属冲压件制造、加工", "地质装备零配件", None),
        ("生产、制造：矿山设备、输送机械、设备配件", "地质装备零配件", None),
        ("冶金矿山设备、各类机械设备零配件制造", "地质装备零配件", None),
        ("加工、销售煤矿钻探设备、配件", "地质装备零配件", None),
        ("矿山机械设备、装载设备、洗选设备配件的加工", "地质装备零配件", MatchGrade.CONFIRMED),
        ("矿山机械及配件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        # D4 (标法第 1、9 条 (a)): a process in a verbless trade list is still done; a product there is traded
        ("鞋用材料、静电喷涂、电器配件、建筑装潢材料", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("汽车配件、五金、铸件、建材", "铸造件", MatchGrade.PENDING),
    ],
)
def test_round_thirty_one(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 31 (the lead's decisions of 2026-12-04, 评测集 README 标法第 1、3、4、7、9 条): an unnamed 原料药 the
    firm makes is chemical; drug-licence classes without a verb are traded; a generic part beside mining machines is not
    theirs; a process in a trade list is done. Plant extraction is a TCM mark, done though its extract is sold."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条, D2: a verb inside one item of a drug-licence class list governs that item, not the classes
        ("中成药、化学药制剂、抗生素、医疗器械、药材收购加工、保健品", "化学药品", MatchGrade.PENDING),
        ("中成药、化学药制剂、抗生素、保健品、药材收购加工", "化学药品", MatchGrade.CONFIRMED),
        # D2: one licence class beside medical devices is traded too (中西成药 holds 西成药)
        ("中西成药、医疗器械、保健用品", "化学药品", MatchGrade.PENDING),
        ("中西成药生产、医疗器械", "化学药品", MatchGrade.CONFIRMED),
        # 标法第 3 条: dosage forms in a note on a hygiene product are its forms, not a drug's
        ("卫生用品制造【抗（抑）菌制剂（粉剂、片剂、凝胶）】", "口服固体制剂", MatchGrade.EXCLUDED),
        ("抗菌药（片剂、胶囊剂）生产", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 4 条 (a)–(c): dosage forms in a note after 药品 name no chemical drug; a TCM form among them rules
        ("生产：药品（硬胶囊剂、片剂、合剂、露剂）", "口服固体制剂", MatchGrade.EXCLUDED),
        ("生产：药品（片剂、合剂、盐酸小檗碱片）", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 1 条: 化学制品, like 化工产品, makes a verbless list a trade list
        ("化学制品及原料药、医药化学原料；技术咨询", "化学药品", MatchGrade.PENDING),
        ("化学制品及原料药的生产；技术咨询", "化学药品", MatchGrade.CONFIRMED),
        # 标法第 1 条: the 装配 inside 服装配件 is no verb, so the heading 销售 governs the list
        ("销售：鞋类、鞋附件、服装配件", "制鞋辅材", MatchGrade.EXCLUDED),
        ("鞋类、鞋带、服装装配、销售", "制鞋辅材", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_two(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 32 (precision under 评测集 README 标法第 1、4、5 条 and the lead's decisions of 2026-12-04): a drug trade
    licence's classes stay traded beside a verb of another item, one class beside medical devices is traded,
    a hygiene product's dosage forms are no drug, nor is a dosage form named in a note after 药品, and 化学制品 is a
    class of traded goods; 服装配件 holds no 装配."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


def test_contested_rows_are_counted_apart() -> None:
    """`bench_matching.py --uncontested`: a real scope whose 说明 holds 可争议 counts in its part and 真实合计 only,
    one that does not also in their 去掉争议行 parts; synthetic scopes never do."""
    from bench_matching import CONTESTED, UNCONTESTED, Scope, read_scopes, score

    scopes = [
        Scope("r8x901", {"business_scope": "模具制造"}, frozenset({"模具"}), "真实八"),
        Scope("r8x902", {"business_scope": "模具、五金"}, frozenset({"模具"}), "真实八", contested=True),
        Scope("r8x903", {"business_scope": "铸件销售"}, frozenset(), "真实八", contested=True),
        Scope("s0901", {"business_scope": "模具制造"}, frozenset({"模具"}), "调参部分"),
    ]
    predicted = {"r8x901": {"模具"}, "r8x902": set(), "r8x903": {"铸造件"}, "s0901": {"模具"}}
    counts = score(scopes, lambda s: predicted[s.id], {"模具": "模具", "铸造件": "铸造件"})
    for part in ("真实八", "真实合计"):
        assert (counts[part]["合计"].tp, counts[part]["合计"].fp, counts[part]["合计"].fn) == (1, 1, 1)
        kept = counts[part + UNCONTESTED]["合计"]
        assert (kept.tp, kept.fp, kept.fn) == (1, 0, 0)
    assert counts["全部"]["合计"].tp == 1
    real7 = [s for s in read_scopes() if s.part == "真实七"]
    assert sum(s.contested for s in real7) == 1, "标法第 1–12 条之后只有 r7x130 仍是可争议行"
    notes = [line.split("|")[4] for line in _rows("real7.psv")]
    assert [s.contested for s in real7] == [CONTESTED in note for note in notes]


def _rows(name: str) -> list[str]:
    text = (ROOT / "tests" / "fixtures" / "match_eval" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_match_quality_on_the_tuning_parts_stays_at_the_floor(match_scores: dict[str, Any]) -> None:
    confirmed, baseline = match_scores["确认"], match_scores["基线"]
    for part, (precision, recall) in GOALS.items():
        assert confirmed[part]["precision"] >= precision, part
        assert confirmed[part]["recall"] >= recall, part
    assert confirmed["第四留出"]["precision"] > baseline["第四留出"]["precision"] + 0.3, "分级应明显比旧规则准"


def _candidates(seed: GraphData) -> GraphData:
    """Three synthetic candidates for 制鞋辅材: one makes it (确认), one names it (待定), one only sells it (排除)."""
    rows = [
        ("样例甲有限公司", "广东省", "东莞市", "鞋带、鞋扣", "鞋带、鞋扣的生产与销售"),
        ("样例乙有限公司", "浙江省", "温州市", "", "鞋辅料、服装辅料、日用百货"),
        ("样例丙有限公司", "广东省", "广州市", "", "鞋辅料销售；日用百货批发"),
    ]
    nodes = [
        Node(
            id=node_id(NodeLabel.ENTERPRISE, f"sample:{name}"),
            label=NodeLabel.ENTERPRISE,
            properties={
                "name": name,
                "province": province,
                "city": city,
                "business_scope": scope,
                "locality": Locality.CANDIDATE.value,
                "source": Source.IMPORT.value,
                "synthetic": True,
                **({"main_products": products} if products else {}),
            },
        )
        for name, province, city, products, scope in rows
    ]
    return with_matches(seed, GraphData(nodes=nodes))


@pytest.fixture(scope="module")
def shoe_store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("graded"))
    store.write(_candidates(load_all(store)))
    return store


def test_a_target_list_shows_confirmed_and_counts_pending(shoe_store: EmbeddedStore) -> None:
    default = targets(shoe_store, "制鞋辅材")
    assert [t.name for t in default.targets if t.name.startswith("样例")] == ["样例甲有限公司"]
    assert {t.grade for t in default.targets} == {"确认"}
    assert default.pending >= 1 and f"另有 {default.pending} 家“待定”" in default.message
    both = targets(shoe_store, "制鞋辅材", include_pending=True)
    grades = [t.grade for t in both.targets]
    assert grades == sorted(grades, key=lambda g: g != "确认"), "确认排在待定之前"
    samples = [(t.name, t.grade) for t in both.targets if t.name.startswith("样例")]
    assert samples == [("样例甲有限公司", "确认"), ("样例乙有限公司", "待定")], "只销售的样例丙不是目标"


def test_the_first_reason_says_why_this_firm_for_yongzhou(shoe_store: EmbeddedStore) -> None:
    first = next(t for t in targets(shoe_store, "制鞋辅材").targets if t.name == "样例甲有限公司")
    pitch = first.reasons[0]
    assert pitch.startswith("样例甲有限公司做制鞋辅材")
    assert "凯盛鞋业" in pitch, "说出本地会采购的企业"
    assert "规划写明“引进制鞋企业总部、辅材制造、制鞋研发等项目”" in pitch
    assert "可落户" in pitch and "轻纺制鞋" in pitch, "说出一主一特相符的园区"
    assert first.evidence == ["主营产品“鞋带”", "主营产品“鞋扣”", "经营范围“鞋带”：生产"]


@pytest.mark.neo4j
def test_graded_ties_and_their_lists_are_the_same_on_neo4j(
    neo4j_store: Neo4jStore, tmp_path_factory: pytest.TempPathFactory
) -> None:
    seed = build_seed_graph()
    candidates = _candidates(seed)
    data = GraphData(nodes=seed.nodes + candidates.nodes, relationships=seed.relationships + candidates.relationships)
    embedded = EmbeddedStore(tmp_path_factory.mktemp("graded_parity"))
    embedded.write(data)
    neo4j_store.clear()
    neo4j_store.write(data, atomic=False)
    stores: tuple[GraphStore, GraphStore] = (embedded, neo4j_store)
    ties = [
        sorted(
            (r.start, r.properties["grade"], tuple(r.properties["evidence_text"]))  # type: ignore[arg-type]
            for r in store.relationships(RelType.OPERATES_IN, end="segment:制鞋辅材")
        )
        for store in stores
    ]
    assert ties[0] == ties[1] and {grade for _, grade, _ in ties[0]} == {"confirmed", "pending"}
    for include_pending in (False, True):
        left, right = (targets(s, "制鞋辅材", include_pending=include_pending) for s in stores)
        assert left == right and left.targets


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 4 条: 抗菌素 (抗生素) is a drug, so dosage forms in a note on it are a drug's, not hygiene goods';
        # 抗菌肽 stays a hygiene head (peptides: disinfection products as often, and 第 4 条 (d) biochemicals)
        ("抗菌素（片剂、胶囊剂）生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("抗菌肽（凝胶剂、洗液）生产", "化学药品", MatchGrade.EXCLUDED),
        # a noun ending in 装 before 配件, 配饰 or 配套 holds no 装配: the list beside 建材 stays traded (标法第 1 条)
        ("建材、时装配饰、模具", "模具", MatchGrade.PENDING),
        ("建材、包装配件、模具", "模具", MatchGrade.PENDING),
        ("服装配套产品、鞋辅料、建材", "制鞋辅材", MatchGrade.PENDING),
        # 标法第 11 条: 鞋类配件 are shoe parts, no 辅材 (the keyword is gone from the seed)
        ("加工：鞋跟、鞋类配件", "制鞋辅材", None),
        # 标法第 1、5 条: a service verb after 的 (的技术咨询服务) governs the dosage forms listed before it; one
        # written as an item of its own after 、 is still a production licence's item
        ("片剂、胶囊剂、颗粒剂、保健食品的技术咨询服务", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂、原料药、国内贸易、技术咨询服务", "口服固体制剂", MatchGrade.CONFIRMED),
        # ... but 及相关的技术咨询服务 is advice of its own, beside the processes done (标法第 1 条)
        ("铸造、热处理及相关的技术咨询服务", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 4 条 (b)、(c): an API named as an extract (植物提取物) is herbal, no chemical mark over the TCM ones
        ("生产片剂、合剂、原料药（女贞叶乙醇提取物）", "化学药品", MatchGrade.EXCLUDED),
        ("生产片剂、合剂、原料药", "化学药品", MatchGrade.CONFIRMED),
        # ... while an extract the firm makes beside its tablets, not named as the API, marks nothing
        ("片剂、胶囊剂生产；酵母提取物生产", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 9 条 (c): painting whose object is ships is site work; ship parts painted in a plant are not, nor is
        # painting in a sentence that names ships for another reason
        ("船舶涂装及机械设备涂装", "电镀/表面处理", MatchGrade.PENDING),
        ("船舶除锈涂装；船用配件销售", "电镀/表面处理", MatchGrade.PENDING),
        ("船舶配件的喷漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("船舶代理，五金件喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 6 条: 低速载货汽车 is a 364 低速汽车, not a 载货汽车 of 整车
        ("三轮汽车、低速载货汽车；三轮汽车、低速载货汽车配件", "商用车", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_three(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 33, precision (评测集 README 标法第 1、4、5、9、11 条): antibiotics and peptides are no hygiene goods,
    a noun ending in 装 holds no 装配, shoe parts are no 辅材, a service verb after 的 governs the dosage forms
    before it, an API named as an extract is herbal, painting ships is site work, and 低速载货汽车 is no 整车."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 6 条 (两类都做的标整车): converted vehicles listed as a product of their own beside trucks or buses
        # leave those made; 改装 over the item, a converted vehicle's types in its note, or a shared head still convert
        ("载货汽车、改装汽车的生产", "商用车", MatchGrade.CONFIRMED),
        ("客车、各种改装车制造", "商用车", MatchGrade.CONFIRMED),
        ("改装汽车（载货汽车、自卸车）生产", "商用车", MatchGrade.EXCLUDED),
        ("载货汽车、改装车的零部件生产", "商用车", MatchGrade.EXCLUDED),
        ("载货汽车改装、销售", "商用车", MatchGrade.EXCLUDED),
        # 标法第 9 条 (a): a finish after a finishing keyword is the next step of the same work, not a service to it
        ("金属表面电镀抛光加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("阳极氧化喷砂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀检测服务", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电机外壳喷涂加工", "电机外壳", MatchGrade.EXCLUDED),
        # 标法第 11 条 (泡棉与布的贴合材料): the material after what is joined is the joining's product
        ("生产泡棉与布的贴合材料", "面料贴膜", MatchGrade.CONFIRMED),
        ("鞋材复合材料的生产", "面料贴膜", MatchGrade.CONFIRMED),
        ("纺织品、复合材料制造", "面料贴膜", None),
        ("电镀材料的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_two_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 32, recall (评测集 README 标法第 1–12 条): what the rules label that the matcher missed — a converted
    vehicle listed as a product of its own does not make the trucks beside it converted ones, and a finish chained
    to another (电镀抛光) is done, not serviced, and a joined material (布的贴合材料) is made, not supplied."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 3、6 条: a vehicle type with a noun after it in its item is that noun's qualifier, a part for the
        # vehicle; a verb, a tail of the vehicle, a conjunction or a mark after it leaves the vehicle made
        ("客车轮罩、汽车窗框、汽车配件的制造、加工", "商用车", MatchGrade.EXCLUDED),
        ("客车塑料地板、塑料制品的制造、加工", "商用车", MatchGrade.EXCLUDED),
        ("机客车配件、客车翻版、边座", "商用车", MatchGrade.EXCLUDED),
        ("客车制造", "商用车", MatchGrade.CONFIRMED),
        ("客车及配件生产、销售", "商用车", MatchGrade.CONFIRMED),
        ("客车系列产品制造", "商用车", MatchGrade.CONFIRMED),
        ("客车装配", "商用车", MatchGrade.CONFIRMED),
        ("生产轿车整车", "乘用车", MatchGrade.CONFIRMED),
        ("组装轻型客车.；销售五金", "商用车", MatchGrade.CONFIRMED),
        # ... and a kit, a model code, a class, its maker's name or its trade are still the vehicle's (review34p)
        ("客车散件组装", "商用车", MatchGrade.CONFIRMED),
        ("轿车KD件组装", "乘用车", MatchGrade.CONFIRMED),
        ("客车ZK6120制造", "商用车", MatchGrade.CONFIRMED),
        ("客车类", "商用车", MatchGrade.PENDING),
        ("客车试制", "商用车", MatchGrade.PENDING),
        ("宇通客车厂", "商用车", MatchGrade.PENDING),
        ("客车运输", "商用车", MatchGrade.PENDING),
        # 标法第 7 条 (石油钻采配件不标): an oil well's drill or drilling tool is no geological drill; an oil word in
        # another noun phrase, 石油气 (a fuel) or a geological drill after it do not make one, nor is a bit's part
        # another segment's concern
        ("生产、销售：矿山刀具、石油钻具及其机加配件、金刚石制品", "地质装备零配件", None),
        ("石油天然气煤层气钻机（含泥浆泵及固控电控）成套设备及配件的制造", "地质装备零配件", None),
        ("石油钻机、地质钻机及配件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("地质钻机及配件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("石油钻机配件", "地质装备零配件", MatchGrade.EXCLUDED),
        ("石油钻具配件", "地质装备零配件", MatchGrade.EXCLUDED),
        ("液化石油气充装及地质钻机零部件加工", "地质装备零配件", MatchGrade.CONFIRMED),
        ("天然气销售、地质钻机零部件加工", "地质装备零配件", MatchGrade.CONFIRMED),
        ("石油化工设备 钻机零部件", "地质装备零配件", MatchGrade.CONFIRMED),
        ("石油地质勘探钻机零部件", "地质装备零配件", MatchGrade.CONFIRMED),
        ("石油钻头牙掌制造", "钻头材料与配件", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_four(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 34, precision (评测集 README 标法第 3、6、7 条): a vehicle type written before a part or material noun in
    its item qualifies that noun (客车轮罩), as 汽车 does (汽车配件), and is no vehicle made; an oil well's drill
    (石油钻具) is no geological drill."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 4 条 (a) read by 第 1 条: a bare 药品 the firm makes is 药品生产; research, trade or a word it
        # qualifies names no drug made, and another kind of drug beside it leaves it 待定 (第 4 条 (b))
        ("生产：药品", "化学药品", MatchGrade.CONFIRMED),
        ("药品、食品生产、销售", "化学药品", MatchGrade.CONFIRMED),
        ("研制、生产、销售药品", "化学药品", MatchGrade.CONFIRMED),
        ("药品研发与生产", "化学药品", MatchGrade.CONFIRMED),
        ("生产药品；中药饮片加工", "化学药品", MatchGrade.PENDING),
        ("药品开发、咨询服务", "化学药品", None),
        ("药品、医疗器械零售", "化学药品", None),
        ("研发、生产、销售：药品、食品包装用材料", "化学药品", None),
        # ... nor ahead of items sharing a head (第 3 条): packaging, machines, instruments, ingredients for drugs
        ("药品、化妆品包装材料生产", "化学药品", None),
        ("药品、食品检验仪器的生产", "化学药品", None),
        ("药品及医疗器械包装材料生产", "化学药品", None),
        ("药品、卫生材料、敷料生产", "化学药品", MatchGrade.CONFIRMED),
        ("生产：药品及原料", "化学药品", MatchGrade.CONFIRMED),
        ("药品包装材料生产", "化学药品", None),
        ("生产：药品、片剂、蜜丸", "化学药品", MatchGrade.EXCLUDED),
        ("化学药品注册分类第4类药品的研发与生产", "仿制药", MatchGrade.CONFIRMED),
        ("新药品研发与生产", "创新药", MatchGrade.CONFIRMED),
        # 标法第 1 条: a keyword ending in a verb of making shares its thing with the selling written onto it, a note
        # between or after them standing aside (药品生产、销售)
        ("药品生产销售（凭许可证经营）", "化学药品", MatchGrade.CONFIRMED),
        ("药品生产（仅限分支机构）和销售", "化学药品", MatchGrade.CONFIRMED),
        ("药品生产（仅限分支机构）销售", "化学药品", MatchGrade.CONFIRMED),
        # 标法第 6 条 (单写“汽车制造”的标整车) read by 第 1 条: verbs alone after 汽车, one making, make it; a note
        # leaving vehicles out leaves it an item of its own, one listing vehicle types makes it special vehicles
        ("汽车研发、制造、销售", "整车", MatchGrade.CONFIRMED),
        ("汽车（不含小轿车）、汽车配件生产、销售", "整车", MatchGrade.CONFIRMED),
        ("汽车（专用车）制造", "整车", MatchGrade.EXCLUDED),
        ("生产汽车（自卸车、搅拌车）", "整车", MatchGrade.EXCLUDED),
        ("汽车研发、销售", "整车", MatchGrade.EXCLUDED),
        # 标法第 1 条: a clause of bare verbs of making or selling after a verb goes on that verb list, as with 、; a
        # service after a comma is an activity of its own
        ("汽车模具设计，制造，冲压件加工", "模具", MatchGrade.CONFIRMED),
        ("模具设计，生产，销售塑料制品", "模具", MatchGrade.EXCLUDED),
        ("日用百货、服装销售，电子商务", "电子商务服务", MatchGrade.CONFIRMED),
        # 标法第 11 条 (具体的纱线产品): threads spun from yarn, and the texturing that makes 加弹丝; 化纤丝
        # alone is fibre
        ("丙丝化纤线加工", "化纤纱线", MatchGrade.CONFIRMED),
        ("绣花线加工", "纺纱", MatchGrade.CONFIRMED),
        ("花色线、针纺织品的制造", "纺纱", MatchGrade.CONFIRMED),
        ("化纤丝加弹、房屋出租", "化纤纱线", MatchGrade.CONFIRMED),
        ("化纤丝生产", "化纤纱线", None),
        ("石膏花式线条生产", "纺纱", MatchGrade.EXCLUDED),
        ("化纤线绳生产", "化纤纱线", MatchGrade.EXCLUDED),
        # 标法第 11 条: a bare joining word closing a `together` entry (膜 + 布 + 复合) before 材料 is 复合材料, an item
        # of its own beside the film and the cloth, not their joining's product (`head not in JOINING`)
        ("塑料薄膜、编织布、复合材料制造", "面料贴膜", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_three_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 33, recall (评测集 README 标法第 1–12 条): what the rules label that the matcher missed — a bare 药品
    made by the firm is a chemical drug (第 4 条 (a)), a keyword ending in a verb of making is made when selling is
    written onto it (药品生产销售), and so is 汽车 with only verbs after it, one making (第 6 条), and threads and
    texturing are yarn products (第 11 条), and bare verbs after a comma go on the verb list before it (第 1 条) —
    and what a reading must keep excluded."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 5 条: 研制自有新药 needs the drug named (病种) or 报批; a bare 新药 only researched, transferred or
        # consulted on is research, not the firm's own new drug; research beside making stays
        ("新药研发、转让", "创新药", MatchGrade.EXCLUDED),
        ("新药、生物制剂的研制、开发", "创新药", MatchGrade.EXCLUDED),
        ("新药的研发，相关项目的技术成果转让、技术服务", "创新药", MatchGrade.EXCLUDED),
        ("开发研究及报批新药", "创新药", MatchGrade.CONFIRMED),
        ("新药研发、报批", "创新药", MatchGrade.CONFIRMED),
        ("心血管疾病新药的研发", "创新药", MatchGrade.CONFIRMED),
        ("研发、生产、销售仿制药、新药", "创新药", MatchGrade.CONFIRMED),
        # 标法第 4 条 (d): an API whose note names biochemical drugs only (胃膜素、胰酶、胆红素; 肝浸膏, an extract as
        # 流浸膏 is) is no chemical drug; one chemical name in the note (盐酸小檗碱, 第 4 条 (c)) keeps it
        ("生产原料药（胃膜素、胰酶、胆红素、胃蛋白酶）", "化学药品", MatchGrade.EXCLUDED),
        ("片剂、原料药（胃蛋白酶、胰酶、胃膜素、肝浸膏）、硬胶囊剂", "口服固体制剂", MatchGrade.EXCLUDED),
        ("生产：片剂、原料药（盐酸小檗碱、维酶素）、流浸膏剂", "口服固体制剂", MatchGrade.CONFIRMED),
        ("生产原料药（盐酸小檗碱、维酶素）", "化学药品", MatchGrade.CONFIRMED),
        # a note of dosage forms names no drug (决定 D1); 胆红素 and 浸膏 mark a drug's class only as a named API
        ("原料药（片剂、胶囊剂）生产", "化学药品", MatchGrade.CONFIRMED),
        ("体外诊断试剂（总胆红素测定试剂盒）、片剂、胶囊剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("麦芽浸膏、片剂、颗粒剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 1 条: items appended after a comma follow the nearest verb, a selling one opening the clause before
        # them (电瓶 is sold); a clause closing the sentence with a verb of making governs them all, and a sentence mark
        # ends the list
        ("销售汽车、摩托车及其配件，汽车润滑油，电瓶，轮胎；汽车修理", "蓄电池", MatchGrade.PENDING),
        ("生产汽车配件，电瓶，轮胎；汽车修理", "蓄电池", MatchGrade.CONFIRMED),
        ("销售五金，电瓶，轮胎，制造加工；汽车修理", "蓄电池", MatchGrade.CONFIRMED),
        ("销售汽车配件；电瓶，轮胎；汽车修理", "蓄电池", MatchGrade.CONFIRMED),
        ("销售汽车配件，蓄电池，汽车维修、配件加工", "蓄电池", MatchGrade.PENDING),
        ("销售汽车配件，蓄电池(自产)，轮胎", "蓄电池", MatchGrade.CONFIRMED),
        # 标法第 2 条 (r3x123, 为铸钢件做机加工): machining written onto a casting works on it; X加工 makes X, and
        # another part's machining is its making
        ("铸铁件精加工，机械配件、家具制造、加工", "铸造件", MatchGrade.EXCLUDED),
        ("铸铁件加工、销售", "铸造件", MatchGrade.CONFIRMED),
        ("电机端盖精加工", "电机外壳", MatchGrade.CONFIRMED),
        ("压铸精加工", "铸造件", MatchGrade.CONFIRMED),
        # a note left open closing the vehicles' parts still only qualifies them (ITEM_NOTES)
        ("生产汽车及配件(按公告执行", "整车", MatchGrade.CONFIRMED),
        # 标法第 7 条, 决定 D3 and D5: machine names share one part word, but not past an item writing its own
        ("矿山设备、电动滚筒、减速机、水泵配件、电机配件制造、销售", "地质装备零配件", None),
        ("矿山机械、电机配件的加工", "地质装备零配件", MatchGrade.CONFIRMED),
        # 标法第 3 条 (r26x055): a dosage form written onto a disinfectant is its form; one listed beside it is a drug
        ("消毒剂：粉剂消毒剂、片剂消毒剂生产销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂、消毒剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_five(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 35, precision (评测集 README 标法第 1–12 条): what the rules leave unlabelled that the matcher tied — a
    bare 新药 only researched (第 5 条), an API named as a biochemical drug (第 4 条 (d)), goods listed with commas
    after a verb of selling (第 1 条), castings only machined (第 2 条), a mining machine listed before other
    machines' own parts (第 7 条, D3, D5), a disinfectant's dosage form (第 3 条) — and the true ties kept."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条 (a)、(d): plating and surface names the definition covers (GB/T 4754-2017 3360)
        ("加工、维修：各类机械模具、曲轴、轴杆、硬铬", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("金属表面加工：道路普通货物运输", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("真空镀铝膜生产", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("镀铝锌钢板销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 10 条: moulds named by what they shape (离心铸管的管模, 金刚石拉丝模)
        ("管模修造；机加铆焊", "模具", MatchGrade.CONFIRMED),
        ("生产销售微粉、导电钢圈、金刚石模", "模具", MatchGrade.CONFIRMED),
        # 标法第 4 条 (a): a dosage form of the 《中国药典》, no 中药 mark; beside 丸剂 not (第 4 条 (b)); industrial
        # coatings and pastes (涂剂, 糊剂) and infusion devices are no drugs (review34r)
        ("涂剂、搽剂、糊剂生产经营", "化学药品", MatchGrade.CONFIRMED),
        ("生产：搽剂、丸剂", "化学药品", MatchGrade.EXCLUDED),
        ("防水涂剂、防腐涂剂生产", "化学药品", None),
        ("印花糊剂、纺织助剂生产", "化学药品", None),
        ("医用输液袋、输液管生产", "注射剂", None),
        # 标法第 7 条: parts the wording attaches to mining machines (矿山机械零部件)
        ("矿用机械及其零部件的研发、生产、销售", "地质装备零配件", MatchGrade.CONFIRMED),
        # 标法第 6 条 (两类都做的标整车, r5x095) read by 第 1 条: 汽车 made after other bare vehicles, its list
        # closed by 及配件 (the vehicles' own parts); not sold, nor the head a part word shares
        ("制造、销售：农用运输车、汽车及配附件(按国家经贸委公告执行)", "整车", MatchGrade.CONFIRMED),
        ("生产汽车及配件", "整车", MatchGrade.CONFIRMED),
        ("汽车及配件销售", "整车", MatchGrade.EXCLUDED),
        ("制造：拖拉机、汽车、摩托车配件", "整车", MatchGrade.EXCLUDED),
        # ... and 汽车 opening a list of bare vehicles its verbs make, 改装 one more verb beside the making
        ("汽车、农用车制造、销售、改装、维修", "整车", MatchGrade.CONFIRMED),
        ("汽车、农用车改装、销售", "整车", MatchGrade.EXCLUDED),
        ("重型特种汽车及重型半挂车制造", "整车", MatchGrade.EXCLUDED),
        # 标法第 11 条 (泡棉与布的贴合材料): a joining word written onto what is joined, before 材料, is the joining's
        # product; one opening an item of its own (复合材料) is not
        ("TPU膜与面料的贴合材料生产", "面料贴膜", MatchGrade.CONFIRMED),
        ("复合材料、塑料薄膜、编织布制造", "面料贴膜", MatchGrade.EXCLUDED),
        ("生产复合材料、塑料薄膜、编织布", "面料贴膜", MatchGrade.EXCLUDED),
        ("生产经营各款鞋面贴合料", "面料贴膜", MatchGrade.CONFIRMED),
        # 泡棉、海绵 joined without cloth written is not 面料贴膜 (第 11 条: 泡棉与布的贴合材料; review34r)
        ("电子泡棉贴合、模切加工", "面料贴膜", None),
        # 标法第 9 条 (a)、(d) and 第 7 条: 表面技术处理 as an item, 电渡 (电镀 misspelt), 采煤设备及配件
        ("开关柜的加工、销售、表面技术处理", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("人造金刚石、电渡制品、钻探设备制造销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("采煤设备及配件；五金批发", "地质装备零配件", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_four_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 34, recall (评测集 README 标法第 1–12 条): names the segment definitions cover that the keyword lists
    lacked (镀铝, 硬铬, 金属表面加工; 管模, 金刚石模; 搽剂; 矿用机械及其零部件), 汽车 made beside other vehicles and
    its parts (第 6 条), a joining word written onto what is joined (第 11 条), and what must stay excluded."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 6 条 (两类都做的标整车) read by 第 1 条: 改装 listed as one more verb beside the vehicle's own verb of
        # making, or a converted vehicle made beside it, leaves the vehicle made; 改装 alone converts it
        ("汽车制造、销售、改装、维修", "整车", MatchGrade.CONFIRMED),
        ("汽车生产、改装、销售", "整车", MatchGrade.CONFIRMED),
        ("专用车改装、汽车制造", "整车", MatchGrade.CONFIRMED),
        ("载货汽车制造、销售、改装、维修", "商用车", MatchGrade.CONFIRMED),
        ("研制、开发客车及各种改装车", "商用车", MatchGrade.CONFIRMED),
        ("客车改装、销售", "商用车", MatchGrade.EXCLUDED),
        # 改装 after the making verb in the vehicle's own item, or in the verbs around it, is one more verb; 改装 first
        # in its own item is the conversion trade (改装汽车制造: r1x131, r36x117)
        ("汽车制造及改装", "整车", MatchGrade.CONFIRMED),
        ("客车生产和改装", "商用车", MatchGrade.CONFIRMED),
        ("汽车组装、改装", "整车", MatchGrade.CONFIRMED),
        ("生产、改装、销售汽车", "整车", MatchGrade.CONFIRMED),
        ("汽车改装、制造", "整车", MatchGrade.EXCLUDED),
        ("汽车改装制造", "整车", MatchGrade.EXCLUDED),
        ("轿车组装、改装、销售", "乘用车", MatchGrade.CONFIRMED),
        # with a noun after it, a converted vehicle joined by 及 shares that noun (parts, not vehicles), and 改装 after
        # anything but a vehicle is no vehicle conversion (模具的改装 is work on moulds, 标法第 10 条)
        ("客车及改装车配件制造", "商用车", MatchGrade.EXCLUDED),
        ("模具加工、改装、维修", "模具", MatchGrade.CONFIRMED),
        # 标法第 1 条 (及 joins items) and 第 9 条 (a): advice joined after a process is an item of its own beside the
        # process done; the process's own advice (第 9 条 (e)) and what is supplied for it stay excluded
        ("金属材料的表面处理及技术服务", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("各种机械零件、工具表面技术处理及相关技术服务", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("表面处理及技术服务(涉及许可经营的凭许可证经营)", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀技术咨询", "电镀/表面处理", MatchGrade.EXCLUDED),
        # only casting and surface processes so joined, not after site work (第 9 条 (c)) nor a store's (第 12 条)
        ("钢结构制作、安装、防腐喷涂及技术服务", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("制冷设备、冷库及技术服务", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("电镀添加剂销售及技术服务", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 第 9 条 (a): a casting or surface process joined by 及 to its selling is done, as 铸造、销售 is
        ("不锈钢、镍铬合金的铸造和销售", "铸造件", MatchGrade.CONFIRMED),
        ("电镀及销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 第 7 条 (矿山、煤矿、选矿机械……的配件标): the parts of ore-dressing machines written whole
        ("选矿配件加工", "地质装备零配件", MatchGrade.CONFIRMED),
        ("选矿设备及配件制造、销售", "地质装备零配件", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_five_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 35, recall (评测集 README 标法第 1–12 条): 改装 as one more verb of a vehicle its own verbs make, or a
    converted vehicle listed beside it, is no conversion business (第 6 条: 两类都做的标整车); advice joined by 及
    after a process leaves the process done (第 1 条, 第 9 条 (a)), as its selling does; ore-dressing machines'
    parts written whole are 地质装备零配件 (第 7 条)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 11 条 (泡棉与布的贴合材料): 泡棉 or 海绵, a fabric and a joining word in one clause, in any order
        ("鞋、鞋用材料、泡棉制造、贴合加工、布类织带制造、销售", "面料贴膜", MatchGrade.CONFIRMED),
        ("鞋底、无纺布、海绵复合加工及制造", "面料贴膜", MatchGrade.CONFIRMED),
        ("海绵贴合布料", "面料贴膜", MatchGrade.CONFIRMED),
        # no fabric written: foam joined to itself or to parts (第三十四轮复核); nor a joining word opening a
        # product's name in a furniture, bedding or fertiliser list (复合肥, 复合地板, 复合海绵)
        ("海绵复合加工", "面料贴膜", None),
        ("电子泡棉贴合加工", "面料贴膜", None),
        ("沙发布、窗帘布、海绵制造、加工", "面料贴膜", None),
        ("海绵制品、复合材料、布艺制品制造", "面料贴膜", None),
        ("生产海绵、复合肥、布鞋", "面料贴膜", None),
        ("沙发、海绵、布艺、复合地板制造、销售", "面料贴膜", None),
        ("生产：海绵垫、复合海绵、床垫布", "面料贴膜", None),
        ("海绵、布鞋、复合鞋底生产", "面料贴膜", None),
        # 标法第 9 条 (a): 表面精饰, the trade's word for finishing a surface, is the process done; its agents are
        # supplied for it (第 9 条 (e))
        ("电子元器件的生产、经销及表面精饰和处理", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("金属表面精饰加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("金属表面精饰剂的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        # print, wood, leather and stone finishing is no metal's (第 9 条; as 木制品表面涂装)
        ("包装装潢印刷品印刷；印刷品表面精饰加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("出版物印刷，印后表面精饰", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("木制家具表面精饰", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("皮革表面精饰加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("石材表面精饰", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 7 条 (点名属于它们的零件标; 零件要写明……是汽车用): a generic part word right after a keyword of the
        # four systems, with a car named in or before the keyword in its clause, names that system's part; a blank,
        # housing or a tool's part is still supplied for it, and selling stays selling
        ("汽车座位调节器、线控转向系统的关键零件、部件的生产", "汽车关键零部件", MatchGrade.CONFIRMED),
        ("新能源汽车动力总成关键零部件的设计开发、生产", "汽车关键零部件", MatchGrade.CONFIRMED),
        ("汽车转向系统零部件制造", "汽车转向系统", MatchGrade.CONFIRMED),
        ("汽车转向系统零部件批发", "汽车转向系统", MatchGrade.EXCLUDED),
        ("发动机缸体毛坯的铸造", "汽车发动机", MatchGrade.EXCLUDED),
        ("汽车刹车片生产设备制造", "汽车制动系统", MatchGrade.EXCLUDED),
        ("动力总成壳体的加工", "汽车关键零部件", MatchGrade.EXCLUDED),
        ("发动机缸体夹具零件的生产", "汽车发动机", MatchGrade.EXCLUDED),
        ("刹车片压机配件制造", "汽车制动系统", MatchGrade.EXCLUDED),
        ("汽车变速箱检具零部件", "汽车变速器", MatchGrade.EXCLUDED),
        # other systems' parts (减震器, 车桥, 悬架) are none of the four; nor are parts with no car written before them
        ("汽车减震器零部件的生产", "汽车关键零部件", MatchGrade.EXCLUDED),
        ("汽车车桥配件生产、销售", "汽车关键零部件", None),
        ("悬架系统零部件的生产", "汽车关键零部件", MatchGrade.EXCLUDED),
        ("变速器配件的生产", "汽车关键零部件", None),
        ("拖拉机转向器配件制造", "汽车转向系统", MatchGrade.EXCLUDED),
        ("通用汽油发动机零部件的生产", "汽车发动机", MatchGrade.EXCLUDED),
        ("船舶动力总成零部件制造", "汽车关键零部件", MatchGrade.EXCLUDED),
        ("加工、销售：汽油发动机配件、汽车零配件、农业机械配件", "汽车发动机", MatchGrade.EXCLUDED),
        # 再制造 restores used parts, as 维修 does (the seed's 发动机再制造)
        ("汽车发动机零部件再制造", "汽车关键零部件", MatchGrade.EXCLUDED),
        ("汽车发动机零部件制造、再制造", "汽车关键零部件", MatchGrade.CONFIRMED),
        # 第 7 条 (它们的总成, 制动器总成 r9x229; 零件要写明……是汽车用): a brake assembly is the brake system's where
        # its clause names a car, in any order; a bare brake beside motors is an industrial one (r6x114), and a
        # lift's, crane's, tractor's or motorcycle's brake assembly, or one written alone, is no car's
        ("设计、开发、生产、销售制动器总成、减震器、汽车空调零部件", "汽车制动系统", MatchGrade.CONFIRMED),
        ("汽车制动器总成的生产", "汽车制动系统", MatchGrade.CONFIRMED),
        ("制造、销售：电机、制动器", "汽车制动系统", None),
        ("摩托车制动器总成的生产", "汽车制动系统", None),
        ("电梯制动器总成的生产", "汽车制动系统", None),
        ("起重机制动器总成制造", "汽车制动系统", None),
        ("拖拉机制动器总成制造", "汽车制动系统", None),
        ("减速机、制动器总成、联轴器的生产", "汽车制动系统", None),
        ("制动器总成", "汽车制动系统", None),
        # 第 1、11 条: a listed item naming shoe accessories' parts (鞋类辅料配件) still lists the accessories, as a
        # system's parts do; sold, they stay sold
        ("皮鞋，鞋类辅料配件，鞋底的制造、加工、销售", "制鞋辅材", MatchGrade.CONFIRMED),
        ("鞋辅料配件批发", "制鞋辅材", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_six_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 36, recall (评测集 README 标法第 7、9、11 条): foam joined to a fabric named in the same clause is the
    fabric's lamination (第 11 条), 表面精饰 is a surface process written as an item (第 9 条 (a)), and a car's
    system's parts are the system (第 7 条)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条, 第 9 条 (d), D4: plated goods in a verbless trade list are traded; a process there stays done
        ("电镀制品、化工原料及产品", "电镀/表面处理", MatchGrade.PENDING),
        ("电镀制品、铝锭、金属材料、化工原料", "电镀/表面处理", MatchGrade.PENDING),
        ("塑胶、五金电镀制品", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀制品、化工原料的生产", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀、化工原料及产品", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀产品、化工原料", "电镀/表面处理", MatchGrade.PENDING),
        ("镀膜产品、建材", "电镀/表面处理", MatchGrade.PENDING),
        ("电镀产品", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 5 条: a registration category (化学, 生物, 小分子) before 新药 names no disease nor drug, so only
        # researched it is research as the bare 新药 is; a disease or a narrower kind names it, a registration class
        # (一类, 国家1类, Ⅰ类, 2类) is given on 报批, and making or 报批 (申报) beside the research stays
        ("化学新药研发", "创新药", MatchGrade.EXCLUDED),
        ("生物新药的研究开发", "创新药", MatchGrade.EXCLUDED),
        ("新药、生物新药的研制、开发", "创新药", MatchGrade.EXCLUDED),
        ("中药新药研发", "创新药", None),
        ("天然生化广谱抗癌新药的研究、开发", "创新药", MatchGrade.CONFIRMED),
        ("多肽新药研发", "创新药", MatchGrade.CONFIRMED),
        ("小分子新药研发", "创新药", MatchGrade.EXCLUDED),
        ("一类新药研发、转让", "创新药", MatchGrade.CONFIRMED),
        ("国家1类新药的研究、开发", "创新药", MatchGrade.CONFIRMED),
        ("Ⅰ类新药的研究开发", "创新药", MatchGrade.CONFIRMED),
        ("国家一类生物新药的研发", "创新药", MatchGrade.CONFIRMED),
        ("2类新药的研发", "改良型新药", MatchGrade.CONFIRMED),
        ("生物新药的研究开发及产业化", "创新药", MatchGrade.CONFIRMED),
        ("化学新药研发、报批", "创新药", MatchGrade.CONFIRMED),
        ("化学新药研发、注册申报", "创新药", MatchGrade.CONFIRMED),
        ("化学新药开发、申报", "创新药", MatchGrade.CONFIRMED),
        ("化学新药的研究开发及申报", "创新药", MatchGrade.CONFIRMED),
        # 标法第 2 条 (r3x123): machining as the only making written for a cast product, straight before it or heading
        # its list, works on castings cast by others; beside casting (精铸, 熔炼 too) or another verb of making, after
        # the product or in a heading over it, it casts them
        ("机械加工、销售：钢件、铁件、农机配件、铸钢", "铸造件", MatchGrade.EXCLUDED),
        ("玻璃模具加工机加工铸件销售", "铸造件", MatchGrade.EXCLUDED),
        ("机加工：铸铁件", "铸造件", MatchGrade.EXCLUDED),
        ("铸造、机加工：铸铁件", "铸造件", MatchGrade.CONFIRMED),
        ("生产、机加工：铸铁件", "铸造件", MatchGrade.CONFIRMED),
        ("机加工：铸铁件生产", "铸造件", MatchGrade.CONFIRMED),
        ("机械加工及铸件生产", "铸造件", MatchGrade.CONFIRMED),
        ("销售：机加工铸件", "铸造件", MatchGrade.EXCLUDED),
        ("生产：机加工铸件", "铸造件", MatchGrade.CONFIRMED),
        ("生产、销售：机加工铸件", "铸造件", MatchGrade.CONFIRMED),
        ("机加工铸件的生产、销售", "铸造件", MatchGrade.CONFIRMED),
        ("机加工铸件生产", "铸造件", MatchGrade.CONFIRMED),
        ("精加工铸件制造", "铸造件", MatchGrade.CONFIRMED),
        ("机加工铸件、锻件生产", "铸造件", MatchGrade.CONFIRMED),
        ("机加工、精铸：不锈钢精密铸件", "铸造件", MatchGrade.CONFIRMED),
        ("机械加工、熔炼：铸铁件", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 5 条: goods listed before research alone (技术开发) closing their item are its topic, as one product
        # is, not a product list; research beside making, in a clause of its own, or a 新技术 or 成果转化 elsewhere
        # in the item (高新技术产品) leaves the goods listed
        ("化学原料药及其制剂技术开发", "化学药品", MatchGrade.PENDING),
        ("销售：免维护蓄电池、UPS电源；免维护蓄电池、光电仪器等电子产品的技术开发", "蓄电池", MatchGrade.PENDING),
        ("蓄电池及配件技术开发；五金销售", "蓄电池", MatchGrade.PENDING),
        ("蓄电池及其配件的生产、技术开发", "蓄电池", MatchGrade.CONFIRMED),
        ("蓄电池、极板；技术开发、技术服务", "蓄电池", MatchGrade.CONFIRMED),
        ("化学原料药及其制剂；医药技术开发", "化学药品", MatchGrade.CONFIRMED),
        ("蓄电池、电源设备及其技术开发、技术转让", "蓄电池", MatchGrade.EXCLUDED),
        ("高新技术产品：蓄电池、极板", "蓄电池", MatchGrade.CONFIRMED),
        ("新技术产品：铸铁件、铸钢件", "铸造件", MatchGrade.CONFIRMED),
        ("蓄电池、科技成果转化", "蓄电池", MatchGrade.CONFIRMED),
        ("模具、冲压件、技术开发、生产", "模具", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_six(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 36, precision (评测集 README 标法第 1–12 条): readings that generalise — plated goods in a verbless trade
    list are traded (第 1 条, 第 9 条 (d); D4 keeps only processes there); a 新药 with only a registration category
    (化学, 生物) before it is unnamed, as the bare one is, and one with a registration class is not (第 5 条);
    machining as a cast product's only making works on castings (第 2 条); goods listed before research alone are
    its topic (第 5 条)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条 (e) (r9x089): work sent out (外发, 发外, 委外) in the keyword's phrase or opening a note on it is
        # done by another firm; a note sending out another process leaves the thing made, work taken in stays, and
        # the 发外 of 研发外包 or 开发外包 is none
        ("承接电镀业务外发加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("五金零配件（上述产品电镀工序发外加工）", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀委外加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("模具开发外包", "模具", MatchGrade.PENDING),
        ("艺术装饰设计，青铜铸件（外发加工）", "铸造件", MatchGrade.EXCLUDED),
        ("生产经营阀门、五金件（电镀工序发外加工），铸钢件", "铸造件", MatchGrade.CONFIRMED),
        ("承接电镀加工业务", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("承接电镀委外加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("承接电镀外发加工业务", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("模具制造、承接电镀委外加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("承接模具制造、电镀委外加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("模具制造、电镀委外加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀加工（来料加工）", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 9 条 (e): the raw and auxiliary materials of a process (铸造原辅材料, 铸造原、辅材料) are goods it
        # uses, as 铸造材料 is, so the process word there is no verb of making over the list
        ("机械及配件、铸造产品、铸造原辅材料的销售", "铸造件", MatchGrade.EXCLUDED),
        ("经营本企业自产产品、铸造原辅材料和铸件的销售出口业务", "铸造件", MatchGrade.EXCLUDED),
        ("铸造原、辅材料、铸件销售", "铸造件", MatchGrade.EXCLUDED),
        ("铸造、铸造原辅材料销售", "铸造件", MatchGrade.CONFIRMED),
        ("铸件、铸造原辅材料的生产", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 5 条 (r9x222): shoes researched in an item that also makes them are the firm's own; research alone,
        # research whose making is left out, or design beside making (h2sr3) stays the design service
        ("运动鞋、足球鞋及鞋用材料研发、生产、批发零售", "制鞋研发", MatchGrade.EXCLUDED),
        ("硫化鞋、运动鞋等鞋类成品、半成品及鞋类模具的研发、制造", "制鞋研发", MatchGrade.EXCLUDED),
        ("鞋类开发制造", "制鞋研发", MatchGrade.EXCLUDED),
        ("鞋设计、研究、开发及推广；鞋、鞋用材料批发", "制鞋研发", MatchGrade.CONFIRMED),
        ("运动鞋研发；运动鞋生产", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋靴开发不含生产", "制鞋研发", MatchGrade.CONFIRMED),
        ("个性化定制鞋的设计与生产", "制鞋研发", MatchGrade.CONFIRMED),
        # only bare verbs of the firm's own making listed straight after the research word make what it researches;
        # another object made beside it, or making commissioned (委托加工), leaves the research an item of its own
        ("鞋类研发、服装生产", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、服装加工、销售", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类产品研发、塑料制品生产", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋业研发、箱包制作、销售", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类开发、皮革制品加工", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、制鞋机械生产", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、鞋底模具制造", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、鞋业技术服务、皮革加工", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、鞋材生产及销售", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发及委托加工", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、委托加工、销售", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、生产（凭许可证经营）", "制鞋研发", MatchGrade.EXCLUDED),
        ("鞋材料研发加工 焊条烘箱研发", "制鞋研发", MatchGrade.EXCLUDED),
        ("鞋类研发 服装生产", "制鞋研发", MatchGrade.CONFIRMED),
        # making samples or prototypes (样品制作, 打样加工) is the design service's own work, not making shoes
        ("鞋款开发及样品制作", "制鞋研发", MatchGrade.CONFIRMED),
        ("运动鞋研发及样板制作", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋样开发、样鞋制作", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、打样加工", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋类研发、打样、生产", "制鞋研发", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_seven(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 37, precision (评测集 README 标法第 1–12 条): readings that generalise — work sent out is not done
    (第 9 条 (e)), work taken in is (第 9 条 (a)); a process's raw materials are goods supplied to it, not its verb
    (第 9 条 (e)); shoes researched with their own making listed straight after are the firm's own, not the design
    service, and making samples is that service's work (第 5 条)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条 (a), GB/T 4754-2017 3360: 表面防护, 表面防腐, 表面强化 written after metal, parts, workpieces or
        # heat treatment name the surface work on them by its aim, as 表面处理 does; alone they are as often agents,
        # films, site works or non-metal surfaces (第 9 条 (c), (e), 第 3 条), and materials, sold goods, site works
        # and research stay out (第 9 条 (c), (e), 第 5 条)
        ("汽车零部件表面防护、汽车零部件加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("金属、塑料制品表面防腐、防锈处理", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("金属表面强化防护处理加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("各类产品、零部件表面防腐、喷砂", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("机械配件加工；金属热处理和表面防腐", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("表面防腐剂的生产、销售", "电镀/表面处理", None),
        ("金属表面防护剂生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("纸张表面强化剂生产", "电镀/表面处理", None),
        ("表面防护膜的生产、销售", "电镀/表面处理", None),
        ("储罐表面防腐、管道防腐保温", "电镀/表面处理", None),
        ("电力设备表面防腐", "电镀/表面处理", None),
        ("输电铁塔表面防腐", "电镀/表面处理", None),
        ("船舶表面防腐", "电镀/表面处理", None),
        ("桥梁表面防护", "电镀/表面处理", None),
        ("石材表面防护、清洗、结晶处理", "电镀/表面处理", None),
        ("木材表面防腐、炭化处理", "电镀/表面处理", None),
        ("玻璃制品表面强化加工", "电镀/表面处理", None),
        ("汽车漆面镀晶、表面防护、汽车美容", "电镀/表面处理", None),
        ("金属表面防腐材料的销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("金属表面防护涂料的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("金属结构表面防腐工程施工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("金属表面强化技术的开发、咨询", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 第 9 条 (a): 精铸 is 精密铸造 in short, the process and a verb of making the items it governs
        ("熔模精铸不锈钢阀门、机械配件", "铸造件", MatchGrade.CONFIRMED),
        ("锻压、精铸、机械加工", "铸造件", MatchGrade.CONFIRMED),
        # 第 9 条 (a): 铸、锻 and 锻、铸 are 铸锻 and 锻铸 with a mark between, each a single-character process of
        # forming metal; their equipment, advice and sale stay out, art bronze is no casting (第 3 条), and the 铸 of
        # 熔铸, 冶铸 (a smelter's or rolling mill's casting of ingots and billets) and 电铸 (electroforming) is no
        # foundry's
        ("锻、铸、冲压、机械零件加工", "铸造件", MatchGrade.CONFIRMED),
        ("铸、锻、焊加工；钢结构制作", "铸造件", MatchGrade.CONFIRMED),
        ("铸、锻设备的制造", "铸造件", MatchGrade.EXCLUDED),
        ("锻、铸技术咨询", "铸造件", MatchGrade.EXCLUDED),
        ("铸、锻件销售", "铸造件", MatchGrade.EXCLUDED),
        ("锻、铸铜工艺品的制作", "铸造件", MatchGrade.EXCLUDED),
        ("铝及铝合金熔铸、锻造、挤压加工", "铸造件", MatchGrade.EXCLUDED),
        ("铝锭熔铸、锻压加工", "铸造件", MatchGrade.EXCLUDED),
        ("电铸、锻压加工", "铸造件", MatchGrade.EXCLUDED),
        ("铜及铜合金熔铸、锻造、挤压、拉伸", "铸造件", MatchGrade.EXCLUDED),
        ("精铸件销售", "铸造件", MatchGrade.EXCLUDED),
        ("精铸设备的制造", "铸造件", MatchGrade.EXCLUDED),
        # 第 9 条 (a): bare 涂装 listed in one clause with the works' own forming and finishing of parts (压铸, 搪锡,
        # 注塑, 丝印) is painting done in the plant; beside works, repair or its equipment (涂装房, 涂装线), materials
        # and advice it stays out (第 9 条 (c), (e)), a vehicle maker's 冲压、焊装、涂装 or 钣金、涂装 is its own line
        # or a body repair, and a fabric's 涂层 is no painting of parts
        ("铝合金压铸、涂装；电器配件制造", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("塑料件注塑、丝印、涂装加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("涂装、板金、搪锡加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("压铸加工、钢结构涂装工程", "电镀/表面处理", MatchGrade.PENDING),
        ("防腐保温，玻璃钢制品、涂装、冷作、钣金加工", "电镀/表面处理", MatchGrade.PENDING),
        ("注塑、涂装设备的制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("压铸件、涂装材料的销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("汽车钣金、涂装、维修", "电镀/表面处理", None),
        ("钣金加工，涂装施工", "电镀/表面处理", None),
        ("涂装技术咨询；注塑加工", "电镀/表面处理", None),
        ("注塑、丝印；纺织品涂层加工", "电镀/表面处理", None),
        ("载货汽车整车生产（冲压、焊装、涂装、总装）", "电镀/表面处理", None),
        ("汽车钣金、涂装", "电镀/表面处理", None),
        ("汽车钣金涂装", "电镀/表面处理", None),
        ("客车车身钣金、涂装", "电镀/表面处理", None),
        ("农用车生产（钣金、涂装、总装）", "电镀/表面处理", None),
        ("注塑机、涂装房的制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("注塑机、涂装线的制造、销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 第 1 条, 第 6 条: 汽车 made straight after a verb of making, with only its own engine or chassis and
        # parts after it (及发动机和零部件) or a class closing them (及配件等产品), is a vehicle made; an engine's or
        # chassis's parts share their head with 汽车, and selling is no making
        ("研制开发、生产、销售、维修汽车及发动机和零部件；本公司产品的进出口", "整车", MatchGrade.CONFIRMED),
        ("开发、生产、销售汽车及配件等产品，客车底盘的设计", "整车", MatchGrade.CONFIRMED),
        ("生产汽车及底盘、配件", "整车", MatchGrade.CONFIRMED),
        ("生产汽车及发动机零部件", "整车", MatchGrade.EXCLUDED),
        ("生产汽车及底盘零部件", "整车", MatchGrade.EXCLUDED),
        ("销售汽车及发动机和零部件", "整车", MatchGrade.EXCLUDED),
        ("生产汽车及配件等产品的包装材料", "整车", MatchGrade.EXCLUDED),
        # 第 4 条 (a), (b): a pill written onto a health food (丸剂类保健食品) is the food's form, no TCM mark; a pill
        # of the firm's own, or a TCM health food, still marks a TCM maker
        ("生产、销售：片剂、胶囊剂、颗粒剂；生产片剂、丸剂类保健食品", "口服固体制剂", MatchGrade.CONFIRMED),
        ("生产片剂、胶囊剂、丸剂", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂、胶囊剂的生产；丸剂、保健食品的生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂、胶囊剂的生产；中药保健食品的生产", "口服固体制剂", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_seven_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 37, recall (评测集 README 标法第 1、4、6、9 条): surface work named by its aim (表面防护、表面防腐、
    表面强化) on metal or parts is surface treatment, as is bare 涂装 beside the works' own forming of parts
    (压铸、涂装), 精铸 and 铸、锻 are casting, 汽车 made with its own engine and parts after it is a vehicle, and a
    pill form written onto a health food marks no TCM maker."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 第 12 条 (写出冷藏就标) and 第 1 条: 冷藏 after fresh goods is a service, which selling listed with it,
        # written straight onto it (冷藏销售) or keeping fresh between (冷藏、保鲜、销售) does not turn into a sale;
        # nor does a bare selling verb listed before it, or a stray mark after it; 海产品 are fresh goods as 水产品 are.
        # 冷藏 qualifying a product (冷藏柜, 冷藏车, 冷藏食品, 冷藏箱) stays a product, and a heading verb sells
        ("海产品冷藏、批发、零售", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品冷藏、保鲜、销售", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水果、蔬菜冷藏销售", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("鱼饵料销售、水产品冷藏＊", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("生鲜猪肉收购、销售、冷藏服务", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("海鲜冷藏柜、冷藏车的销售", "冷链物流仓储", None),
        ("水产品保鲜剂、冷藏箱的销售", "冷链物流仓储", None),
        ("冷藏食品销售", "冷链物流仓储", None),
        ("水产品冷藏车销售", "冷链物流仓储", None),
        ("销售水产品、冷藏", "冷链物流仓储", MatchGrade.EXCLUDED),
        # 第 1 条, 第 6 条: 汽车 is made where its parts close its item and a making verb follows straight after
        # (汽车及零部件制造), where the items restating it hold bare vehicles too (汽车、汽车底盘、农用车、……制造),
        # where vehicles made after it close with their parts (生产汽车、摩托车及其零部件), and with its engine alone
        # after it (生产汽车及发动机); not a making verb further on, a sale, a special vehicle, nor an engine's parts
        ("汽车及零部件制造、模具设计及制造", "整车", MatchGrade.CONFIRMED),
        ("从事汽车、汽车底盘、农用车、汽车及农用车零配件制造与销售", "整车", MatchGrade.CONFIRMED),
        ("组装、生产汽车、摩托车及其零部件", "整车", MatchGrade.CONFIRMED),
        ("生产汽车及发动机", "整车", MatchGrade.CONFIRMED),
        ("机电建材、金属材料、汽车及配件、普通机械加工", "整车", MatchGrade.EXCLUDED),
        ("汽车及配件销售", "整车", MatchGrade.EXCLUDED),
        ("特种汽车及配件制造", "整车", MatchGrade.EXCLUDED),
        ("汽车、汽车配件、农用车销售", "整车", MatchGrade.EXCLUDED),
        ("生产汽车、摩托车及配件的包装材料", "整车", MatchGrade.EXCLUDED),
        # 第 3 条, 第 7 条, 第 9 条: 铸铁制品 and 铸钢制品 are castings (GB/T 4754-2017 3391), as is 耐磨铸件 beside
        # mining machines; an art casting, a sale and the 铸铁 bought as material stay out. A stray mark closing a
        # listed item (铸件＊) names nothing
        ("锅炉附件制造；铸铁制品", "铸造件", MatchGrade.CONFIRMED),
        ("铸钢制品加工", "铸造件", MatchGrade.CONFIRMED),
        ("矿山机械、耐磨铸件制造、加工、销售", "铸造件", MatchGrade.CONFIRMED),
        ("纺织、电机机械加工，铸件＊", "铸造件", MatchGrade.CONFIRMED),
        ("工艺铸铁制品", "铸造件", MatchGrade.EXCLUDED),
        # 第 3 条: art steel castings, 制品 noted as art goods, and 制品 listed after art goods of the same metal are
        # metal crafts (GB/T 4754-2017 2432), as 工艺铸铁 is; a note leaving art goods out leaves the castings
        ("工艺铸钢制品", "铸造件", MatchGrade.EXCLUDED),
        ("艺术铸钢制品生产", "铸造件", MatchGrade.EXCLUDED),
        ("铸铁制品（工艺品）", "铸造件", MatchGrade.EXCLUDED),
        ("铸铁工艺品、铸铁制品", "铸造件", MatchGrade.EXCLUDED),
        ("铸铁制品（工艺品除外）", "铸造件", MatchGrade.CONFIRMED),
        ("耐磨铸件销售", "铸造件", MatchGrade.EXCLUDED),
        ("铸件＊销售", "铸造件", MatchGrade.EXCLUDED),
        # 第 1 条, 第 9 条 (a): a sale written after goods of its own item (五金制品的销售) governs them alone, so a
        # process listed after it is done; a selling verb opening the clause governs the process too
        ("五金制品的销售、电镀", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("销售、五金制品、电镀", "电镀/表面处理", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_eight_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 38, recall (评测集 README 标法第 1、6、12 条): cold storage of fresh goods listed with their selling is the
    service done, 汽车 listed with its parts, its engine or other vehicles under a making verb is a vehicle made, and
    iron, steel and wear-resistant castings are castings."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 3、4 条: dosage forms in a bracketed note on a health food (保健食品（软胶囊剂）) are the food's forms,
        # as those written onto it are (片剂类保健食品); a form listed as an item of its own beside the food, or in a
        # note on a drug or on a run naming one (药品、保健食品（片剂）), stays a drug's
        ("林蛙产品、保健食品（软胶囊剂）加工、销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("保健食品（片剂、硬胶囊剂）的生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("保健品（口服液、胶囊剂）生产、销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("保健食品（片剂）、胶囊剂的生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("保健食品、片剂（含青霉素类）生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("抗菌药（片剂）生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("药品、保健食品（片剂、胶囊剂）生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("药品、保健品（片剂、颗粒剂）生产、销售", "口服固体制剂", MatchGrade.CONFIRMED),
        ("保健食品生产（片剂、颗粒剂）；药品批发", "口服固体制剂", MatchGrade.EXCLUDED),
        # 标法第 4 条 (d): 生物制剂 is a biological product (or a microbial agent for fish ponds and fields), not a
        # chemical drug's preparation, as the seed's 酶制剂、微生态制剂 are not; a chemical one beside it stays
        ("兽药生产：兽药、添加剂生产、销售；水产用生物制剂生产、销售", "化学药品", MatchGrade.EXCLUDED),
        ("生物制剂生产；药品制剂生产", "化学药品", MatchGrade.CONFIRMED),
        ("冻干粉针剂与生物制剂生产", "注射剂", MatchGrade.CONFIRMED),
        # 标法第 1 条: a forming, casting or plating process named before 机 (压铸机, 注塑机) names the machine, not the
        # firm's verb, so the list after it is governed by its closing 销售 (压铸机械, 铸造机械 too); 压铸机壳 and
        # 冲压机箱 are a housing and a case, 机械 after 加工 is its object, and a keyword's 机柜 is supplied for it
        ("压铸机配件、模具、棉纱销售", "模具", MatchGrade.EXCLUDED),
        ("压铸机配件、五金、棉纱、砂轮、磨料销售", "棉纱", MatchGrade.EXCLUDED),
        ("注塑机、CNC加工中心、电火花机的销售及维修", "数控机床", MatchGrade.EXCLUDED),
        ("压铸机配件、模具制造", "模具", MatchGrade.CONFIRMED),
        ("注塑机、模具的制造", "模具", MatchGrade.CONFIRMED),
        ("压铸机壳、模具", "模具", MatchGrade.CONFIRMED),
        ("压铸机械配件、模具、棉纱销售", "模具", MatchGrade.EXCLUDED),
        ("冲压机箱、模具、五金", "模具", MatchGrade.CONFIRMED),
        ("铸造机械、铸件、锻件的销售", "铸造件", MatchGrade.EXCLUDED),
        ("数据中心机柜制造", "云计算数据中心", MatchGrade.EXCLUDED),
        ("注塑、模具、五金件加工", "模具", MatchGrade.CONFIRMED),
        ("加工机械零部件、模具", "模具", MatchGrade.CONFIRMED),
        # 标法第 1 条: a process with its own material is an activity of its own (铸件、金属热处理加工), a verb
        # heading a list governs it (生产：纱线、针织面料染色加工) and a process joined by 及 is an item of its own;
        # a bare process closing goods (纱线、针织面料染色) still works on them
        ("生产：纱线、针织面料染色加工", "纺纱", MatchGrade.CONFIRMED),
        ("制造电机外壳、五金件喷涂加工", "电机外壳", MatchGrade.CONFIRMED),
        ("电机外壳、五金件及喷涂加工", "电机外壳", MatchGrade.CONFIRMED),
        ("铸件、金属热处理加工；道路货物运输", "铸造件", MatchGrade.CONFIRMED),
        ("铸件、钢材热处理加工", "铸造件", MatchGrade.CONFIRMED),
        ("模具、金属表面处理加工", "模具", MatchGrade.CONFIRMED),
        ("金属结构件、金属热处理加工", "终端结构件", MatchGrade.CONFIRMED),
        ("纱线、针织面料染色", "纺纱", MatchGrade.EXCLUDED),
        ("鞋扣、鞋眼的电镀加工", "鞋扣鞋用五金", MatchGrade.EXCLUDED),
        # 标法第 5 条: 研制 written with 开发 is 研究开发, research, unless the scope says the firm sells its own
        # products (r3x028: 研制、开发客车……销售本企业生产的产品, 标法第 6 条); 研制 beside making, or alone, makes,
        # the pair before selling alone is research and trade (r9x196), the old import right
        # (进口本企业生产、科研所需的……) names no own products, and 鞋业研制开发 is still shoe R&D (第 5 条)
        ("蓄电池新产品研制、开发及技术转让，货物进出口", "蓄电池", MatchGrade.EXCLUDED),
        ("中成药、化学药品制剂研制开发、生药研究", "化学药品", MatchGrade.EXCLUDED),
        ("蓄电池的研制与开发；进口本企业生产、科研所需的原辅材料", "蓄电池", MatchGrade.EXCLUDED),
        ("研制、开发客车及各种改装车；销售本企业生产的产品", "商用车", MatchGrade.CONFIRMED),
        ("蓄电池研制开发，自产产品的销售", "蓄电池", MatchGrade.CONFIRMED),
        ("蓄电池研制、开发、生产、销售", "蓄电池", MatchGrade.CONFIRMED),
        ("蓄电池研制、销售", "蓄电池", MatchGrade.CONFIRMED),
        ("研制、开发、销售蓄电池", "蓄电池", MatchGrade.EXCLUDED),
        ("鞋业研制开发", "制鞋研发", MatchGrade.CONFIRMED),
        ("鞋业研制、开发及技术服务", "制鞋研发", MatchGrade.CONFIRMED),
        ("武器装备研制开发", "武器装备", MatchGrade.EXCLUDED),
        ("武器装备研制、开发、生产", "武器装备", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_eight(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 38, precision (评测集 README 标法第 1–4 条): a health food's dosage forms in a note on it are the
    food's, 生物制剂 is no chemical drug, a process named before 机 names a machine, not the firm's verb, and a list
    closing in a process with its own 加工 is left as written; 研制 with 开发 is research (第 5 条)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条 (a), GB/T 4754-2017 3360: 涂装加工 is coating written as a process item, done in the works; beside
        # site work it is site work (第 9 条 (c)), on wood or furniture it is no metal's, after 钣金 it is body repair
        # (GB/T 4754-2017 8111), and its lines are supplied
        ("复合材料、模压制品、粉末涂料制造、销售；涂装加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("涂装加工、防腐工程施工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("家具涂装加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("木制品涂装加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("涂装加工设备制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("汽车钣金、涂装加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("木材涂装加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("汽车维修；汽车涂装加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("建筑外墙涂装加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("汽车零部件涂装加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 7 条, GB 5763 汽车用制动器衬片: a brake lining after a car in its clause is the brake system's; a
        # crane's or one with no car written is not, and selling stays selling
        ("汽车配件、汽车用制动器衬片、自行车及配件生产", "汽车制动系统", MatchGrade.CONFIRMED),
        ("汽车用制动器衬片销售", "汽车制动系统", MatchGrade.EXCLUDED),
        ("起重机用制动器衬片生产", "汽车制动系统", None),
        ("制动器衬片生产", "汽车制动系统", None),
        ("汽车配件销售、摩托车制动器衬片生产", "汽车制动系统", MatchGrade.EXCLUDED),
        ("汽车配件、起重机制动器衬片制造", "汽车制动系统", MatchGrade.EXCLUDED),
        ("汽车零部件、制动器衬片制造", "汽车制动系统", MatchGrade.CONFIRMED),
        # 标法第 12 条, GB/T 4754-2017 5960: 副食品 (meat, eggs, fish, vegetables) kept cold, 冷藏 heading the
        # phrase; a cold cabinet for them is equipment
        ("副食品速冻、冷藏；自有房屋赁租", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("副食品批发、零售、冷藏", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("副食品冷藏柜销售", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("副食品冷冻、冷藏柜生产", "冷链物流仓储", None),
        ("预包装食品、副食品（含冷藏、冷冻食品）", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("副食品冷冻冷藏", "冷链物流仓储", MatchGrade.CONFIRMED),
        # 标法第 1、11 条: a list of shoes (or uppers, soles) closing in 及辅料, 及辅件 or 及（其他）辅材料 has them
        # govern the shoes, as 及配件 does, 鞋帽 among them (decision D8, r38x192); a shoe word qualifying a mould or
        # selling does not
        ("皮鞋、时装鞋、旅游鞋、拖鞋、服装及辅料加工制造", "制鞋辅材", MatchGrade.CONFIRMED),
        ("生产鞋、鞋面、鞋底及辅件，并销售自产产品", "制鞋辅材", MatchGrade.CONFIRMED),
        ("生产、销售皮鞋、皮革制品及其他辅材料", "制鞋辅材", MatchGrade.CONFIRMED),
        ("皮鞋、服装及辅料批发", "制鞋辅材", MatchGrade.EXCLUDED),
        ("鞋底模具及辅件", "制鞋辅材", None),
        ("服饰、服装辅料、鞋帽、箱包带子及辅料的加工、制造和销售", "制鞋辅材", MatchGrade.CONFIRMED),
        ("服装、鞋帽、箱包及辅料批发、零售", "制鞋辅材", MatchGrade.EXCLUDED),
        ("皮鞋、服装及原辅材料加工制造", "制鞋辅材", MatchGrade.CONFIRMED),
        ("皮鞋、服装及原辅材料批发、零售", "制鞋辅材", MatchGrade.EXCLUDED),
        ("服装及辅料加工", "制鞋辅材", None),
        # 标法第 12 条: storing is the work a cold store does, and the sale written before it is another item's
        # (第 1 条); 代冻 is freezing for others, not the 代 closing 现代; a store's equipment is sold
        ("土特产品、水产品的销售、冷库储存", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("猪牛羊肉禽蛋水产品蔬菜及其制品冷藏代冻冷制品加工", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("现代冻干食品的生产、销售", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("果蔬代冻干加工服务", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("水产品的销售、冷库储存设备", "冷链物流仓储", MatchGrade.EXCLUDED),
        # 标法第 9 条 (a): a coat named by its metal (热镀锌) is the process as 电镀 is, so advice joined to it
        # leaves it done; its own advice and its supplies stay excluded (第 9 条 (e))
        ("热镀锌及技术咨询服务、热镀锌添加剂、助镀剂的生产", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("镀锌技术咨询服务", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("热镀锌添加剂、助镀剂的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 第 9 条 (d): a part of the plated goods (镀锌钢结构件) is itself plated; a part for plating is supplied
        ("加工：镀锌钢结构件", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀电源外壳的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 第 9 条 (e): a part of the line or machine making the plated goods is supplied for plating
        ("镀锌板生产线配件的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("镀锌钢管设备配件的制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("镀锌板机组零部件加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 第 1 条 (写明“主营”的清单按自产读): the register's ＃ closes the 主营 section, so 兼营 opens the next; a
        # grade's # after a number (200#) or a # before 的 is no such mark, and a section's own selling verb sells
        ("主营：模具＃兼营：塑料制品，五金件＃", "模具", MatchGrade.CONFIRMED),
        ("主营：塑料配件＃兼营：五金件，模具＃", "模具", MatchGrade.CONFIRMED),
        ("主营：经销模具＃兼营：塑料制品", "模具", MatchGrade.EXCLUDED),
        ("模具、200#溶剂油销售", "模具", MatchGrade.EXCLUDED),
        ("模具#的销售", "模具", MatchGrade.EXCLUDED),
        # nor a # before a list mark (a stray mark inside the list) or after a Chinese numeral's grade (零#柴油);
        # a run of them (##) closes a section as one does
        ("塑料制品、模具＃、五金件的销售", "模具", MatchGrade.EXCLUDED),
        ("模具、零#柴油销售", "模具", MatchGrade.EXCLUDED),
        ("模具##的销售", "模具", MatchGrade.EXCLUDED),
        ("主营：模具##兼营：塑料制品的销售", "模具", MatchGrade.CONFIRMED),
        ("主营：模具销售＃兼营：塑料制品的制造", "模具", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_nine_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 39, recall (评测集 README 标法第 1、7、9、11、12 条): 涂装加工 is a surface process item, a car's
    制动器衬片 (GB 5763) is its brake system's, 副食品 kept cold is cold storage, and 及辅料 closing a list of
    shoes names the shoes' accessories; a cold store's storing and 代冻 are cold storage, a coat named by its metal
    is a process, a plated part is plated goods, and ＃ closes a register's 主营 section."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 3、7 条, 决定 D6: a wear part (耐磨件, 衬板, 锤头, 齿板, 耐磨铸件) is a mining machine's where the
        # scope writes mining machines anywhere, made or sold, its own clause too; with none, or beside steel balls
        # or building machines, it is not
        ("耐磨铸件制造；矿山机械制造", "矿山机械耐磨件", MatchGrade.CONFIRMED),
        ("生产、销售：耐磨件；销售：矿山设备、金属材料", "矿山机械耐磨件", MatchGrade.CONFIRMED),
        ("耐磨铸件、矿山机械制造", "矿山机械耐磨件", MatchGrade.CONFIRMED),
        ("锤头、齿板加工；球磨机销售", "矿山机械耐磨件", MatchGrade.CONFIRMED),
        ("精密铸件、耐磨铸件制造、销售；机械配件加工、销售", "矿山机械耐磨件", None),
        ("钢、铁件铸造；铬钢衬板、建筑机械配件的加工、制造", "矿山机械耐磨件", None),
        ("钢球、衬板的制造与销售", "矿山机械耐磨件", None),
        ("耐磨铸件销售；矿山机械制造", "矿山机械耐磨件", None),
        # 决定 D6: the context must be mining machines — not mine works, a crusher of plastics, feed or wood (the
        # segment's exclusion words hold it), nor machines a 不含 note leaves out
        ("矿山工程施工；耐磨件生产", "矿山机械耐磨件", None),
        ("塑料破碎机销售；衬板生产", "矿山机械耐磨件", None),
        ("塑料破碎机、锤头制造", "矿山机械耐磨件", None),
        ("矿山治理、耐磨件生产", "矿山机械耐磨件", None),
        ("球磨机、衬板制造", "矿山机械耐磨件", MatchGrade.CONFIRMED),
        ("衬板生产；饲料破碎机销售", "矿山机械耐磨件", None),
        ("耐磨件生产、销售（不含矿山机械制造）", "矿山机械耐磨件", None),
        ("耐磨铸件制造（不含矿山机械）", "矿山机械耐磨件", None),
        ("矿山工程施工；破碎机销售；锤头生产", "矿山机械耐磨件", MatchGrade.CONFIRMED),
        ("塑料破碎机、矿山机械制造；衬板生产", "矿山机械耐磨件", MatchGrade.CONFIRMED),
        # 标法第 7、1 条: another vehicle's part (摩托车刹车片, 摩托车制动器总成) is not a car's, even beside 汽车配件;
        # a car listed straight before that vehicle shares the part as its head (汽车、摩托车刹车片)
        ("生产汽车、摩托车刹车片和离合器片及其他配件", "汽车制动系统", MatchGrade.CONFIRMED),
        ("汽车、摩托车、电动车刹车片生产", "汽车制动系统", MatchGrade.CONFIRMED),
        ("生产汽车、摩托车制动器", "汽车制动系统", MatchGrade.CONFIRMED),
        ("汽车摩托车制动器总成制造", "汽车制动系统", MatchGrade.CONFIRMED),
        ("摩托车制动器总成、汽车配件", "汽车制动系统", MatchGrade.EXCLUDED),
        ("汽车配件销售、摩托车刹车片生产", "汽车制动系统", MatchGrade.EXCLUDED),
        ("汽车维修、摩托车制动器制造", "汽车制动系统", MatchGrade.EXCLUDED),
        # the run of vehicles may hold a longer vehicle name (电动自行车 holds the excluded 自行车刹车片);
        # 非机动车 is no car
        ("汽车、电动自行车刹车片制造", "汽车制动系统", MatchGrade.CONFIRMED),
        ("汽车配件、电动自行车刹车片生产", "汽车制动系统", MatchGrade.EXCLUDED),
        ("非机动车、电动车刹车片生产", "汽车制动系统", MatchGrade.EXCLUDED),
    ],
)
def test_round_thirty_nine_precision(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 39, precision (评测集 README 标法第 1、3、7 条, 决定 D6): wear parts need mining machines somewhere in
    the scope, and a vehicle owns the part of its own list item, a car sharing the head of a run of vehicles."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


def test_together_evidence_leaves_out_list_marks(matcher: SegmentMatcher) -> None:
    """A group word ending in a list's 、 (鞋、 before 及辅料) is quoted without it, as other groups' evidence reads."""
    graded = {m.segment_id: m for m in matcher.graded({"business_scope": "皮鞋、服装及辅料加工制造"})}
    assert graded["segment:制鞋辅材"].evidence == ["经营范围“鞋+及辅料”：生产"]


def test_developed_as_research_quotes_what_the_firm_wrote(matcher: SegmentMatcher) -> None:
    """研制 with 开发 is read as research, but keywords are found in the firm's words, so evidence quotes them."""
    graded = {m.segment_id: m for m in matcher.graded({"business_scope": "鞋业研制开发"})}
    assert graded["segment:制鞋研发"].keywords == ["鞋业研制"]
    assert graded["segment:制鞋研发"].evidence == ["经营范围“鞋业研制”：生产"]


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 3、4 条: dosage forms written right after 保健食品 (保健食品胶囊、片剂) are the food's, as those
        # written before it are (片剂类保健食品); 保健食品 as an item of its own, or a drug between, heads nothing
        ("保健食品胶囊、片剂的生产、加工、销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("保健品片剂生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("保健食品、片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("保健食品及药品片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("保健食品及药品胶囊、片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("保健食品生产；片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 4 条 (b): herbs the firm grows (中草药种植, 中药材种植、销售) mark a TCM maker beside its dosage forms
        # (r28x176, r48x167); herbs only sold, advised or trained on do not, and a stated chemical drug outweighs them
        ("颗粒剂、片剂、硬胶囊剂的生产和销售；中草药种植、国内贸易", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂、颗粒剂生产、销售；中药材种植、销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂、颗粒剂生产；中药材种植技术咨询、销售", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、颗粒剂生产；中药材销售、花卉种植", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、颗粒剂生产；中草药销售", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、颗粒剂生产；中药材种植；化学原料药生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、颗粒剂生产；中药材种植技术培训", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、颗粒剂生产；中药材种植、收购、销售", "口服固体制剂", MatchGrade.EXCLUDED),
        # 标法第 4 条 (d): a vaccine is a biological product, so injections naming one in a note are no chemical
        # drug's; a vaccine made as an item of its own is a second line (round 40), and vaccines only sold, kept
        # cold, carried or given, or the syringes for them, take nothing away
        ("生产、销售小容量注射剂【疫苗（AC群脑膜炎球菌结合疫苗）】", "注射剂", MatchGrade.EXCLUDED),
        ("小容量注射剂生产；疫苗销售", "注射剂", MatchGrade.CONFIRMED),
        ("片剂、注射剂生产；疫苗冷藏运输", "注射剂", MatchGrade.CONFIRMED),
        ("一次性使用疫苗注射器生产；片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("小容量注射剂生产；疫苗接种服务", "注射剂", MatchGrade.CONFIRMED),
        ("片剂生产；疫苗生产", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 9 条 (e): an abrasive after a process is supplied for it (铸造磨料, as 铸造用砂); after a material it
        # is the material (人造金刚石磨料), and a process listed beside 磨料 is done
        ("机械矿山备件、铸造磨料、磨具制造", "铸造件", MatchGrade.EXCLUDED),
        ("电镀磨料生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("铸造、磨料生产", "铸造件", MatchGrade.CONFIRMED),
        ("人造金刚石磨料、磨具的生产", "人造金刚石", MatchGrade.CONFIRMED),
    ],
)
def test_round_thirty_nine(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 39, precision (评测集 README 标法第 3、4、9 条): forms written after 保健食品 are the food's, herbs the
    firm grows and vaccines mark another drug class, and an abrasive after a process is supplied for it."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 4 条 (a), (d): 生物制品 as a class of its own beside dosage forms is a second line (生物制品不另计,
        # r53x034, r56x061); in a note on a form it says the form is biological
        ("颗粒剂、生物制品", "口服固体制剂", MatchGrade.CONFIRMED),
        ("开发、生产、销售栓剂、治疗用生物制品", "化学药品", MatchGrade.CONFIRMED),
        ("生产小容量注射剂（生物制品）", "注射剂", MatchGrade.EXCLUDED),
        ("片剂、颗粒剂、中药饮片生产；生物制品生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("小容量注射剂（治疗用生物制品）生产", "注射剂", MatchGrade.EXCLUDED),
        ("原料药（生物制品）生产", "化学药品", MatchGrade.EXCLUDED),
        # the lead's clarification of 第 4 条 (d): a vaccine reads as 生物制品 does, only a note on a form marks it
        ("疫苗、片剂的生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("生物制品（疫苗）生产、片剂", "口服固体制剂", MatchGrade.CONFIRMED),
        ("注射剂（重组乙型肝炎疫苗）生产", "注射剂", MatchGrade.EXCLUDED),
        # 标法第 7 条: 采掘 machines are mining machines (GB/T 4754-2017 3511), their parts written whole are
        # 地质装备零配件; oil drilling tools' parts are not
        ("采掘机械及配件制造；液压件加工；石油钻采工具及配件加工。", "地质装备零配件", MatchGrade.CONFIRMED),
        ("采掘机配件销售", "地质装备零配件", MatchGrade.EXCLUDED),
        ("石油钻采工具及配件加工", "地质装备零配件", None),
        # 标法第 11 条: 捻纱 and 花色纱 are yarn products, as 捻线 and 花色线 are; the twisting machine is not spinning
        ("花色捻纱生产加工；服装制造、加工。", "纺纱", MatchGrade.CONFIRMED),
        ("花式纱、针织布生产", "纺纱", MatchGrade.CONFIRMED),
        ("捻纱机制造", "纺纱", MatchGrade.EXCLUDED),
        ("花色纱布生产", "纺纱", MatchGrade.EXCLUDED),
        ("花式纱窗生产", "纺纱", MatchGrade.EXCLUDED),
    ],
)
def test_round_forty_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 40, recall (评测集 README 标法第 4、7、11 条): 生物制品 and 疫苗 listed as a class of their own leave
    dosage forms chemical (only a note on a form marks it), 采掘 machines' parts written whole, and 捻纱 and 花色纱
    as yarns (not 花色纱布, a fabric)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 4 条 (d), 决定 D10: a form written in a biological product's note (疫苗（冻干粉针剂）) is biological as
        # one noted with it is, and only that form: tablets beside it stay; a reagent or a class in the note marks none
        ("治疗用生物制品（注射剂）生产", "注射剂", MatchGrade.EXCLUDED),
        ("生物制品（小容量注射剂、冻干粉针剂）的生产", "注射剂", MatchGrade.EXCLUDED),
        ("人用狂犬病疫苗（注射剂）生产", "注射剂", MatchGrade.EXCLUDED),
        ("疫苗（冻干粉针剂）生产；片剂生产", "注射剂", MatchGrade.EXCLUDED),
        ("疫苗（冻干粉针剂）生产；片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("冻干粉针剂（含预防用生物制品）、片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、胶囊剂生产；体外诊断试剂（生物制品）生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("生物制品（血液制品）、小容量注射剂生产", "注射剂", MatchGrade.CONFIRMED),
        # 标法第 12 条: cold-storage equipment is supplied to cold storage, goods only carried and stored are goods
        ("食品冷藏保鲜柜、展示柜制造、销售", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("食品冷藏保鲜箱制造", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("保鲜膜、保鲜袋的生产、储运", "冷链物流仓储", None),
        ("保鲜剂储运", "冷链物流仓储", None),
        ("冷冻机油的储运", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷链设备储运", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷藏车储运", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("储运：含冷冻（冷藏）食品；仓储", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷冻（冷藏）食品储运", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷藏车运输", "冷链物流仓储", MatchGrade.CONFIRMED),
        # 标法第 11 条: glass-fibre yarn is excluded, a mesh or a sari is goods
        ("玻璃纤维捻纱生产", "纺纱", MatchGrade.EXCLUDED),
        ("花式纱网生产", "纺纱", MatchGrade.EXCLUDED),
        ("花色纱丽", "纺纱", MatchGrade.EXCLUDED),
        ("捻纱加工", "纺纱", MatchGrade.CONFIRMED),
        # 标法第 9 条 (e): baking paint followed by its making is a paint made; baking-paint work stays
        ("烘烤漆生产、销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("烘烤漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金件烘烤漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_review(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 40, review (评测集 README 标法第 4、9、11、12 条, 决定 D10): a biological product marks only the form
    noted with it, cold equipment and goods carried are not cold storage, and yarn and paint words that name goods."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 3 条: a motor's fan guard (风罩) covers its cooling fan, not the frame or housing (r54x118); the frame,
        # end cover and housing stay
        ("加工、销售：电机风罩、微型电机及电机配件", "电机外壳", None),
        ("电机风罩、电机端盖的加工", "电机外壳", MatchGrade.CONFIRMED),
        ("电动机机座、风罩制造", "电机外壳", MatchGrade.CONFIRMED),
        # 决定 D9: an end cover listed before 等配件 is named among the motor's parts (r54x182's wording); the fan
        # guard and fan blades so listed name no housing
        ("电机槽楔、风叶、风罩、端盖等配件制造", "电机外壳", MatchGrade.CONFIRMED),
        ("电机槽楔、风叶、风罩等配件制造", "电机外壳", None),
        # 标法第 9 条 (e): a baking paint (烘烤漆) is a paint made for the process, as 氨基烤漆; the process stays
        ("氨基烘烤磁漆、丙烯酸烘烤漆制造、销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("烘烤漆生产；五金件烤漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("环氧烘烤漆、醇酸烘烤漆的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 9 条 (a): 烘烤漆 with no resin named is the process written alone, as 烤漆加工
        ("烘烤漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金件烘烤漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 9 条: leather's tanning and finishing (GB/T 4754-2017 1910) is no metal surface work; a metal one stays
        ("皮革的鞣制、表面精饰", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("皮革的鞣制、表面精饰；五金件表面精饰", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 5 条、第 9 条 (e): a process's 技术的研发 is technology R&D, not the process (r54x123); beside the
        # process done it stays
        ("热浸镀锌技术的研发。", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("热浸镀锌技术的研发；热浸镀锌加工", "电镀/表面处理", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_precision(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 40, precision (评测集 README 标法第 3、5、9 条, 决定 D9): a motor's fan guard is no housing but its end
    cover is, a baking paint and leather finishing are no metal surface work, and a process's technology R&D is not
    the process."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 12 条: 食品冷藏 written whole is a cold-storage service, and 储运 with a cold word is cold storage;
        # the cabinets and trucks, frozen food only sold and a licence's note of frozen food are not
        ("食品冷藏，仓储服务；制冷设备、管道工程维修。", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("储运：含冷冻（冷藏）食品；仓储", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("食品的冷藏柜 销售", "冷链物流仓储", None),
        ("冷藏食品的批发", "冷链物流仓储", None),
        ("食品冷藏展示柜生产", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("预包装食品（含熟食卤味、冷冻冷藏）批发兼零售", "冷链物流仓储", None),
        ("冷藏车销售；货物储运", "冷链物流仓储", None),
        ("液氧、液氮低温储运", "冷链物流仓储", None),
    ],
)
def test_round_forty_cold_chain(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 40, recall (评测集 README 标法第 12 条): food stored cold as a service (食品冷藏) and 储运 written with a
    cold word are 冷链物流仓储; cold cabinets, frozen food sold and gases kept at low temperature are not."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条: an industrial park built for a process's firms serves them (r50x003), as 电镀园区 does; the
        # process done stays
        ("建设电镀工业区及其配套设施", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀工业园的开发建设与管理", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀加工；工业园区厂房租赁", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 6 条: 整车 beside 零担 is a full-load freight lot (r54x230), as 整车零担; the vehicle made stays
        ("代办铁路货物中转、联运、集装箱、整车、零担业务", "整车", MatchGrade.EXCLUDED),
        ("普通货物运输（零担、整车）", "整车", MatchGrade.EXCLUDED),
        ("汽车整车及零部件的制造", "整车", MatchGrade.CONFIRMED),
        # 标法第 11 条: bobbins (纱管) and spinning oils (毛纺油剂) are supplied to spinning (h7fs10, r22x175); yarn
        # stays
        ("粗纱管、细纱管制造", "纺纱", MatchGrade.EXCLUDED),
        ("生产毛纺油剂、长丝油剂", "纺纱", MatchGrade.EXCLUDED),
        ("细纱加工", "纺纱", MatchGrade.CONFIRMED),
        ("纱线、纱管销售；纺纱", "纺纱", MatchGrade.CONFIRMED),
        # 标法第 12 条: 限非冷藏 leaves chilled goods out (r27x197); a cold store let beside it stays
        ("蛋白同化制剂及肽类激素（限非冷藏及冷冻药品）的批发", "冷链物流仓储", None),
        ("药品批发（限非冷藏冷冻药品）；冷库租赁", "冷链物流仓储", MatchGrade.CONFIRMED),
        # 标法第 12 条: 冷藏 bracketed in a frozen food's name is the food's kind (r7x007), and a chilled box is
        # supplied to cold storage (r55x053); the cold-storage service stays
        ("预包装食品、农副产品、冷冻（冷藏）食品、服装鞋帽", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷藏保鲜箱、保温箱的加工", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷冻（冷藏）服务", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷藏保鲜；果蔬销售", "冷链物流仓储", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_second_pass(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 40, second precision pass (评测集 README 标法第 6、9、11、12 条): a park for a process's firms, a freight
    lot, a spinning supply, a note leaving chilled goods out, a chilled food's kind and a chilled box name none of
    those segments."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 决定 D11: metallised packaging film and the bags made of it are film and packaging making (r46x076, r31x135,
        # r64x087), not a coat put on metal goods; aluminising wire or plastic parts and plating beside the film stay
        ("生产、销售：聚酯、镀铝聚酯、聚乙烯药品包装用复合膜", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("加工、销售塑料复合袋、镀铝袋、三复合袋", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("镀铝膜、镀铝纸的生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("生产、销售自产的彩印复合塑料包装材料、真空镀铝彩印包装材料。", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("钢丝热浸镀铝加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("塑料件真空镀铝加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("镀铝膜生产；五金件电镀加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # the laminates, bags, transfer paper and film aluminised by the roll under their other names (review final41)
        ("镀铝复合膜生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("镀铝复合袋、塑料编织袋生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("镀铝转移纸生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("塑料薄膜真空镀铝加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("五金件真空镀铝加工", "电镀/表面处理", MatchGrade.CONFIRMED),
    ],
)
def test_decision_d11(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Decision D11 (评测集 README): packaging film aluminised by the roll is a film maker's product, not the surface
    work on metal objects that 电镀/表面处理 (3360) supplies to parts makers."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 12 条, GB/T 4754-2017 5960: fruit (果品) and others' goods (货物) kept cold, 冷藏 heading the item, are
        # a cold-storage service (r62x231, r57x233); a cold cabinet or truck after them is a product, and a heading
        # verb of selling sells
        ("果品冷藏、果品购销。", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品初加工，水产品销售，普通货物冷藏", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("果品冷藏柜销售", "冷链物流仓储", None),
        ("货物冷藏车销售", "冷链物流仓储", None),
        ("销售果品、冷藏", "冷链物流仓储", MatchGrade.EXCLUDED),
        # the same after quick-freezing (急冻, 速冻; r60x073): the goods are frozen and kept cold; equipment and
        # cabinets stay products, 速冻 after 冷藏 is not read, and goods with chilled ones left out are not stored cold
        ("制冰销售，急冻、冷藏，水产品加工、销售。", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("速冻、冷藏设备销售", "冷链物流仓储", None),
        ("速冻食品加工、冷藏柜", "冷链物流仓储", None),
        ("冷藏、速冻设备制造", "冷链物流仓储", None),
        ("普通货物运输（不含冷藏、危险品）", "冷链物流仓储", None),
        # 标法第 11 条: 并线 (doubling single yarns into ply yarn) is a yarn product, as 捻线 (r59x011, r62x029); the
        # doubling machine, a wire connector (并线器) and stranding wires are not
        ("织布；并线；服装的制造、加工", "纺纱", MatchGrade.CONFIRMED),
        ("并线机、捻线机的制造", "纺纱", MatchGrade.EXCLUDED),
        ("电线并线器生产", "纺纱", MatchGrade.EXCLUDED),
        ("电线电缆并线加工", "纺纱", MatchGrade.EXCLUDED),
        # review: doubling electronic wire, steel wire or a harness, and the connectors and tools named 并线, are not
        # yarn; fishing-net twine doubled is
        ("电子线并线加工", "纺纱", MatchGrade.EXCLUDED),
        ("钢丝并线", "纺纱", MatchGrade.EXCLUDED),
        ("汽车线束并线", "纺纱", MatchGrade.EXCLUDED),
        ("并线夹生产", "纺纱", MatchGrade.EXCLUDED),
        ("汽车并线辅助系统的研发", "纺纱", MatchGrade.EXCLUDED),
        ("渔网线并线", "纺纱", MatchGrade.CONFIRMED),
        # 标法第 9 条 (a): 涂漆加工 is painting registered as a process item (r63x048), as 涂装加工; furniture and car
        # body painting, the paint shop's equipment and site painting are not
        ("涂漆加工；五金件、机械零部件的制造、加工、销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("家具涂漆加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("汽车钣金涂漆加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("涂漆加工设备制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("涂漆施工", "电镀/表面处理", None),
        # review: the exclusions of 涂装加工 hold for 涂漆加工 (wood, building), and painting steel structures, ships
        # and bridges is site painting (9 (c)); a metal part's painting stays
        ("木门涂漆加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("外墙涂漆加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("钢结构涂漆加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("船舶涂装加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("金属构件涂漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 1 条: 整修 is repairing, one more verb in a list with making (r63x125); repairing alone is not making
        ("生产、整修和销售用于容器和器皿的模具和铸件", "模具", MatchGrade.CONFIRMED),
        ("生产、整修和销售用于容器和器皿的模具和铸件", "铸造件", MatchGrade.CONFIRMED),
        ("模具整修、销售", "模具", MatchGrade.EXCLUDED),
        ("铸件整修", "铸造件", MatchGrade.EXCLUDED),
    ],
)
def test_round_forty_one_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 41, recall (评测集 README 标法第 1、9、11、12 条): fruit and goods stored cold, and 冷藏 after
    quick-freezing, are cold storage, 并线 makes ply yarn, 涂漆加工 is a surface process, and 整修 is a verb of
    repairing beside making, never making alone."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 1 条: 冲压 heading 件 names the stamped part, a good, not the firm's verb (r57x025, r59x121); a list
        # with a verb of making stays made
        ("销售小五金、模具、冲压件", "模具", MatchGrade.EXCLUDED),
        ("冲压件、模具、饰品的销售", "模具", MatchGrade.EXCLUDED),
        ("模具、冲压件的生产", "模具", MatchGrade.CONFIRMED),
        ("铝合金压铸件生产", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 9 条 (e): a fixture holding the work in the process (电镀吊板, 喷涂夹具) is supplied to it (r64x131),
        # as 电镀挂具 is; the plating done stays
        ("电镀吊板、电镀添加剂制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("喷涂夹具制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀加工；电镀挂具销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 9 条 (c): painting brushed on, on walls or spraying insulation is site work (r60x187, r64x185); a
        # spraying service written alone or in a plant stays, and a house let, a wall paint or a vacuum flask
        # beside it is no site work
        ("房屋涂料涂刷及喷涂服务", "电镀/表面处理", MatchGrade.PENDING),
        ("建筑保温材料制造和喷涂服务", "电镀/表面处理", MatchGrade.PENDING),
        ("外墙喷涂", "电镀/表面处理", MatchGrade.PENDING),
        ("涂料销售及喷涂服务", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金喷涂加工，房屋租赁", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("内墙涂料生产、五金喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("保温杯生产、喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("保温材料销售、喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("金属件涂刷、喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("防锈涂刷加工、喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 11 条: yarn bleached, scoured or printed and dyed is worked on, not spun (r60x162, r51x206); yarn
        # made beside a dyeing item stays
        ("棉纱炼白、整理、染色加工", "棉纱", MatchGrade.EXCLUDED),
        ("棉纱、绒线的印染", "棉纱", MatchGrade.EXCLUDED),
        ("纱线漂白加工", "纺纱", MatchGrade.EXCLUDED),
        ("棉纱、绒线的生产；面料印染", "棉纱", MatchGrade.CONFIRMED),
        # spinning listed beside dyeing or bleaching is two activities (纱、 closes its item, 标法第 1 条)
        ("纺纱、印染", "纺纱", MatchGrade.CONFIRMED),
        ("纺纱、漂白", "纺纱", MatchGrade.CONFIRMED),
        ("纺纱、染色", "纺纱", MatchGrade.CONFIRMED),
        ("纺纱、面料印染", "纺纱", MatchGrade.CONFIRMED),
        ("针织、纱、面料印染", "纺纱", MatchGrade.EXCLUDED),
        ("铸造、零件清洗", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 3、4 条: 保健食品 and a colon head the named forms listed after it (r60x027), as 保健食品胶囊、片剂;
        # 保健食品 as an item of its own, a drug after the colon and a health-food factory making a drug stay drugs
        ("保健食品：力源胶囊、清韵颗粒剂生产经营", "口服固体制剂", MatchGrade.EXCLUDED),
        ("保健食品：片剂、胶囊剂生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("保健食品、片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("保健食品：药品片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("保健食品厂生产阿莫西林胶囊", "化学药品", MatchGrade.CONFIRMED),
        # 标法第 3 条: a casting keyword heading a cooking or art ware names that ware (r38x046, r61x023); castings
        # listed beside wares stay castings
        ("搪瓷铸铁锅制造", "铸造件", MatchGrade.EXCLUDED),
        ("铸铁炊具及搪瓷制品的生产、销售", "铸造件", MatchGrade.EXCLUDED),
        ("精铸工艺品制造", "铸造件", MatchGrade.EXCLUDED),
        ("压铸锅具生产", "铸造件", MatchGrade.EXCLUDED),
        ("铸铁件、工艺品制造", "铸造件", MatchGrade.CONFIRMED),
        ("铸造、工艺品加工", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 3、4 条: an aerosol or spray beside mosquito coils, mothballs or air fresheners is theirs (r30x101); a
        # drug's aerosol or nasal spray in a list of forms stays a drug
        ("制造蚊香、卫生球、气雾剂、空气清新剂、洗涤剂", "化学药品", MatchGrade.EXCLUDED),
        ("杀虫气雾剂生产", "化学药品", MatchGrade.EXCLUDED),
        ("沙丁胺醇气雾剂生产", "化学药品", MatchGrade.CONFIRMED),
        ("鼻用喷雾剂、滴眼剂生产", "化学药品", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_one_precision(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 41, precision (评测集 README 标法第 1、3、4、9、11 条): a stamped part is a good, not a verb; a fixture
    for a process, painting on site, yarn worked on, a health food's forms, a cast ware and a household spray name
    none of those segments; spinning or casting listed beside a process done to things stays."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条 (c): brushing paint (涂刷) is site work only on a building; brushing hardware or pipes and
        # brushing tools leave plant spraying 确认, insulated pipes and boards sprayed in a plant too (its 管材、零件)
        ("五金涂刷、喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("钢管涂刷、喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("油漆涂刷工具制造、五金喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("涂刷工具、喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("房屋涂料涂刷及喷涂服务", "电镀/表面处理", MatchGrade.PENDING),
        ("保温管喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("保温管道喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("保温板喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("建筑保温材料制造和喷涂服务", "电镀/表面处理", MatchGrade.PENDING),
        # 涂漆 reads as its twin 喷漆: on walls or beside building work it is site painting, and 涂漆加工 is an item
        # of its own, not the object of 施工 before it
        ("内墙涂漆加工", "电镀/表面处理", MatchGrade.PENDING),
        ("墙面涂漆加工", "电镀/表面处理", MatchGrade.PENDING),
        ("房屋涂刷、涂漆加工", "电镀/表面处理", MatchGrade.PENDING),
        ("建筑工程施工、涂漆加工", "电镀/表面处理", MatchGrade.PENDING),
        ("建筑工程施工、喷漆加工", "电镀/表面处理", MatchGrade.PENDING),
        ("涂漆加工；五金件、机械零部件的制造", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 11 条: 并线 in a clause naming wire or cable strands it; yarn and net twine plied stay
        ("电线电缆、铜绞线、并线加工", "纺纱", MatchGrade.EXCLUDED),
        ("漆包线、并线生产", "纺纱", MatchGrade.EXCLUDED),
        ("绞线、并线加工", "纺纱", MatchGrade.EXCLUDED),
        ("纱线、并线加工", "纺纱", MatchGrade.CONFIRMED),
        ("棉纱、并线", "纺纱", MatchGrade.CONFIRMED),
        ("渔网线并线", "纺纱", MatchGrade.CONFIRMED),
        # 标法第 3 条: the bare process 铸造 before wares, or wares joined to parts, casts; wares named by metal or
        # make stay wares
        ("铸造工艺品及机械配件生产", "铸造件", MatchGrade.CONFIRMED),
        ("精铸工艺品及机械配件生产", "铸造件", MatchGrade.CONFIRMED),
        ("铸铁锅、精铸工艺品", "铸造件", MatchGrade.EXCLUDED),
        # 标法第 3、4 条: a spray among pharmacopoeia forms is a drug's; beside insecticide in its item, or in a
        # household clause with no other form, it is the household good's
        ("片剂、气雾剂、杀虫剂生产", "化学药品", MatchGrade.CONFIRMED),
        ("杀虫气雾剂、片剂生产", "化学药品", MatchGrade.EXCLUDED),
        ("制造蚊香、卫生球、气雾剂、空气清新剂", "化学药品", MatchGrade.EXCLUDED),
    ],
)
def test_round_forty_one_review(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 41's review (评测集 README 标法第 3、4、9、11 条): brushing is site work only on buildings, 涂漆 reads as
    喷漆, 并线 beside cables strands wire, and cast wares or household sprays yield to a casting process or a list of
    drug forms."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 11 条: 纺线, 绒纱 and made 缝纫线 are yarn products (r39x237, r58x128, r68x107), as 制线 and 羊绒纱;
        # their machines, 植绒纱窗 (a flocked screen) and sewing thread only sold are not
        ("纺线；腈纶毯，针织服装加工、销售", "纺纱", MatchGrade.CONFIRMED),
        ("织布，绒纱制造、加工，针纺织品销售", "纺纱", MatchGrade.CONFIRMED),
        ("布面胶鞋、缝纫线、线绳加工、销售", "纺纱", MatchGrade.CONFIRMED),
        ("销售：白布、手套、缝纫线", "纺纱", MatchGrade.EXCLUDED),
        ("纺线机制造", "纺纱", MatchGrade.EXCLUDED),
        ("绒纱机的生产", "纺纱", MatchGrade.EXCLUDED),
        ("植绒纱窗生产", "纺纱", MatchGrade.EXCLUDED),
        # review: a 绒纱 glove or cloth, a thread tube (as 纱管) and sewing-thread oil (as 纺纱油剂) are no yarn
        ("劳保用品、绒纱手套加工", "纺纱", MatchGrade.EXCLUDED),
        ("绒纱布生产", "纺纱", MatchGrade.EXCLUDED),
        ("纺线管、缝纫线管生产", "纺纱", MatchGrade.EXCLUDED),
        ("缝纫线油生产", "纺纱", MatchGrade.EXCLUDED),
        ("缝纫线轴生产", "纺纱", MatchGrade.EXCLUDED),
        # the same: 涤纱 is polyester yarn and 包纱 covered yarn (r47x073, r60x025), as 涤纶纱 and 包覆纱; a covering
        # machine and gauze (包纱布) are not yarn
        ("棉纱、涤纱、混纺纱加工、销售", "化纤纱线", MatchGrade.CONFIRMED),
        ("加工、销售：棉纺织品、氨纶包纱", "化纤纱线", MatchGrade.CONFIRMED),
        ("棉纱、涤纱的购销", "化纤纱线", MatchGrade.EXCLUDED),
        ("包纱机制造", "化纤纱线", MatchGrade.EXCLUDED),
        ("医用包纱布生产", "化纤纱线", MatchGrade.EXCLUDED),
        ("涤纱布生产、销售", "化纤纱线", MatchGrade.EXCLUDED),
        # 标法第 7 条: a gearbox after a car in its clause is the car's (r31x026, r57x144, r68x225), as the cylinder
        # liner is the engine's; one in another clause, one written for another machine, a gearbox housing (h2ak1)
        # and a bare list with no verb are not confirmed
        ("汽车齿轮、变速箱、农机配件制造销售", "汽车变速器", MatchGrade.CONFIRMED),
        ("汽车齿轮及变速箱的生产销售", "汽车变速器", MatchGrade.CONFIRMED),
        ("齿轮、变速箱制造、销售；汽车零部件及配件制造销售", "汽车变速器", None),
        ("变速箱、汽车配件制造", "汽车变速器", None),
        ("汽车配件、摩托车变速箱制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("汽车零部件、变速箱壳体制造", "汽车变速器", MatchGrade.EXCLUDED),
        # review: nor one written for farm, construction or ship machinery, which the car before does not make a car's
        ("汽车配件、收割机变速箱制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("汽车零部件、装载机变速箱、挖掘机变速箱生产", "汽车变速器", MatchGrade.EXCLUDED),
        ("汽车配件、拖拉机变速器制造", "汽车变速器", MatchGrade.EXCLUDED),
        # fix42: nor one for a farm vehicle (r6x031), an electric vehicle or tricycle, a machine tool or a wind
        # turbine, written 箱 or 器
        ("汽车配件、农用车变速箱制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("汽车配件、电动车变速器制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("汽车配件、三轮车变速器制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("汽车配件、装载机变速器制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("汽车配件、机床变速箱制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("汽车配件、风电变速箱制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("剪板机，汽车变速箱，汽车配件，机械加工", "汽车变速器", MatchGrade.PENDING),
        # the same: 汽车方向盘 is the steering wheel (r36x214, r65x210), and 汽车缸体, 汽车缸盖 the engine's block and
        # head (r66x132, r68x164); a wheel cover, leather or not, is an accessory
        ("制造、加工：汽车方向盘、五金配件", "汽车转向系统", MatchGrade.CONFIRMED),
        ("汽车方向盘套、坐垫生产", "汽车转向系统", MatchGrade.EXCLUDED),
        ("汽车方向盘皮套生产", "汽车转向系统", MatchGrade.EXCLUDED),
        # review: a wheel trim is an accessory, a wheel switch a car electric (标法第 7 条: another system)
        ("汽车方向盘装饰件、坐垫生产", "汽车转向系统", MatchGrade.EXCLUDED),
        ("汽车方向盘开关生产", "汽车转向系统", MatchGrade.EXCLUDED),
        ("汽车缸盖以及相关配件的设计、铸造、加工", "汽车发动机", MatchGrade.CONFIRMED),
        ("汽车缸体、缸盖加工、制造、销售", "汽车发动机", MatchGrade.CONFIRMED),
        # review: a block or head blank is a casting supplied to the engine (h7cs05), as for 发动机缸体
        ("汽车缸体毛坯铸造", "汽车发动机", MatchGrade.EXCLUDED),
        ("发动机缸盖毛坯的铸造、销售", "汽车发动机", MatchGrade.EXCLUDED),
        # fix42: also where 毛坯 closes the list the car part opens; the casting itself stays
        ("汽车缸体、缸盖毛坯铸造", "汽车发动机", MatchGrade.EXCLUDED),
        ("汽车缸体、缸盖毛坯铸造", "铸造件", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_two_recall(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 42, recall (评测集 README 标法第 7、11 条): 纺线, 绒纱, 缝纫线, 涤纱 and 包纱 name yarn, and a gearbox,
    steering wheel, cylinder block or head written for a car is its key component; one written for another vehicle or
    machine, or a blank, is not."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条 (a): painting written onto a plastic, aluminium or container object is done on wares in the works
        # (r61x004, r41x216, r43x170), and 喷锌 is a sprayed zinc coat (r45x110); their paint lines and booths, the
        # zinc wire, a coating works' site job and bare 涂装 are not
        ("加工：塑料涂装、烫印。厨房设备配件。", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("塑料制品、机械零件及模具加工，铸铝涂装。（生产、加工、销售）", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("压力容器制造、容器涂装", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("钢铁制件渗喷锌。建筑五金，渗锌设备制造。", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("塑料涂装线的生产、安装", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("塑料涂装房制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("喷锌丝生产、销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("容器涂装工程施工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("塑料涂装材料销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("涂装服务；零售装饰材料", "电镀/表面处理", None),
        # fix42: 喷锌 reads as 热镀锌 does: its liquid and power supply are supplies (第 9 条 (e)), after 及其 or
        # before 本公司 it is done on the firm's own goods (第 9 条 (b)), an item with advice is done; the aluminium
        # and container paint lines and booths are equipment
        ("喷锌电源制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("喷锌液生产", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("钢管生产及其喷锌", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("喷锌本公司生产的钢管", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("喷锌及技术咨询服务", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("热镀锌及技术咨询服务", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("铸铝涂装线制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("铝件涂装房", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("容器涂装房制造", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 1 条, 第 9 条 (a): a verb of making written with a verb of selling shares its goods (r51x186), as
        # 铸造、加工、销售钢件; selling what the process uses (sand, materials, equipment) still only supplies it
        ("铸造、销售钢件；销售金属材料及制品", "铸造件", MatchGrade.CONFIRMED),
        ("电镀、销售五金件", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("铸造、销售铸造材料", "铸造件", MatchGrade.EXCLUDED),
        ("电镀、销售电镀设备", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("铸造、销售覆膜砂", "铸造件", MatchGrade.EXCLUDED),
        # fix42: shared wares are parts or metal, plastic and rubber wares; refractory, graphite and chemical wares
        # are supplied to the process (第 9 条 (e))
        ("铸造、销售五金件", "铸造件", MatchGrade.CONFIRMED),
        ("铸造、销售铝合金制品", "铸造件", MatchGrade.CONFIRMED),
        ("铸造、销售耐火制品", "铸造件", MatchGrade.EXCLUDED),
        ("铸造、销售石墨制品", "铸造件", MatchGrade.EXCLUDED),
        ("电镀、销售化工制品", "电镀/表面处理", MatchGrade.EXCLUDED),
    ],
)
def test_round_forty_two_recall_review(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 42, review (评测集 README 标法第 1、9 条): a painted plastic, aluminium or container object and a sprayed
    zinc coat name surface treatment, and a process verb sold with its metal or plastic wares is done; their
    equipment, materials and site jobs are not."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 4 条 (d): 生化药品 is a biochemical drug, not the 化药 (化学药) that outweighs the other marks; 化药
        # written as such still does, and so does a named chemical API beside 生化药品. It marks a form only written
        # onto it or noted with it (as D10 reads 生物制品); listed on its own it leaves the forms chemical (第 4 条 (a))
        ("生化药品、生化药品试剂、生化药品片剂、生化药品其它制剂制造", "口服固体制剂", MatchGrade.EXCLUDED),
        ("生化制剂、片剂生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("片剂（生化药品）、胶囊剂生产", "口服固体制剂", MatchGrade.EXCLUDED),
        ("生化药品、片剂、胶囊剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、胶囊剂、颗粒剂、生化药品的生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("化药制剂、片剂、合剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、胶囊剂、生化药品、原料药（盐酸小檗碱）生产", "化学药品", MatchGrade.CONFIRMED),
        # 标法第 4 条 (b): 药酒 is 酒剂, a TCM form; 医药酒精 is no 药酒, nor is a 药酒 among liquors, a 配制酒
        ("口服液、片剂、胶囊剂、冲剂、饮料、药酒的制造、销售", "口服固体制剂", MatchGrade.EXCLUDED),
        ("白酒、药酒生产；片剂、胶囊剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("白酒、黄酒、药酒、片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("保健酒、药酒（配制酒）生产；片剂生产", "口服固体制剂", MatchGrade.CONFIRMED),
        ("片剂、胶囊剂、医药酒精的制造", "口服固体制剂", MatchGrade.CONFIRMED),
        # 标法第 3 条: a form written into a cosmetics licence's unit is a cosmetic's
        ("膏霜乳液单元；气雾剂及有机溶剂单元（有机溶剂类）", "化学药品", MatchGrade.EXCLUDED),
        ("气雾剂、片剂生产", "化学药品", MatchGrade.CONFIRMED),
        # 标法第 9 条 (b): 及其 refers a process to the goods just made, also past a treatment joined before it; 及其他
        # goes on to other goods, a process listed on its own stays, and 及其 before plated or woven goods makes them
        ("生产和销售五金制品及其配套电镀，产品全部外销", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("各种五金、塑胶件生产及其表面处理和电镀加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("五金件生产及其他热处理和电镀加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金制品生产及电镀加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("生产五金件及其电镀制品", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("生产各类合成纤维单丝、复丝及其织造品；销售自产产品", "织造", MatchGrade.CONFIRMED),
        # 标法第 9 条 (e): a power supply for plating is supplied to the process; plating beside it stays
        ("塑料粉末、电镀挂具、五金件、电镀电泳电源制造、加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀电源制造；五金件电镀加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 9 条 (c): a building's inside and outside painted is site work, as its walls are; plant spraying
        # beside interior goods stays
        ("室内外喷涂", "电镀/表面处理", MatchGrade.PENDING),
        ("室外喷漆加工", "电镀/表面处理", MatchGrade.PENDING),
        ("室内装饰材料、喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_two_precision(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 42, precision (评测集 README 标法第 3、4、9 条): 生化药品 states no chemical drug and marks only a form
    written onto or noted with it, 药酒 but among liquors is a TCM form, a
    cosmetics unit's form names no drug, 及其 refers a process to the firm's own goods, a process's power supply is
    supplied to it, and a building's rooms painted are site work."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 9 条 (b): 及其 ties a process to the firm's own goods only where it makes them; goods sold or taken in
        # are not its own, and the process listed after them stays an item (第 9 条 (a))
        ("五金制品销售及其电镀加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("汽车配件批发、零售及其喷涂加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("客户来料及其电镀加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("塑料制品生产及其电镀加工", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 3 条: only the cosmetics licence's unit makes a form a cosmetic's; a drug plant's unit stays a form
        ("医用气雾剂单元、片剂生产", "化学药品", MatchGrade.CONFIRMED),
        ("小容量注射剂单元、片剂", "注射剂", MatchGrade.PENDING),
        ("化妆品生产（一般液态单元、气雾剂单元）", "化学药品", MatchGrade.EXCLUDED),
        # 标法第 12 条: a process word listed bare before a later equipment head shares it (冷藏设备, 冷藏柜 are
        # equipment, no 冷藏服务); an item that is no such head or an activity is no shared head, and a process
        # written onto its goods is the service whatever follows (r3x069, r8x102)
        ("速冻、冷藏、制冰设备的生产", "冷链物流仓储", None),
        ("水产品、蔬菜冷藏、保鲜设备销售", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品冷藏、冷库设备销售", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品冷藏、冷藏车", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("蔬菜冷藏、保鲜柜", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("普通货物冷藏、冷藏车", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("速冻、冷藏、保鲜、制冰机", "冷链物流仓储", None),
        ("水产品、蔬菜冷藏、保鲜服务", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品冷藏、销售；制冰设备销售", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("水产品、蔬菜冷藏、保鲜车辆运输", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("速冻、冷藏、制冰", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("速冻、冷藏、水产品加工", "冷链物流仓储", MatchGrade.CONFIRMED),
        ("冷藏运输、制冷设备的生产、销售", "冷链物流仓储", MatchGrade.CONFIRMED),
        # 标法第 11 条: 网线 is a network cable, its 并线 strands wire; 渔网线 is fishing-net twine, plied yarn
        ("网线并线加工", "纺纱", MatchGrade.EXCLUDED),
        ("渔网线并线", "纺纱", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_two_precision_review(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 42, review and second precision pass (评测集 README 标法第 3、9、12 条): 及其 refers a process to goods
    the firm makes, a form in a production unit is a cosmetic's only in the cosmetics licence's unit, bare process
    words listed whole before an equipment head share it, and 网线并线 strands a network cable."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 6 条: a new-energy car's motor is supplied to the car (r74x204), the car itself is made
        ("水轮发电机组、新能源汽车电机、特种电机设计、制造", "整车", None),
        ("水轮发电机组、新能源汽车电机、特种电机设计、制造", "新能源汽车", MatchGrade.EXCLUDED),
        ("电动汽车电机制造", "新能源汽车", MatchGrade.EXCLUDED),
        ("新能源汽车制造", "整车", MatchGrade.CONFIRMED),
        # 标法第 11 条: PU-coated cloth is the coating's user's goods (r73x110), the coating paste is the segment's
        ("无纺布、涂层布、PU涂层布制造", "纺织涂料", MatchGrade.EXCLUDED),
        ("PU涂层面料生产", "纺织涂料", MatchGrade.EXCLUDED),
        ("PU涂层、PA涂层浆料的研发与生产", "纺织涂料", MatchGrade.CONFIRMED),
        # 标法第 9 条 (b), (c), (e): a plating step noted in the firm's own goods (r73x197), plating plants' engineering
        # (r73x224); plating listed as an item stays
        ("生产及销售五金饰品（含电镀表面处理工序），自有厂房出租", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("五金饰品生产（含电镀工序）", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("五金制品生产（含表面处理工序）", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀工艺设计及咨询服务，电镀及环保工程设计、制作、安装。", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("电镀加工；电镀工程设计", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 8 条: a lithium salt made without a battery use written is no storage material (r73x099)
        ("乙二醛、乙醛酸、六氟磷酸锂生产、销售", "储能材料", None),
        ("锂电池电解液、六氟磷酸锂的生产", "储能材料", MatchGrade.CONFIRMED),
        # 标法第 7 条, GB/T 4754-2017 3511: coal washing machines' parts (r74x167); not parts after a bare 洗煤 item
        ("洗煤、选煤、破碎、给料设备及零配件制作、安装、调试及经销", "地质装备零配件", MatchGrade.CONFIRMED),
        ("选煤设备及配件制造", "地质装备零配件", MatchGrade.CONFIRMED),
        ("洗煤、机械零配件加工", "地质装备零配件", None),
        # 标法第 11 条: 毛型纱 is a yarn product (r76x049)
        ("生产销售各类化纤纺毛型纱及织物", "纺纱", MatchGrade.CONFIRMED),
        # 标法第 10 条: 刃模 is a cutting die (r76x083)
        ("刃模、精锻件、机械配件、吊带、吊具、装卸车制造，加工，销售", "模具", MatchGrade.CONFIRMED),
        # 标法第 7 条: a brake band after a car in its clause is a car's (r76x140); alone or a crane's not (r28x128)
        ("玻纤制品、塑料制品、汽车配件、刹车带、五金件的制造、加工", "汽车制动系统", MatchGrade.CONFIRMED),
        ("石棉铜丝刹车带、橡塑管的生产与销售", "汽车制动系统", None),
        ("起重机刹车带制造", "汽车制动系统", None),
        # 标法第 9 条 (c) and GB/T 4754-2017 8111: 板金烤漆 is a car body repair (r26x141), as 钣金烤漆
        ("汽车修理；板金烤漆；摩托车修理", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("五金件烤漆加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        # 标法第 12 条: mushrooms grown in a cold store use it, no cold storage served (r8x289)
        ("冷库种植蘑菇,加工销售烤馍片、饼干", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("冷库出租；蔬菜种植", "冷链物流仓储", MatchGrade.CONFIRMED),
        # 标法第 8 条: a backup battery of no stated kind is no 蓄电池 (r17x059)
        ("ＵＰＳ电源、备用电池组装销售；启动电池、电池极板生产销售", "蓄电池", None),
        # review: a car's motor leaves a car made beside it; a plating step's note leaves plating listed; plating on
        # engineering plastics is plating; a crane's brake band after a car part is the crane's
        ("新能源汽车、新能源汽车电机制造", "整车", MatchGrade.CONFIRMED),
        ("电镀加工（含表面处理工序）", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀工程塑料制品生产", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("汽车配件、起重机制动带制造", "汽车制动系统", MatchGrade.EXCLUDED),
        # 决定 D13: mould bases and blanks alone are parts for mould makers (r65x093, md08), also after a mould's name
        # (冷冲模架); written beside a mould the mould is named (r3x055, r7x111; 精冲模、精密型腔模、模具标准件)
        ("模架、模料、模具标准件、机械配件生产、加工", "模具", MatchGrade.EXCLUDED),
        ("模具标准件、模架的生产与销售", "模具", MatchGrade.EXCLUDED),
        ("模架、模胚制造", "模具", None),
        ("制造：纺织机械，机械配件，冷冲模架，五金工具", "模具", MatchGrade.EXCLUDED),
        ("注塑模架生产", "模具", MatchGrade.EXCLUDED),
        ("模具、模架、检具、标准件、冲压产品加工销售", "模具", MatchGrade.CONFIRMED),
        ("模具、模胚、模架及模具材料生产销售", "模具", MatchGrade.CONFIRMED),
        ("精冲模、精密型腔模、模具标准件的生产", "模具", MatchGrade.CONFIRMED),
        ("注塑模架、塑胶模具制造", "模具", MatchGrade.CONFIRMED),
        # second pass, 标法第 7 条: a transmission not written as a car's (r20x068, r58x015) and a drive axle or car
        # axle (r71x164, r44x151, h6kp11) are none of the four key systems; a car's transmission and the segment's
        # own name 汽车关键零配件 (r70x100, r45x167) are
        ("无级变速器的制造；变速器配件、机械的加工", "汽车关键零部件", None),
        ("机械类变速器、减速器、机械零配件的制造、来料加工", "汽车变速器", None),
        ("汽车零部件、汽车车桥总成生产开发、销售", "汽车关键零部件", None),
        ("生产铸造产品、铸造用模具和驱动桥总成，变速器及其配套服务", "汽车关键零部件", None),
        ("汽车变速器、齿轮、锻件等汽车零部件的设计、开发、制造", "汽车变速器", MatchGrade.CONFIRMED),
        ("生产驱动桥总成及专用高强度紧固件等汽车关键零配件系列产品", "汽车关键零部件", MatchGrade.CONFIRMED),
        # 标法第 10 条: moulds the customer brings are used, not made (h4md07, h7md13); a mould made beside them stays
        ("注塑加工；塑料日用品制造（模具由客户提供）", "模具", MatchGrade.EXCLUDED),
        ("模具制造；注塑加工（模具由客户提供）", "模具", MatchGrade.CONFIRMED),
        # GB/T 4754-2017 3544 and 3467: pharmaceutical machines beside packaging machines are two kinds (r29x003,
        # r60x041); a pharmaceutical packaging machine is the segment's
        ("制药机械、包装机械、食品机械制造销售", "医药包装器械", MatchGrade.EXCLUDED),
        ("制药包装机械制造", "医药包装器械", MatchGrade.CONFIRMED),
        # 标法第 11 条: 鞋用配件 are shoe parts, a shoe material (r63x059, r70x034); shoe buckles and laces are 辅材
        ("制造、销售鞋底、海绵、无纺布制品、鞋用衬布、鞋用配件", "制鞋辅材", None),
        ("鞋扣、鞋带、鞋用配件的生产", "制鞋辅材", MatchGrade.CONFIRMED),
        # review fix43s, 标法第 8 条: 六氟磷酸锂 written for a lithium battery in its clause is that battery's
        # electrolyte salt (as the seed's 锂电池 > 电解液 group); without a battery it stays none (r73x099, above)
        ("锂电池用六氟磷酸锂生产", "锂电池电解液", MatchGrade.CONFIRMED),
        ("锂离子电池电解质六氟磷酸锂的生产", "锂电池电解液", MatchGrade.CONFIRMED),
        # review fix43s: with bare 变速器 gone the merged 汽车关键零部件 keeps no exclusion words of other machines'
        # transmissions (汽车变速器 still vetoes them); a comma parts 制药机械 from 包装机械 with no exclusion word
        ("农机变速器制造", "汽车关键零部件", None),
        ("汽车配件、拖拉机变速器制造", "汽车变速器", MatchGrade.EXCLUDED),
        ("生产销售制药机械，包装机械，食品机械", "医药包装器械", None),
        # final review (整个改动的复核), GB/T 4754-2017 3544 and 3467: the other spellings of pharmaceutical machines
        # beside packaging machines; 决定 D13: every mould name's base or blank (锻模模架 too), the mould listed beside
        # a base still made; 标法第 11 条: PA-coated cloth and coated 织物 are the coating's user's goods (r73x110)
        ("制药机械及包装机械制造", "医药包装器械", MatchGrade.EXCLUDED),
        ("制药机械、食品机械、包装机械制造", "医药包装器械", MatchGrade.EXCLUDED),
        ("制药设备、包装机械制造", "医药包装器械", MatchGrade.EXCLUDED),
        ("制药、包装机械制造", "医药包装器械", MatchGrade.EXCLUDED),
        ("制药、包装机械、泡罩包装机制造", "医药包装器械", MatchGrade.CONFIRMED),
        ("冲压模胚制造", "模具", MatchGrade.EXCLUDED),
        ("冷冲模胚加工", "模具", MatchGrade.EXCLUDED),
        ("精冲模架生产", "模具", MatchGrade.EXCLUDED),
        ("拉伸模架制造", "模具", MatchGrade.EXCLUDED),
        ("锻模模架制造", "模具", MatchGrade.EXCLUDED),
        ("模具、模架", "模具", MatchGrade.CONFIRMED),
        ("精冲模、模架", "模具", MatchGrade.CONFIRMED),
        ("PA涂层布制造", "纺织涂料", MatchGrade.EXCLUDED),
        ("PA涂层面料生产", "纺织涂料", MatchGrade.EXCLUDED),
        ("PU涂层织物生产", "纺织涂料", MatchGrade.EXCLUDED),
        ("PA涂层织物生产", "纺织涂料", MatchGrade.EXCLUDED),
        ("PA涂层浆料生产", "纺织涂料", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_three_seed(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 43, seed words only (评测集 README 标法第 6–12 条): a car's motor, coated cloth, a plating step of the
    firm's own goods, plating plants' engineering, a car body's 板金烤漆, a lithium salt or a backup battery of no
    stated kind, a cold store used to grow mushrooms and mould bases without a mould (决定 D13) are no gap segment,
    while coal washing machines' parts, 毛型纱, 刃模 and a car's brake band are. Second pass: a transmission not
    written as a car's and a drive or car axle are no key car part (标法第 7 条), a mould the customer brings is no
    mould made, pharmaceutical machines beside packaging machines are no pharmaceutical packaging machine, and 鞋用配件
    (shoe parts) are no shoe 辅材. Its review (fix43s): 六氟磷酸锂 written for a lithium battery is its electrolyte's,
    and the exclusion words left with nothing to veto are gone. The final review: the same readings in their other
    spellings."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


def test_every_mould_name_excludes_its_base(loaded_store: EmbeddedStore) -> None:
    """决定 D13: a mould name's base or blank (冷冲模架, 锻模模架, 注塑模胚) is a part for mould makers, so each keyword
    of 模具 ending in 模 has the four as exclusion words — a keyword added later cannot leave its bases out."""
    mould = next(s for s in loaded_store.nodes(NodeLabel.SEGMENT) if s.name == "模具")
    names = [word for word in texts_prop(mould.properties, "keywords") if word.endswith("模")]
    bases = {name + end for name in names for end in ("架", "胚", "模架", "模胚")}
    assert names and bases <= set(texts_prop(mould.properties, "exclude"))


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 标法第 8 条: 电瓶水 is a top-up fluid beside car oils, no battery (r78x229); a battery made stays
        ("防冻液、刹车油、电瓶水、机油加工、批发销售", "蓄电池", MatchGrade.EXCLUDED),
        ("电瓶生产", "蓄电池", MatchGrade.CONFIRMED),
        # 标法第 4 条 (a), (d): the drug licence's note is no item (r77x098, r82x179); 药品生产 written as one stays
        ("生产体外诊断试剂（药品生产许可证有效期至2021年03月27日）", "化学药品", MatchGrade.EXCLUDED),
        ("生产诊断试剂（生产地址和生产范围以《药品生产许可证》为准）", "化学药品", MatchGrade.EXCLUDED),
        ("药品生产（凭药品生产许可证经营）", "化学药品", MatchGrade.CONFIRMED),
        # 标法第 10 条, 第 9 条 (e): a mould coating is a material for moulds (r77x167)
        ("生产HY-2玻璃模具通用涂料、塑料制品", "模具", MatchGrade.EXCLUDED),
        ("玻璃模具制造", "模具", MatchGrade.CONFIRMED),
        # 标法第 3 条: cast furniture and cast decorative ironwork are no castings (r81x130, r83x215); 标法第 2 条:
        # machining a die casting is work for it (r80x214)
        ("生产漆木及五金铸造家具，装饰摆设品", "铸造件", MatchGrade.EXCLUDED),
        ("金属铁艺装潢铸造，机械加工，铁艺安装", "铸造件", MatchGrade.EXCLUDED),
        ("各种治具的设计、生产和修理，压铸件的精加工", "铸造件", MatchGrade.EXCLUDED),
        ("铜铝压铸件、铜铝压铸件精加工", "铸造件", MatchGrade.CONFIRMED),
        # 标法第 9 条 (e): a spraying installation is equipment (r80x178)
        ("模具、钢结构、喷涂装置、钢丝绳制造、销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 11 条: cotton knitwear is no yarn (r80x156); plied and sewing thread are (r84x093, r84x111), a surgical
        # suture is not
        ("服装、面料、棉纺针织品的生产、加工、销售", "纺纱", MatchGrade.EXCLUDED),
        ("毛巾类制品生产销售；合线加工", "纺纱", MatchGrade.CONFIRMED),
        ("生产服装辅料、缝线、衬板、胶袋", "纺纱", MatchGrade.CONFIRMED),
        ("医用可吸收缝合线生产", "纺纱", None),
        ("手术缝线生产", "纺纱", MatchGrade.EXCLUDED),
        # 标法第 4 条 (c), 第 8 条: iron glycerophosphate is a named API, no battery material (r81x017)
        ("原料药（甘油磷酸钙、甘油磷酸铁）生产", "磷酸铁锂", MatchGrade.EXCLUDED),
        ("磷酸铁生产", "磷酸铁锂", MatchGrade.CONFIRMED),
        # 标法第 12 条: 冷藏加工 freezes the firm's own goods (r28x110, r78x102)
        ("水产品冷冻、冷藏加工；鲜冻水产品销售", "冷链物流仓储", MatchGrade.EXCLUDED),
        ("水产品冷藏、销售", "冷链物流仓储", MatchGrade.CONFIRMED),
        # 标法第 7 条: a car's gearbox is its transmission (r79x194)
        ("制造、加工：汽车齿轮箱配件、汽车配件", "汽车变速器", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_four_seed(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 44, seed words only (评测集 README 标法第 2–4、7–12 条): 电瓶水, the drug licence's note, a mould
    coating, cast furniture and ironwork, machining a die casting, a spraying installation, cotton knitwear, a named
    iron API and 冷藏加工 are no gap segment, while 合线, 缝线 and a car's gearbox are."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        ("模具 制造 销售 维修", "模具", MatchGrade.CONFIRMED),
        ("模具制造 销售 维修", "模具", MatchGrade.CONFIRMED),
        ("减速机生产销售 电镀加工 电镀材料、除尘器配件批零", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("模具制造、销售、维修", "模具", MatchGrade.CONFIRMED),
        ("模具 维修", "模具", MatchGrade.EXCLUDED),
        ("模具 销售 维修", "模具", MatchGrade.EXCLUDED),
        ("电机外壳 喷涂", "电机外壳", MatchGrade.EXCLUDED),
    ],
)
def test_round_forty_four_code(matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None) -> None:
    """Round 44, the matcher's code: an old scope spacing its items (模具 制造 销售 维修, r73x096; 电镀加工
    电镀材料, r53x133) closes a keyword's item at the verbs of making after it, as 、 would (标法第 1 条), so the 维修
    or 材料 after the space is another item; a thing spaced from its repair or finishing alone (模具 维修, 电机外壳
    喷涂) is still only worked on."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # Review of the first pass, 标法第 11 条: 复合线 is an electric wire's conductor, no plied yarn
        ("铜包铝复合线生产", "纺纱", MatchGrade.EXCLUDED),
        # 标法第 11 条: 加弹 makes textured yarn, also as the bracketed note on a filament (r79x123); the texturing
        # machine and its oil are equipment and material for it
        ("生产：化纤布，涤纶丝（加弹）；经销：轻纺产品", "化纤纱线", MatchGrade.CONFIRMED),
        ("生产锦纶纺丝、加弹、牵伸、织造", "化纤纱线", MatchGrade.CONFIRMED),
        ("化纤加弹油剂生产", "化纤纱线", MatchGrade.EXCLUDED),
        ("加弹机制造", "化纤纱线", MatchGrade.EXCLUDED),
        # 标法第 11 条: 梳纺 is carding and spinning (r81x184); its machine is equipment
        ("绒毛梳纺、染整", "纺纱", MatchGrade.CONFIRMED),
        ("梳纺机制造", "纺纱", MatchGrade.EXCLUDED),
        # 标法第 4 条 (a): 医药制造 alone is drug manufacture (r34x171, r65x024); its equipment (r38x151) and
        # biomedicine are not 化学药品
        ("医药制造、销售。", "化学药品", MatchGrade.CONFIRMED),
        ("医药制造设备的开发、研制", "化学药品", MatchGrade.EXCLUDED),
        ("生物医药制造", "化学药品", MatchGrade.EXCLUDED),
        # 标法第 10 条: “模、夹、刀、量具” names moulds (r83x170)
        ("生产和经营各类模、夹、刀、量具", "模具", MatchGrade.CONFIRMED),
        # 标法第 12 条: 保鲜 with storage but no cold is no cold chain (r15x070, r29x218, r77x172); with 冷藏 it is
        ("蔬菜水果、储存、保鲜", "冷链物流仓储", None),
        ("水果保鲜、冷藏、仓储", "冷链物流仓储", MatchGrade.CONFIRMED),
        # 标法第 4 条 (a): 酊剂 is a dosage form (r70x143, r50x173), unless the list has a 中药 mark
        ("酊剂、洗剂制造", "化学药品", MatchGrade.CONFIRMED),
        ("中药酊剂生产", "化学药品", MatchGrade.EXCLUDED),
        # 标法第 9 条 (a): 酸洗 is a metal surface treatment (r68x119); a pickling tank (r80x135) and pickled steel
        # sheet are not
        ("金属表面酸洗；钣金加工", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("生产FRP耐酸碱储槽、酸洗槽、冷却塔", "电镀/表面处理", MatchGrade.EXCLUDED),
        ("冷轧酸洗板销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        # 标法第 4 条 (c): 非那西丁 is a named API (r9x117)
        ("制造、销售：非那西丁", "化学药品", MatchGrade.CONFIRMED),
        # 标法第 10 条: repairing moulds is no mould making (r59x001, h2md4)
        ("机械加工.模具修配", "模具", MatchGrade.EXCLUDED),
        ("模具制造、模具修复", "模具", MatchGrade.CONFIRMED),
    ],
)
def test_round_forty_four_seed_review(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 44's second seed pass (评测集 README 标法第 4、9–12 条): 加弹, 梳纺, 医药制造, 酊剂, 非那西丁, 酸洗
    and “模、夹” name their segments; 复合线, 保鲜 without cold, a pickling tank, pickled sheet and mould repair
    do not."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade


@pytest.mark.parametrize(
    ("scope", "segment", "grade"),
    [
        # 决定 D13: a mould name then 架, 胚, 模架 or 模胚 is its base, supplied to mould makers (the exclusion words
        # generated for every mould name), in a comma list too (a real scope)
        ("制造：纺织机械，机械配件，冷冲模架，五金工具，汽车配件，缝纫机配件。", "模具", MatchGrade.EXCLUDED),
        ("滚丝模胚加工", "模具", MatchGrade.EXCLUDED),
        ("冷冲模、模架制造", "模具", MatchGrade.CONFIRMED),
        # 标法第 10 条: 金属模 (r38x115) and a glass bottle's 成模 (玻璃成模, r49x232) are moulds; 钢模 is mostly a
        # builder's formwork, no keyword
        ("木模、金属模、机械制造、加工。", "模具", MatchGrade.CONFIRMED),
        ("玻璃成模制造。铝，铜心塑料线，冷作，铆焊。", "模具", MatchGrade.CONFIRMED),
        ("金属模架制造", "模具", MatchGrade.EXCLUDED),
        ("路桥钢模、金属结构加工销售", "模具", None),
        # (the review of round 44) bare 成模 is moulding with moulds, not making them: 玻璃成模 only (标法第 10 条);
        # 金属模 is no 金属模型, 金属模压件, 金属模锻件 nor 金属模铸造 (标法第 10、3 条)
        ("注塑成模加工", "模具", None),
        ("吹塑成模加工", "模具", None),
        ("一次成模塑料制品生产", "模具", None),
        ("金属模型制作", "模具", MatchGrade.EXCLUDED),
        ("金属模压件加工", "模具", MatchGrade.EXCLUDED),
        ("金属模锻件生产", "模具", MatchGrade.EXCLUDED),
        ("金属模铸造", "模具", MatchGrade.EXCLUDED),
        # 决定 D4: a process cannot be bought or sold, so a verb of selling closing its list sells the other items
        # (r81x184); a list made the selling's object by 的 is goods (棉纺 cotton textiles), and painting beside the
        # reinforcing of vehicle bodies is done on them (标法第 9 条 (c), r13x203)
        ("许可经营项目：无。 一般经营项目：绒毛梳纺、染整、购销；针纺织品加工", "纺纱", MatchGrade.CONFIRMED),
        ("电镀、化工原料、销售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("紧固件、文化用品、棉纺、橡塑、家具、服装的销售", "纺纱", MatchGrade.EXCLUDED),
        ("专用车厢加固、喷漆及零部件销售；物流信息咨询", "电镀/表面处理", MatchGrade.PENDING),
        ("电镀产品销售", "电镀/表面处理", MatchGrade.EXCLUDED),
        # nor let (r82x124); painting beside repair stays work on things in use (标法第 9 条 (c))
        ("医药制造、场地租赁。", "化学药品", MatchGrade.CONFIRMED),
        ("喷涂、汽车维修", "电镀/表面处理", MatchGrade.EXCLUDED),
        # (the review of round 44) of spinning only 梳纺 is read so: 家纺, 棉纺纱, 春亚纺 and 棉纺 listed before a
        # verb of selling are goods sold (标法第 11 条); the closing verbs are one run (批发零售, 批零兼营), and a
        # verb of selling before the process too leaves the list one of trade
        ("家纺、服装、销售", "家纺", MatchGrade.EXCLUDED),
        ("家纺、床上用品、批发、零售", "家纺", MatchGrade.EXCLUDED),
        ("春亚纺、面料、销售", "涤纶布", MatchGrade.EXCLUDED),
        ("棉纺纱、棉布、销售", "棉纱", MatchGrade.EXCLUDED),
        ("毛纺纱、毛线、销售", "毛纱", MatchGrade.EXCLUDED),
        ("棉纺、针织品、销售", "纺纱", MatchGrade.EXCLUDED),
        ("棉纺、服装、批发、零售", "纺纱", MatchGrade.EXCLUDED),
        ("麻纺、服装、销售", "纺纱", MatchGrade.EXCLUDED),
        # 无缝线管, 无缝线圈 are seamless goods, no 缝线 (标法第 11 条)
        ("无缝线管生产", "纺纱", MatchGrade.EXCLUDED),
        ("无缝线圈制造", "纺纱", MatchGrade.EXCLUDED),
        ("电镀、化工原料、批发、零售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀、化工原料、批发零售", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("电镀、化工原料、批零兼营", "电镀/表面处理", MatchGrade.CONFIRMED),
        ("五金制品销售、电镀、化工原料、批发", "电镀/表面处理", MatchGrade.EXCLUDED),
    ],
)
def test_round_forty_four_code_review(
    matcher: SegmentMatcher, scope: str, segment: str, grade: MatchGrade | None
) -> None:
    """Round 44, the matcher's second pass: a mould name's base or blank is no mould (决定 D13), with a mould listed
    beside it the mould is; 金属模 and 玻璃成模 name moulds (标法第 10 条), bare 成模 and 金属模型 do not. A process
    listed before a closing verb of selling or letting is done, not sold or let (决定 D4)."""
    assert _grades(matcher, business_scope=scope).get(segment) == grade

"""Write tests/fixtures/similar_names.txt: real enterprise names from the public registration pool, with many pairs
whose name keys are similar (the import's 名称相近 rule), for tests/test_similar_names.py.

    .venv/bin/python benchmarks/similar_names_fixture.py /work/realpool

The pool is catseyess/elevencats (Enterprise-Registration-Data-of-Chinese-Mainland, CC BY-NC-SA 4.0); the fixture is
released under the same licence and holds names only.
"""

import csv
import random
import sys
from pathlib import Path

from graph.name_chars import NameKeyIndex
from graph.similar import could_be_similar, is_similar
from loaders.importing import core_name

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "similar_names.txt"
HEADER = (
    "# 真实企业名称 {count} 个（湖南，公开登记数据），"
    "用来对照“名称相近”检查的索引查找与逐个比较的旧写法（tests/test_similar_names.py）。\n"
    "# 来源：公开数据集 catseyess/elevencats（Enterprise-Registration-Data-of-Chinese-Mainland），"
    "许可 CC BY-NC-SA 4.0；本文件同样以 CC BY-NC-SA 4.0 发布。\n"
    "# 抽法（随机种子 20261202，`benchmarks/similar_names_fixture.py`）：各年份湖南文件中 6–40 字的企业名称"
    "（{total:,} 个）打乱，其中核心名称与另一个相近（difflib ≥ 0.8）的前 200 对，再加最后 400 个；"
    "只有名称，不含信用代码、人员与地址。\n"
)


def main(pool: Path) -> None:
    random.seed(20261202)
    names: list[str] = []
    for path in sorted(pool.glob("*/湖南.csv")):
        with open(path, encoding="utf-8", errors="replace") as handle:
            names += [row[0] for row in csv.reader(handle) if row and row[0] != "企业名称" and 6 <= len(row[0]) <= 40]
    names = list(dict.fromkeys(names))
    random.shuffle(names)
    pool_names = names[:40000]
    index, first = NameKeyIndex(), {}
    for name in pool_names:
        key = core_name(name)
        if key and key not in first:
            first[key] = name
            index.add(key)
    pairs: list[tuple[str, str]] = []
    for key, name in first.items():
        other = next(
            (o for o in sorted(index.candidates(key)) if o != key and could_be_similar(key, o) and is_similar(key, o)),
            None,
        )
        if other is not None:
            pairs.append((name, first[other]))
        if len(pairs) >= 200:
            break
    chosen = list(dict.fromkeys([n for pair in pairs for n in pair] + pool_names[-400:]))
    FIXTURE.write_text(HEADER.format(count=len(chosen), total=len(names)) + "".join(n + "\n" for n in chosen), "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

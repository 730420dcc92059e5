"""Draw real business scopes for the matching evaluation sets from a public registration dataset.

Synthetic scopes teach the rules the wordings their writers chose; real registrations are the text importers
actually meet. This script draws two disjoint, unlabelled samples (a tuning file and a held-out file) from a
local copy of the CSV branch of the public repository catseyess/elevencats (Enterprise-Registration-Data-of-
Chinese-Mainland, CC BY-NC-SA 4.0). It is run once by hand; the labelled files live in
tests/fixtures/match_eval/ and nothing reads the dataset at run time.

Rows are chosen by words in the *enterprise name* (never shown to the labeller nor to the matcher), one stratum
per gap segment plus a random general stratum: the name hints make positives and hard negatives (a 模具 trading
firm) frequent without choosing by the scope words the matcher reads. Only the scope text and its row reference
are written; names, credit codes and people are not.

`--speed N` instead draws N scopes uniformly at random from every row with content (repeats kept, as real
registrations repeat wordings), leaving out any text of the evaluation files given with `--exclude`, and writes
the scope texts alone, one per line, xz-compressed: benchmarks/data/real_scopes.txt.xz, which
`bench_matching.py --real` times the matcher on (see benchmarks/data/README.md).
"""

from __future__ import annotations

import argparse
import csv
import lzma
import random
import sys
from collections.abc import Iterator
from pathlib import Path

NAME_HINTS: dict[str, tuple[str, ...]] = {
    "ep": ("电镀", "表面处理", "镀锌", "镀铬", "阳极氧化", "喷涂", "涂装"),
    "cs": ("铸造", "铸件", "铸钢", "铸铁", "压铸", "精铸"),
    "md": ("模具",),
    "zc": ("汽车制造", "汽车厂", "客车", "专用汽车", "专用车", "汽车工业", "改装车", "农用车"),
    "qp": ("汽车配件", "汽车零部件", "汽配", "齿轮", "制动", "转向", "曲轴", "变速"),
    "dl": ("动力电池", "电池"),
    "dz": ("地质", "勘探", "钻探", "钻具", "矿山机械"),
    "zt": ("钻头", "硬质合金", "金刚石"),
    "ll": ("冷链", "冷藏", "冷库", "冷冻", "储运"),
    "bl": ("玻璃",),
    "cn": ("锂", "储能", "电解液", "隔膜", "负极", "正极", "钒"),
    "xd": ("蓄电池", "电源", "电池"),
    "hy": ("制药", "药业", "药厂"),
    "cx": ("生物", "医药科技", "新药"),
    "fz": ("制药", "药业"),
    "yb": ("药用包装", "药包", "医药包装", "胶囊", "药用玻璃", "医疗器械"),
    "dj": ("电机",),
    "fs": ("纺纱", "纺织", "棉纺", "毛纺", "纱厂", "化纤"),
    "tl": ("涂料", "助剂", "染料", "印染"),
    "tm": ("复合", "贴膜", "涂层", "薄膜", "面料"),
    "xf": ("鞋材", "鞋业", "鞋料", "胶粘", "鞋"),
    "xy": ("鞋样", "鞋"),
}
"""Gap segment code (as in the synthetic files' ids) → words in the enterprise name that make the row a candidate."""

BOILERPLATE = ("企业依法自主选择经营项目", "N/A")


def usable(scope: str, longest: int | None = 600) -> bool:
    """A scope with real content, not only the standard sentence; to label, also short enough to read in one go."""
    text = scope.strip()
    if len(text) < 8 or (longest is not None and len(text) > longest):
        return False
    return not any(text.startswith(b) and len(text) < len(b) + 40 for b in BOILERPLATE)


def registrations(source: Path) -> Iterator[tuple[str, str, str]]:
    """(row reference, enterprise name, scope as written) of every row with a scope column, file by file in name
    order."""
    for path in sorted(source.glob("*/*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            for line_no, row in enumerate(csv.reader(handle), start=1):
                if line_no > 1 and len(row) >= 7:
                    yield f"{path.parent.name}/{path.name} 第 {line_no} 行", row[0], row[6]


def candidates(source: Path) -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
    """Per stratum, (row reference, scope) pairs; and every usable row for the general stratum."""
    strata: dict[str, list[tuple[str, str]]] = {code: [] for code in NAME_HINTS}
    general: list[tuple[str, str]] = []
    for ref, name, written in registrations(source):
        if not usable(written):
            continue
        scope = " ".join(written.split())
        general.append((ref, scope))
        for code, hints in NAME_HINTS.items():
            if any(h in name for h in hints):
                strata[code].append((ref, scope))
    return strata, general


def draw(
    source: Path, per_stratum: int, general_count: int, seed: int, parts: int = 2
) -> list[list[tuple[str, str, str]]]:
    """`parts` disjoint samples of (id, row reference, scope), shuffled so that an id does not tell the stratum.

    Samples are drawn one after the other from one random sequence, so asking for more parts with the same seed
    draws the earlier parts unchanged and the new ones disjoint from them."""
    strata, general = candidates(source)
    rng = random.Random(seed)
    seen: set[str] = set()
    files: list[list[tuple[str, str]]] = [[] for _ in range(parts)]
    for sample in files:
        for code, rows in [*strata.items(), ("gn", general)]:
            wanted = general_count if code == "gn" else per_stratum
            order = rng.sample(range(len(rows)), len(rows))
            taken = 0
            for index in order:
                if taken == wanted:
                    break
                ref, scope = rows[index]
                if scope in seen:
                    continue
                seen.add(scope)
                taken += 1
                sample.append((ref, scope))
        rng.shuffle(sample)
    return [
        [(f"r{part}x{n:03d}", ref, scope) for n, (ref, scope) in enumerate(sample, start=1)]
        for part, sample in enumerate(files, start=1)
    ]


def evaluation_texts(files: list[Path]) -> set[str]:
    """The scopes of evaluation files, in the form `registrations` gives: the third |-separated field of each line
    (id||scope||source in the unlabelled draws, id|主营产品|经营范围|… in the labelled sets; a | in a scope was
    written as ｜)."""
    texts = set()
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("|")
            if len(fields) > 2 and not line.startswith("#"):
                texts.add(" ".join(fields[2].split()))
    return texts


def speed_sample(source: Path, count: int, excluded: set[str], seed: int) -> list[str]:
    """`count` scopes drawn uniformly from every row with content (any length, repeats kept, whitespace runs made
    single spaces so that a scope is one line), none of them an evaluation text (compared with | written as ｜, as
    the evaluation files write it)."""
    scopes = [
        scope
        for _, _, written in registrations(source)
        if usable(written, longest=None) and (scope := " ".join(written.split())).replace("|", "｜") not in excluded
    ]
    return random.Random(seed).sample(scopes, count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="folder with <year>/<province>.csv")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder for real1_unlabelled.psv, real2_unlabelled.psv …; with --speed, the .txt.xz file to write",
    )
    parser.add_argument("--parts", type=int, default=2, help="how many disjoint samples (real1, real2, real3 …)")
    parser.add_argument("--per-stratum", type=int, default=12)
    parser.add_argument("--general", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--speed", type=int, default=0, help="draw N scopes for the speed benchmark instead")
    parser.add_argument("--exclude", type=Path, nargs="*", default=[], help="evaluation files to leave out")
    args = parser.parse_args()
    if args.speed:
        sample = speed_sample(args.source, args.speed, evaluation_texts(args.exclude), args.seed)
        with lzma.open(args.out, "wt", encoding="utf-8", preset=9) as out:
            out.write("\n".join(sample) + "\n")
        print(f"{args.out}: {len(sample)} 条", file=sys.stderr)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    for part, drawn in enumerate(draw(args.source, args.per_stratum, args.general, args.seed, args.parts), start=1):
        lines = [f"{ident}||{scope.replace('|', '｜')}||来源：{ref}" for ident, ref, scope in drawn]
        (args.out / f"real{part}_unlabelled.psv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"real{part}: {len(drawn)} 条", file=sys.stderr)


if __name__ == "__main__":
    main()

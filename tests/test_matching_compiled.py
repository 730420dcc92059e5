"""The matcher compiled to C by mypyc (scripts/setup, loaders/compiled.py) is what `import loaders.matching` gives
wherever a C compiler could build it, never when loaders/matching.py changed after the build, and it gives exactly
the ties of the same file run as Python: on the labelled scopes, the 20,000 real scopes of the speed set and
enterprises written to hit every path."""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import astuple, fields
from pathlib import Path
from types import ModuleType

import pytest
from bench_matching import gap_segments, read_scopes, real_scopes, varied_texts

import loaders.matching
import loaders.segmenting
from graph.vocabulary import MatchGrade
from loaders.compiled import (
    COMPILED,
    MATCHING,
    PURE,
    SEGMENTING,
    Unit,
    built_path,
    constants_final,
    pure_matching,
)

ROOT = Path(__file__).resolve().parent.parent


def _compiler() -> str | None:
    """The C compiler Python builds extensions with, if the machine has it."""
    command = (sysconfig.get_config_var("CC") or "cc").split()[0]
    return shutil.which(command)


def _compiled() -> ModuleType:
    if _compiler() is None:
        pytest.skip("这台机器没有 C 编译器：scripts/setup 不编译，匹配用纯 Python 版")
    return loaders.matching


def test_the_compiled_copy_has_its_constants_final_and_keeps_its_lines() -> None:
    """Names bound once become `Final` (mypyc then reads them from C variables); a name bound again, rebound through
    `global`, deleted, defined or imported, a type alias and a dunder stay as written, and every line keeps its
    number."""
    source = (
        'WORDS = ("模具",\n    "铸件")\nLIMIT: int = 3\nAGAIN = 1\nAGAIN = 2\nCOUNT = 0\nHit = tuple[str, int]\n'
        '__all__ = ["f"]\nimport re\nPATTERN = re.compile("模具")\n\n\ndef f() -> None:\n    global COUNT\n'
        "    COUNT += 1\n\n\nGONE = 1\ndel GONE\n"
    )
    final = constants_final(source)
    assert final.splitlines()[:3] == ['WORDS: Final = ("模具",', '    "铸件")', "LIMIT: Final[int] = 3"]
    assert 'PATTERN: Final = re.compile("模具")' in final
    assert final.count("Final") == 3
    assert len(final.splitlines()) == len(source.splitlines())
    nested = (
        'SEP = "/"\ntry:\n    from os import sep as SEP\nexcept ImportError:\n    pass\nHOOK = 1\nif HOOK:\n\n'
        "    def HOOK() -> None:\n        pass\n\n\nE = 1\ntry:\n    pass\nexcept ValueError as E:\n    pass\n"
    )
    assert "Final" not in constants_final(nested), "名字在顶层 if/try 里的定义、导入、except as 中再绑定，不标 Final"
    aliases = (
        "Hook = Callable[[str], None]\nKey = Optional[str]\nEither = Union[int, str]\nMaybe = str | None\n"
        "Pair = tuple[str, int] | str\nWord: TypeAlias = str\n"
    )
    assert "Final" not in constants_final(aliases), "类型别名不标 Final"
    matching = MATCHING.source.read_text(encoding="utf-8")
    assert constants_final(matching).count("\n") == matching.count("\n")


def test_the_written_out_init_is_the_dataclass_one() -> None:
    """SegmentMatch's hand-written `__init__` (compiled to C) takes the fields in their order, with their defaults: a
    field added to the class but not to `__init__` fails here."""
    segment_match = pure_matching().SegmentMatch
    parameters = list(inspect.signature(segment_match.__init__).parameters)[1:]
    assert parameters == [field.name for field in fields(segment_match)]
    written_out = segment_match("x", [], [], 0.0, MatchGrade.EXCLUDED, [], 0.0)
    assert segment_match("x") == written_out
    assert loaders.matching.SegmentMatch("x") == loaders.matching.SegmentMatch(
        "x", [], [], 0.0, MatchGrade.EXCLUDED, [], 0.0
    )


def test_the_compiled_matcher_is_the_one_in_use() -> None:
    """A build that failed or went stale falls back quietly in the app; here it fails the suite."""
    matching = _compiled()
    assert built_path().exists(), "scripts/setup 应已编译匹配器（见 .venv/setup.log）"
    assert matching.__name__ == COMPILED
    assert matching.SegmentMatcher.__module__ == COMPILED
    assert not inspect.isfunction(matching.clauses), "编译版的函数是 C 代码，不是 Python 函数"
    pure = pure_matching()
    assert pure.__name__ == PURE and inspect.isfunction(pure.clauses)
    assert built_path(SEGMENTING).exists(), "scripts/setup 应已编译分词（见 .venv/setup.log）"
    assert loaders.segmenting.__name__ == SEGMENTING.compiled
    assert matching.Segmenter.__module__ == SEGMENTING.compiled, "编译版匹配器调用的也是编译版分词"


@pytest.mark.parametrize("unit", [MATCHING, SEGMENTING], ids=["matching", "segmenting"])
def test_a_changed_source_is_never_matched_by_the_old_build(tmp_path: Path, unit: Unit) -> None:
    """A copy of the packages with the builds beside a source (matching.py, segmenting.py) changed by one comment
    imports that module as Python, saying why; the untouched copy imports the build."""
    _compiled()
    for package in ("graph", "loaders"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "extract"))
    module = unit.source.stem
    probe = f"import logging, loaders.{module} as m; logging.basicConfig(); print(m.__name__, m.__file__)"

    def imported() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", probe],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": str(tmp_path)},
        )

    fresh = imported()
    assert fresh.stdout.split() == [unit.compiled, str(tmp_path / "loaders" / built_path(unit).name)]
    source = tmp_path / "loaders" / unit.source.name
    source.write_text(source.read_text(encoding="utf-8") + "# changed after the build\n", encoding="utf-8")
    stale = imported()
    assert stale.stdout.split() == [f"loaders.{module}", str(source)]
    assert "编译版已过期" in stale.stderr


@pytest.fixture(scope="module")
def both() -> tuple[object, object]:
    segments = gap_segments()[0]
    return _compiled().SegmentMatcher(segments), pure_matching().SegmentMatcher(segments)


def _ties(matcher: object, texts: dict[str, str], industries: list[str]) -> list[tuple[object, ...]]:
    return [astuple(m) for m in matcher.graded(texts, industries)]  # type: ignore[attr-defined]


def test_labelled_and_varied_enterprises_get_the_pure_ties(both: tuple[object, object]) -> None:
    compiled, pure = both
    scopes = read_scopes()
    assert len(scopes) >= 300
    for scope in scopes:
        assert _ties(compiled, scope.texts, []) == _ties(pure, scope.texts, []), scope.id
    for texts, industries in varied_texts(gap_segments()[0], 4000):
        assert _ties(compiled, texts, industries) == _ties(pure, texts, industries), (texts, industries)


def test_real_scopes_get_the_pure_ties(both: tuple[object, object]) -> None:
    compiled, pure = both
    texts = real_scopes()
    assert len(texts) == 20_000
    ties = 0
    for text in texts:
        expected = _ties(pure, {"business_scope": text}, [])
        assert _ties(compiled, {"business_scope": text}, []) == expected, text
        ties += len(expected)
    assert ties > 10_000

"""The matcher compiled to C: loaders/matching.py and loaders/segmenting.py (jieba's cuts, which the matcher calls)
built by mypyc (`python -m loaders.compiled`, run by scripts/setup), each on its own.

There is one set of rules, the Python source; the build compiles that very file, with only its constants marked
`Final` (`constants_final`) and the hash of its text appended (`BUILT_FROM`), into loaders/_matching_compiled.*.so
(loaders/_segmenting_compiled.*.so). `import loaders.matching` hands out the compiled module only while that hash is
the hash of matching.py as it now is (`compiled_matching`, and `compiled_segmenting` for segmenting.py): a rule
changed after the build is never matched by the old build, the pure-Python module runs instead, with a warning. The
pure module stays importable as such (`pure_matching`), as the reference the compiled one is compared with.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import importlib.util
import logging
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType


@dataclass(frozen=True)
class Unit:
    """One source file mypyc compiles on its own: where it is, and the module names of its build and of the file run
    as Python whatever is built."""

    source: Path
    compiled: str
    pure: str


MATCHING = Unit(Path(__file__).with_name("matching.py"), "loaders._matching_compiled", "loaders._matching_pure")
SEGMENTING = Unit(Path(__file__).with_name("segmenting.py"), "loaders._segmenting_compiled", "loaders._segmenting_pure")
UNITS = (SEGMENTING, MATCHING)
"""Built in this order: the matcher calls the segmenter, so the segmenter's build is there when the matcher's is."""
SOURCE, COMPILED, PURE = MATCHING.source, MATCHING.compiled, MATCHING.pure
STAMP = "BUILT_FROM"
"""The name of the constant the build appends to the compiled copy: the SHA-256 of the source it was built from."""
GENERIC_ALIASES = frozenset({"tuple", "list", "dict", "set", "frozenset", "Callable", "Optional", "Union"})
"""A module-level name bound to one of these subscripted (`Hit = tuple[str, int, …]`) is a type alias, not a value."""

log = logging.getLogger(__name__)


def source_hash(unit: Unit = MATCHING) -> str:
    """The SHA-256 of the unit's source (loaders/matching.py) as it is on disk now."""
    return hashlib.sha256(unit.source.read_bytes()).hexdigest()


def built_path(unit: Unit = MATCHING) -> Path:
    """Where the compiled module sits: beside the source, under a name of its own, so it never hides the source."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    return unit.source.with_name(unit.compiled.rsplit(".", 1)[1] + suffix)


def compiled_module(unit: Unit) -> ModuleType | None:
    """The unit's compiled module if it is built and was built from its source as it now is; None otherwise (with a
    warning when a build is there but stale or unloadable, so the fallback is never silent)."""
    if not built_path(unit).exists():
        return None
    try:
        module = importlib.import_module(unit.compiled)
    except ImportError as error:
        log.warning("编译版 %s 无法载入（%s），改用纯 Python 版；请重新运行 scripts/setup", unit.source.name, error)
        return None
    if getattr(module, STAMP, None) != source_hash(unit):
        log.warning(
            "loaders/%s 在编译之后改过，编译版已过期，改用纯 Python 版；请重新运行 scripts/setup", unit.source.name
        )
        return None
    return module


def compiled_matching() -> ModuleType | None:
    """The compiled matcher, if built from matching.py as it now is (`compiled_module`)."""
    return compiled_module(MATCHING)


def compiled_segmenting() -> ModuleType | None:
    """The compiled segmenter, if built from segmenting.py as it now is (`compiled_module`)."""
    return compiled_module(SEGMENTING)


def pure_matching() -> ModuleType:
    """loaders/matching.py run as Python whatever is built, under its own module name: the reference for the
    compiled matcher's answers and speed."""
    known = sys.modules.get(PURE)
    if known is not None:
        return known
    spec = importlib.util.spec_from_file_location(PURE, SOURCE)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {SOURCE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[PURE] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _bound_names(node: ast.AST) -> list[str]:
    """The module-level names a top-level statement binds or deletes (assignments, definitions, imports, loop and
    `with` targets, `del`, `except … as`, match captures), also inside a top-level `if` or `try`."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    names: list[str | None] = []
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and isinstance(inner.ctx, (ast.Store, ast.Del)):
            names.append(inner.id)
        elif inner is not node and isinstance(
            inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
        ):
            names.extend(_bound_names(inner))
        elif isinstance(inner, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)):
            names.append(inner.name)
        elif isinstance(inner, ast.MatchMapping):
            names.append(inner.rest)
    return [name for name in names if name is not None]


def _type_alias(value: ast.expr, annotation: ast.expr | None) -> bool:
    """Whether an assignment writes a type alias (`Hit = tuple[str, int]`, `Key = str | None`, `X: TypeAlias = …`),
    which stays as written: `Final` on an alias is no alias to mypy."""
    if isinstance(annotation, ast.Name) and annotation.id == "TypeAlias":
        return True
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        return any(
            isinstance(side, ast.Subscript) or (isinstance(side, ast.Constant) and side.value is None)
            for side in (value.left, value.right)
        )
    return isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and value.value.id in GENERIC_ALIASES


def constants_final(source: str) -> str:
    """The source with every module-level name bound once, by one plain or annotated assignment, annotated `Final`
    (`MAKING = re.compile(…)` → `MAKING: Final = re.compile(…)`), for the copy mypyc compiles: compiled code reads
    any other module-level name from the module's dict on every use (a string-keyed lookup per regex or word list a
    rule touches), a `Final` one from a C variable or as a literal. Names rebound anywhere (`global`, a second
    assignment) and type aliases stay as written; mypyc refuses a `Final` name that is rebound after all. Every line
    keeps its number, so tracebacks point into the source."""
    tree = ast.parse(source)
    bindings = [name for node in tree.body for name in _bound_names(node)]
    rebound = {name for node in ast.walk(tree) if isinstance(node, ast.Global) for name in node.names}
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, annotation = node.targets[0], None
            value: ast.expr = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, annotation, value = node.target, node.annotation, node.value
        else:
            continue
        if _type_alias(value, annotation):
            continue
        if bindings.count(target.id) != 1 or target.id in rebound or target.id.startswith("__"):
            continue
        if annotation is None:
            edits.append((target.lineno, target.end_col_offset or 0, ": Final"))
        else:
            edits.append((annotation.end_lineno or annotation.lineno, annotation.end_col_offset or 0, "]"))
            edits.append((annotation.lineno, annotation.col_offset, "Final["))
    for line, column, text in sorted(edits, reverse=True):
        encoded = lines[line - 1].encode()  # ast columns count UTF-8 bytes
        lines[line - 1] = (encoded[:column] + text.encode() + encoded[column:]).decode()
    return "".join(lines)


def build(unit: Unit = MATCHING) -> Path:
    """Compile the unit's source with mypyc into `built_path(unit)`, stamped with the source's hash. The copy mypyc
    reads is the source with its constants `Final` (`constants_final`) plus two lines; it is removed after the build,
    and the C files stay under build/."""
    root = unit.source.parent.parent
    digest = source_hash(unit)
    copy = unit.source.with_name(unit.compiled.rsplit(".", 1)[1] + ".py")
    target = built_path(unit)
    text = constants_final(unit.source.read_text(encoding="utf-8"))
    # with `from __future__ import annotations` nothing evaluates `Final` at run time: imported last, lines keep
    # their numbers
    copy.write_text(text + f'\n{STAMP} = "{digest}"\nfrom typing import Final\n', encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory(prefix="chainkg-mypyc-") as cache:
            subprocess.run(
                [sys.executable, "-m", "mypyc", "--cache-dir", cache, str(copy.relative_to(root))],
                cwd=root,
                check=True,
                env={**os.environ, "MYPYC_OPT_LEVEL": os.environ.get("MYPYC_OPT_LEVEL", "3")},
            )
    finally:
        copy.unlink(missing_ok=True)
    if not target.exists():
        raise RuntimeError(f"mypyc finished without writing {target.name}")
    return target


def main() -> None:
    """Build each unit unless its compiled module is already built from its source; print what was done. The old
    build's files are removed first, not written over: a running app has them mapped into memory."""
    for unit in UNITS:
        started = time.monotonic()
        if compiled_module(unit) is not None:
            print(f"{built_path(unit).name} is up to date")
            continue
        for old in unit.source.parent.glob(unit.compiled.rsplit(".", 1)[1] + "*"):
            old.unlink()
        print(f"built {build(unit).name} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()

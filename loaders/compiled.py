"""The matcher compiled to C: loaders/matching.py built by mypyc (`python -m loaders.compiled`, run by scripts/setup).

There is one set of rules, the Python source; the build compiles that very file, with only the hash of its text
appended (`BUILT_FROM`), into loaders/_matching_compiled.*.so. `import loaders.matching` hands out the compiled module
only while that hash is the hash of matching.py as it now is (`compiled_matching`): a rule changed after the build is
never matched by the old build, the pure-Python module runs instead, with a warning. The pure module stays importable
as such (`pure_matching`), as the reference the compiled one is compared with.
"""

from __future__ import annotations

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
from pathlib import Path
from types import ModuleType

SOURCE = Path(__file__).with_name("matching.py")
COMPILED = "loaders._matching_compiled"
PURE = "loaders._matching_pure"
STAMP = "BUILT_FROM"
"""The name of the constant the build appends to the compiled copy: the SHA-256 of the source it was built from."""

log = logging.getLogger(__name__)


def source_hash() -> str:
    """The SHA-256 of loaders/matching.py as it is on disk now."""
    return hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def built_path() -> Path:
    """Where the compiled module sits: beside the source, under a name of its own, so it never hides matching.py."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    return SOURCE.with_name(COMPILED.rsplit(".", 1)[1] + suffix)


def compiled_matching() -> ModuleType | None:
    """The compiled matcher if it is built and was built from matching.py as it now is; None otherwise (with a
    warning when a build is there but stale or unloadable, so the fallback is never silent)."""
    if not built_path().exists():
        return None
    try:
        module = importlib.import_module(COMPILED)
    except ImportError as error:
        log.warning("编译版匹配器无法载入（%s），改用纯 Python 版；请重新运行 scripts/setup", error)
        return None
    if getattr(module, STAMP, None) != source_hash():
        log.warning("loaders/matching.py 在编译之后改过，编译版已过期，改用纯 Python 版；请重新运行 scripts/setup")
        return None
    return module


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


def build() -> Path:
    """Compile loaders/matching.py with mypyc into `built_path()`, stamped with the source's hash. The copy mypyc
    reads is the source plus one line; it is removed after the build, and the C files stay under build/."""
    root = SOURCE.parent.parent
    digest = source_hash()
    copy = SOURCE.with_name(COMPILED.rsplit(".", 1)[1] + ".py")
    target = built_path()
    copy.write_text(SOURCE.read_text(encoding="utf-8") + f'\n{STAMP} = "{digest}"\n', encoding="utf-8")
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
    """Build unless the compiled module is already built from this source; print what was done. The old build's
    files are removed first, not written over: a running app has them mapped into memory."""
    started = time.monotonic()
    if compiled_matching() is not None:
        print(f"{built_path().name} is up to date")
        return
    for old in SOURCE.parent.glob(COMPILED.rsplit(".", 1)[1] + "*"):
        old.unlink()
    print(f"built {build().name} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()

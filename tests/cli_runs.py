"""Running the real `chainkg` command in a subprocess, on a given data directory and the embedded store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CHAINKG = str(Path(sys.executable).parent / "chainkg")


def chainkg(*args: str, data_dir: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    return subprocess.run([CHAINKG, *args], capture_output=True, text=True, env=env, timeout=timeout)


def loaded_data_dir(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A new data directory holding what `chainkg load` writes, as a user's first run leaves it: for a test module
    whose commands all run on the shipped seed."""
    path = tmp_path_factory.mktemp(name)
    loaded = chainkg("load", data_dir=path)
    assert loaded.returncode == 0, loaded.stderr
    return path

"""Running the real `chainkg` command in a subprocess, on a given data directory and the embedded store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHAINKG = str(Path(sys.executable).parent / "chainkg")


def chainkg(*args: str, data_dir: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CHAINKG_DATA_DIR": str(data_dir), "CHAINKG_BACKEND": "embedded"}
    return subprocess.run([CHAINKG, *args], capture_output=True, text=True, env=env, timeout=timeout)

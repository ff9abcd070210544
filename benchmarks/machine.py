"""The machine a benchmark ran on, in one line for its report (docs/speed.md states it)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    """Cores, CPU model, memory and Python version, e.g. "2 cores (AMD EPYC), 24 GB RAM, Python 3.11.7"."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, Python {platform.python_version()}"

"""The README's commands are real: every one shown in its console blocks runs on the seed.

Convention (README.md): commands are shown in ```console blocks, each after a ``$ `` prompt;
the lines after a command, up to the next prompt, are its output. The test copies ``seeds/``
into a temporary folder and runs every ``kg ...`` command there, in the README's order, with
the project's Python (``python -m kg``), so the default store ``.kg-store`` lands in that
folder (with ``tests/data/fusion/``, which the fusion example builds). Each must exit 0, and every output line the README shows must be a line of the real
output (stdout and stderr), compared with spaces collapsed and durations ("0.2 s") masked; a
line ``...`` stands for lines left out.

Not run, by rule rather than silently:
- ``make ...`` lines (the quick start): ``make demo`` / ``make test`` set up the project itself;
- commands in ``LONG_RUNNING`` (``kg serve`` runs until stopped).
Any other program in a console block fails the test, and so does a ``kg`` command written in
a ```sh / ```bash block, where this test would not see it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NOT_RUN_PROGRAMS = {"make": "sets up the project itself (make demo, make test)"}
LONG_RUNNING = {("kg", "serve"): "a server: runs until stopped"}
ELLIPSIS = {"...", "…"}
TIMEOUT = 120
ENV_WIDTH = "100"  # the README's tables were rendered at this terminal width


@dataclass
class Shown:
    line: int  # line of the command in README.md
    argv: list[str]
    output: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return shlex.join(self.argv)


def _blocks(text: str) -> list[tuple[str, int, list[str]]]:
    """(language, line of the first content line, content lines) of every fenced block."""
    blocks, lang, start, body = [], None, 0, []
    for number, line in enumerate(text.splitlines(), 1):
        fence = re.match(r"^\s*```(\S*)\s*$", line)
        if fence and lang is None:
            lang, start, body = fence.group(1) or "text", number + 1, []
        elif fence:
            blocks.append((lang, start, body))
            lang = None
        elif lang is not None:
            body.append(line)
    return blocks


def _commands(text: str) -> list[Shown]:
    shown: list[Shown] = []
    for lang, start, body in _blocks(text):
        if lang != "console":
            continue
        current = None
        for offset, line in enumerate(body):
            if line.startswith("$ "):
                current = Shown(start + offset, shlex.split(line[2:], comments=True))
                shown.append(current)
            elif current is not None:
                current.output.append(line)
    return shown


def _program(cmd: Shown) -> str:
    return Path(cmd.argv[0]).name


def _skip_reason(cmd: Shown) -> str | None:
    if _program(cmd) in NOT_RUN_PROGRAMS:
        return NOT_RUN_PROGRAMS[_program(cmd)]
    return LONG_RUNNING.get(tuple([_program(cmd), *cmd.argv[1:2]]))


def _norm(line: str) -> str:
    line = re.sub(r"\b\d+(\.\d+)? ?(s|ms)\b", "<time>", line)
    return " ".join(line.split())


COMMANDS = _commands(README.read_text(encoding="utf-8"))
RUN = [c for c in COMMANDS if _skip_reason(c) is None]


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[int, subprocess.CompletedProcess]:
    """Every runnable command, in the README's order, in one folder holding a copy of seeds/."""
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    # the fusion example builds three articles of the fusion test set
    shutil.copytree(ROOT / "tests" / "data" / "fusion", work / "tests" / "data" / "fusion")
    env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_DEBUG")}
    env["COLUMNS"] = ENV_WIDTH
    done = {}
    for cmd in RUN:
        done[cmd.line] = subprocess.run([sys.executable, "-m", "kg", *cmd.argv[1:]], cwd=work, env=env,
                                        capture_output=True, text=True, timeout=TIMEOUT)
    return done


def test_the_readme_shows_commands_and_is_short():
    assert len(RUN) >= 8, [c.text for c in COMMANDS]
    assert any(c.argv[:2] == ["kg", "build"] for c in RUN)
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines < 250, f"README.md is {lines} lines; keep it under 250 and move the rest to docs/"


def test_every_command_is_run_or_skipped_by_a_rule():
    for cmd in COMMANDS:
        assert _program(cmd) == "kg" or _program(cmd) in NOT_RUN_PROGRAMS, (
            f"README.md:{cmd.line}: {cmd.text!r}: only kg commands are run; add a rule for {_program(cmd)!r}")
    for key in LONG_RUNNING:
        assert any(tuple([_program(c), *c.argv[1:2]]) == key for c in COMMANDS), f"stale LONG_RUNNING entry {key}"


def test_no_kg_command_hides_outside_console_blocks():
    for lang, start, body in _blocks(README.read_text(encoding="utf-8")):
        if lang in ("sh", "bash", "shell"):
            for offset, line in enumerate(body):
                assert not re.match(r"^\s*(\S*/)?kg\s", line), (
                    f"README.md:{start + offset}: show kg commands in a ```console block with '$ ' so they are tested")


@pytest.mark.parametrize("cmd", RUN, ids=[f"L{c.line}-{' '.join(c.argv[:3])}" for c in RUN])
def test_readme_command(cmd: Shown, results):
    result = results[cmd.line]
    real = result.stdout + result.stderr
    assert result.returncode == 0, f"README.md:{cmd.line}: {cmd.text} exited {result.returncode}:\n{real[-3000:]}"
    got = {_norm(line) for line in real.splitlines()}
    for line in cmd.output:
        if line.strip() in ELLIPSIS or not line.strip():
            continue
        assert _norm(line) in got, (
            f"README.md:{cmd.line}: {cmd.text}: the README shows {line.strip()!r}, not in the real output:\n{real[-3000:]}")

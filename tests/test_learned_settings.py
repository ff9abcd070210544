"""The trainers' one writer of a chosen value into learned.yaml (scripts/learned_settings.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from learned_settings import write_setting  # noqa: E402

SHIPPED = ROOT / "kg" / "data" / "learned.yaml"


@pytest.fixture()
def settings(tmp_path: Path) -> Path:
    copy = tmp_path / "learned.yaml"
    shutil.copy(SHIPPED, copy)
    return copy


def _lines_changed(a: str, b: str) -> list[tuple[str, str]]:
    return [(x, y) for x, y in zip(a.splitlines(), b.splitlines()) if x != y]


@pytest.mark.parametrize("section,key", [("event_filter", "threshold"), ("anchor_ranker", "margin"),
                                         ("recall_proposer", "threshold")])
def test_only_the_named_sections_key_changes(settings: Path, section: str, key: str) -> None:
    before = settings.read_text("utf-8")
    write_setting(section, key, 0.42, settings)
    after = settings.read_text("utf-8")
    changed = _lines_changed(before, after)
    assert len(changed) == 1 and len(before.splitlines()) == len(after.splitlines())
    old, new = changed[0]
    assert new.strip().startswith(f"{key}: 0.42") and old.split(":")[0] == new.split(":")[0]
    # the line changed is the one inside the section (the sections share key names)
    lines = after.splitlines()
    i = lines.index(new)
    head = next(l for l in reversed(lines[:i]) if l and not l[0].isspace())
    assert head.startswith(f"{section}:")


def test_never_is_written_999_and_a_missing_section_is_an_error(settings: Path) -> None:
    write_setting("anchor_ranker", "margin", float("inf"), settings)
    assert "margin: 999" in settings.read_text("utf-8")
    with pytest.raises(SystemExit):
        write_setting("no_such_component", "threshold", 0.5, settings)

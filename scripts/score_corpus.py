"""Extract the development corpus (or the held-out set) and score it against its gold files,
per report and in total.

    .venv/bin/python scripts/score_corpus.py [--held-out] [--json]

Facts files go to a temporary folder named after the gold ids (what the scorer pairs on), then
tests/eval/score.py (a copy of the shared scorer) prints its report.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import Extractor  # noqa: E402
from kg.extract import facts as facts_io  # noqa: E402
from kg.read.reader import read_file  # noqa: E402


def main(argv: list[str]) -> int:
    data = ROOT / "tests" / "data" / ("heldout" if "--held-out" in argv else "")
    gold_dir = data / "gold"
    extractor = Extractor()
    with tempfile.TemporaryDirectory() as out:
        for gold in sorted(gold_dir.glob("*.json")):
            facts = extractor.extract(read_file(data / "corpus" / f"{gold.stem}.txt"))
            (Path(out) / f"{gold.stem}.facts.json").write_text(facts_io.dumps(facts), encoding="utf-8")
        return subprocess.call([sys.executable, str(ROOT / "tests" / "eval" / "score.py"),
                                str(gold_dir), out, *[a for a in argv if a != "--held-out"]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

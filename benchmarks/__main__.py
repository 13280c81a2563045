"""``python -m benchmarks``: Thuisbasis against bare Material and the floor at N synthetic cases, interleaved
whole-process runs, with the targets of issue 16 (docs/dev/performance.md)."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks import bench


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--cases", type=int, default=1000, metavar="N", help="number of cases (default: 1000)")
    parser.add_argument("--repetitions", type=int, default=3, metavar="R",
                        help="interleaved runs of every side (default: 3)")
    parser.add_argument("--no-build", action="store_true",
                        help="validation against the YAML-parse floor only: no mkdocs builds")
    parser.add_argument("--no-search", action="store_true", help="skip measuring the first search query in Chromium")
    parser.add_argument("--serve", action="store_true", help="also measure how fast mkdocs serve --dirty shows an edit")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of the report")
    parser.add_argument("--profile", type=int, default=0, metavar="LINES", help="print a cProfile of validation")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the copy and the built sites in DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    arguments = parser.parse_args(given)
    if arguments.cases < 1:
        parser.error("--cases must be at least 1")
    if arguments.repetitions < 1:
        parser.error("--repetitions must be at least 1")
    command = shlex.join([sys.executable, "-m", "benchmarks", *given])
    return bench.main(arguments.cases, repetitions=arguments.repetitions, build=not arguments.no_build,
                      search=not arguments.no_search, serve=arguments.serve and not arguments.no_build,
                      profile=arguments.profile, keep=arguments.keep, command=command, as_json=arguments.json)


if __name__ == "__main__":
    sys.exit(main())

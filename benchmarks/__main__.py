"""``python -m benchmarks``: how Thuisbasis scales with N synthetic cases (docs/dev/performance.md)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks import bench


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--cases", type=int, default=1000, metavar="N", help="number of cases (default: 1000)")
    parser.add_argument("--no-build", action="store_true", help="measure validate and render only, no mkdocs build")
    parser.add_argument("--no-search", action="store_true", help="skip measuring the first search query in Chromium")
    parser.add_argument("--serve", action="store_true", help="also measure how fast mkdocs serve --dirty shows an edit")
    parser.add_argument("--profile", type=int, default=0, metavar="LINES", help="print a cProfile of validation")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the copy and the built sites in DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.cases < 1:
        parser.error("--cases must be at least 1")
    return bench.main(arguments.cases, build=not arguments.no_build, search=not arguments.no_search,
                      serve=arguments.serve and not arguments.no_build, profile=arguments.profile, keep=arguments.keep)


if __name__ == "__main__":
    sys.exit(main())

"""The floors the benchmark compares Thuisbasis with: the least any tool must do with the same files.

    python -m benchmarks.floor yaml DIR ...      parse every *.yaml under the folders (libyaml's C loader)
    python -m benchmarks.floor html CASES OUT    parse every case and write one small HTML page per case

Each runs as a process of its own, so that it is timed like the sides it is compared with (start-up and
imports included). It imports nothing of Thuisbasis.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_files(folders: Sequence[Path]) -> Iterator[Path]:
    for folder in folders:
        yield from sorted(folder.rglob("*.yaml"))


def parse(path: Path) -> Any:
    return yaml.load(path.read_bytes(), Loader=LOADER)  # noqa: S506 - the safe loader, in C


def parse_all(folders: Sequence[Path]) -> int:
    parsed = 0
    for path in yaml_files(folders):
        parse(path)
        parsed += 1
    return parsed


def page(case: dict[str, Any]) -> str:
    """A page with the case's texts, escaped: what any static generator has to write at least."""
    texts = "".join(f"<h2>{html.escape(str(key))}</h2><p>{html.escape(str(value))}</p>" for key, value in case.items())
    return (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{html.escape(str(case.get("titel")))}'
            f"</title></head><body><main>{texts}</main></body></html>\n")


def write_pages(cases: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in yaml_files([cases]):
        case = parse(path)
        (out / f"{path.stem}.html").write_text(page(case if isinstance(case, dict) else {}), encoding="utf-8")
        written += 1
    return written


def main(argv: Sequence[str]) -> int:
    if len(argv) >= 2 and argv[0] == "yaml":
        print(f"parsed {parse_all([Path(name) for name in argv[1:]])} files")
        return 0
    if len(argv) == 3 and argv[0] == "html":
        print(f"wrote {write_pages(Path(argv[1]), Path(argv[2]))} pages")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

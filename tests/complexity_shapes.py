"""Worst-case shapes for validation: files just under the loader's size limit, each one built to make a
check do as much work as it can (issue 11, item 2). ``tests/test_complexity.py`` times them; run this
module to print each shape's time and peak memory (each in a fresh process, stopped after SHAPE_TIMEOUT
seconds): ``PYTHONPATH=scripts:tests python tests/complexity_shapes.py [NAME ...]``.
"""

from __future__ import annotations

import re
import resource
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from conftest import TODAY, VALID_CASE, valid_case_text
from thuisbasis.commands.from_issue import case_from_issue
from thuisbasis.loading import MAX_BYTES
from thuisbasis.loading.issue_form import form_elements
from thuisbasis.model.registries import registry_paths
from thuisbasis.validation import Report, validate_paths, validate_registries

LIMIT = MAX_BYTES - 2048  # just under the limit, with room for the last repeat


@dataclass(frozen=True)
class Shape:
    name: str
    kind: str  # 'case', 'checklist' or 'issue' (a from-issue body)
    make: Callable[[], str]


def filled(head: str, units: Iterable[str], tail: str = "", limit: int = LIMIT) -> str:
    """``head``, then as many ``units`` as fit under ``limit`` bytes, then ``tail``."""
    parts, size = [head], len((head + tail).encode())
    for unit in units:
        size += len(unit.encode())
        if size > limit:
            break
        parts.append(unit)
    return "".join(parts) + tail


def numbered(template: str) -> Iterable[str]:
    number = 0
    while True:
        yield template.format(n=number)
        number += 1


def case_with(field: str, block: str) -> Callable[[str], str]:
    """The valid case with the top-level ``field`` (and its block) replaced by ``block`` + what follows."""
    text = valid_case_text()
    match = re.search(rf"^{field}:.*\n(?:[ -].*\n|\n)*", text, re.MULTILINE)
    assert match, field
    return lambda filling: text[: match.start()] + block + filling + text[match.end():]


def _case(field: str, head: str, unit: str, tail: str = "\n") -> Callable[[], str]:
    def make() -> str:
        wrap = case_with(field, "")
        around = len(wrap("").encode())
        return wrap(filled(head, numbered(unit), tail, LIMIT - around))

    return make


def _with_one_repeat(field: str, head: str, unit: str, tail: str = "\n") -> Callable[[], str]:
    """A long list of distinct items whose last item repeats the one before it: the slowest spot to find."""
    def make() -> str:
        wrap = case_with(field, "")
        around = len(wrap("").encode())
        body = filled(head, numbered(unit), "", LIMIT - around)
        last = body.rstrip().rsplit("\n", 1)[-1]
        return wrap(body + last + "\n" + tail)

    return make


def _issue_with_sources(line: str) -> Callable[[], str]:
    """A complete issue body whose last answer, 'Bronnen', fills the rest of the file."""
    def make() -> str:
        sections = []
        for element in form_elements():
            if element.id == "bronnen":
                continue
            value = (element.options[0] if element.options else "Een antwoord van genoeg woorden") \
                if element.id != "partners" else "Gemeente Haarlem: Regie en opdrachtgeverschap"
            sections.append(f"### {element.label}\n\n{value}\n\n")
        return filled("".join(sections) + "### Bronnen\n\n", numbered(line))

    return make


def _inserted(text: str, anchor: str, unit: str, limit: int = LIMIT) -> str:
    """``text`` with as many ``unit`` lines as fit inserted after the line ``anchor``."""
    assert text.count(anchor) == 1, anchor
    start, end = text.split(anchor)
    return start + filled(anchor, numbered(unit), "", limit - len(text.encode()) + len(anchor.encode())) + end


def _checklist(anchor: str, unit: str) -> Callable[[], str]:
    def make() -> str:
        text = (VALID_CASE.parent.parent / "valid_checklists" / "voorbeeld-checklist.yaml").read_text(encoding="utf-8")
        return _inserted(text, anchor, unit)

    return make


def _municipalities_with_one_repeat() -> str:
    text = _inserted(valid_case_text(), "    - Voorbeeldstad\n", "    - Gemeente {n}\n", LIMIT - 64)
    last = text.split("  provincie:")[0].rstrip("\n").rsplit("\n", 1)[-1]
    return text.replace("\n  provincie:", f"\n{last}\n  provincie:", 1)


def _sources_and_references() -> str:
    """Half the file known sources, half references to unknown ones: each message lists the known ids."""
    wrap = case_with("financiering", "")
    half = (LIMIT - len(wrap("").encode())) // 2
    sources = filled("bronnen:\n", numbered("  - {{id: b{n}, titel: T, uitgever: U, datum: '2020'}}\n"), "", half)
    references = filled("financiering:\n", numbered("  - {{financier: F, bron: x{n}}}\n"), "", half)
    text = wrap(references)
    return re.sub(r"^bronnen:\n(?:[ -].*\n)*", lambda _: sources, text, flags=re.MULTILINE)


def _broken_at_the_end(make: Callable[[], str], ending: str) -> Callable[[], str]:
    """``make``'s file, shortened by a few lines to make room for ``ending``: an unclosed list at the end."""
    def broken() -> str:
        text = make()
        while len((text + ending).encode()) > LIMIT:
            text = text[: text.rstrip("\n").rfind("\n") + 1]
        return text + ending

    return broken


SHAPES: tuple[Shape, ...] = (
    # Reported in issue 11.
    Shape("unsortable-unique-items", "case", _case("doelgroepen", "doelgroepen: [", "{{a: {n}}}, ", "{}]\n")),
    Shape("mixed-unique-items", "case", _case("doelgroepen", "doelgroepen: [", "{n}, '{n}', ", "x]\n")),
    Shape("forbidden-links", "case", _case("aanpak", "aanpak: |\n", "  [a](javascript:{n})\n")),
    Shape("empty-indicators", "case", _case("doelen", "doelen:\n  - doel: Veel lege indicatoren.\n    indicatoren: [",
                                            "{{}},", "{}]\n")),
    Shape("long-list-one-repeat", "case", _municipalities_with_one_repeat),
    Shape("issue-sources-same-title", "issue", _issue_with_sources("Jaarverslag; Uitgever\n")),
    Shape("phone-numbers", "case", _case("aanpak", "aanpak: |\n", "  Bel 06-1234{n:04d}.\n")),
    Shape("personal-emails", "case", _case("aanpak", "aanpak: |\n", "  Mail jan.jansen@voorbeeld.nl\n")),
    Shape("blockquote-links", "case", _case("aanpak", "aanpak: |\n", "  > [r{n}]: javascript:x\n")),
    # Found while looking for more.
    Shape("one-repeat-in-unique-list", "case", _with_one_repeat("doelgroepen", "doelgroepen:\n", "  - x{n}\n")),
    Shape("unknown-source-references", "case", _sources_and_references),
    Shape("repeated-source-ids", "case", _case("bronnen", "bronnen:\n", "  - {{id: b, titel: T{n}, uitgever: U, datum: '2020'}}\n")),
    Shape("repeated-ingredients", "case", _case("werkzame_bestanddelen", "werkzame_bestanddelen:\n",
                                                "  - {{id: woonbegeleiding, toepassing: Toepassing {n}.}}\n")),
    Shape("unknown-keys", "case", _case("schaal", "schaal:\n", "  onbekend{n}: 1\n")),
    Shape("wrong-enum-values", "case", _case("doelgroepen", "doelgroepen:\n", "  - onbekende-groep-{n}\n")),
    Shape("repeated-checklist-items", "checklist", _checklist(
        "  - id: afspraken\n    titel: Afspraken\n    items:\n", "      - {{id: maandmonitor, tekst: Tekst {n}., waarom: Waarom., bronnen: [artikel]}}\n")),
    # A syntax error at the end: the part before it is read again and checked (at most MAX_RECOVERY_PARSES).
    Shape("recovery-before-an-unclosed-list", "case", _broken_at_the_end(
        _case("schaal", "schaal:\n", "  onbekend{n}: 06-1234{n:04d}\n"), "zie_ook: [\n  [\n")),
    Shape("recovery-that-never-reads", "case", _broken_at_the_end(
        _case("schaal", "schaal:\n", "  onbekend{n}: 1\n"), "zie_ook: [\n" + "  [\n" * 8)),
    Shape("unknown-case-references", "checklist", _checklist(
        "          - voorbeeld-gemengd-wonen\n", "          - onbekende-casus-{n}\n")),
)


def check(shape: Shape, root: Path) -> int:
    """Write ``shape`` under ``root`` (which holds cases/ and checklists/) and check it as the command does;
    how many problems it gave. For an issue body: from-issue writes the case, which is then validated."""
    text = shape.make()
    assert MAX_BYTES - 4096 < len(text.encode()) <= MAX_BYTES, (shape.name, len(text.encode()))
    if shape.kind == "issue":
        registries = Report()
        validate_registries(registries, registry_paths())
        result = case_from_issue(Path("aanmelding.md"), text.encode(), root / "cases", registries.registries, TODAY)
        paths = [result.path] if result.path else []
        return len(result.problems) + len(validate_paths(paths, today=TODAY).problems)
    folder, stem = ("cases", VALID_CASE.stem) if shape.kind == "case" else ("checklists", "voorbeeld-checklist")
    path = root / folder / f"{stem}.yaml"
    path.write_text(text, encoding="utf-8")
    return len(validate_paths([path], today=TODAY).problems)


def project(root: Path) -> Path:
    """Empty cases/ and checklists/ folders under ``root``."""
    (root / "cases").mkdir()
    (root / "checklists").mkdir()
    return root


def measure(index: int) -> tuple[float, float, int]:
    """CPU seconds and peak MB of this process to check ``SHAPES[index]``, and how many problems it gave."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.process_time()
        count = check(SHAPES[index], project(Path(folder)))
        seconds = time.process_time() - start
    return seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, count


if __name__ == "__main__":
    import multiprocessing
    import os
    import sys

    wanted = set(sys.argv[1:])
    for index, shape in enumerate(SHAPES):
        if wanted and shape.name not in wanted:
            continue
        with multiprocessing.get_context("fork").Pool(1) as pool:
            job = pool.apply_async(measure, (index,))
            try:
                seconds, megabytes, count = job.get(timeout=float(os.environ.get("SHAPE_TIMEOUT", "60")))
                print(f"{shape.name:32} {seconds:8.2f} s CPU {megabytes:8.0f} MB peak {count:8} problems", flush=True)
            except multiprocessing.TimeoutError:
                print(f"{shape.name:32} over the timeout", flush=True)

"""The serve cache: while ``mkdocs serve`` runs, only the case files that changed are checked again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thuisbasis.loading import Document
from thuisbasis.problems import Problem
from thuisbasis.validation import documents
from thuisbasis.validation.report import Report
from thuisbasis.validation.rules import RuleContext

FileSignature = tuple[int, int, int]  # modification time (ns), size and inode of a file


def file_signature(path: Path) -> FileSignature | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


@dataclass
class _CheckedFile:
    signature: FileSignature
    problems: list[Problem]
    document: Document | None


class CaseFileCache:
    """What checking each case file gave, kept between calls while the file, the registries and the day
    stay the same. ``mkdocs serve`` re-checks every case after an edit; with this only the edited one is
    read again. Cross-file checks (unique ids) always run on the whole set."""

    def __init__(self) -> None:
        self._files: dict[Path, _CheckedFile] = {}
        self._context: tuple[object, ...] | None = None

    def start(self, context: tuple[object, ...]) -> None:
        """Forget everything when what every file is checked against (registries, day) changed."""
        if context != self._context:
            self._files.clear()
            self._context = context

    def check(self, report: Report, path: Path, context: RuleContext) -> Document | None:
        signature = file_signature(path)
        known = self._files.get(path)
        if signature is not None and known is not None and known.signature == signature:
            report.checked_cases += 1
            report.problems.extend(known.problems)
            return known.document
        part = Report()
        document = documents.validate_case_file(part, path, context)
        report.checked_cases += part.checked_cases
        report.problems.extend(part.problems)
        if signature is not None:
            self._files[path] = _CheckedFile(signature, part.problems, document)
        return document

"""The report of a validation run: every problem, what could be read, and one Dutch summary line."""

from __future__ import annotations

from dataclasses import dataclass, field

from thuisbasis.loading import Document
from thuisbasis.model.registries import Registry
from thuisbasis.problems import Problem, counted


class UsageError(Exception):
    """A path that does not exist or cannot be checked: the command line was wrong, not a file."""


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    cases: list[Document] = field(default_factory=list)
    checklists: list[Document] = field(default_factory=list)
    contexts: list[Document] = field(default_factory=list)  # the national figures (context/landelijk-beeld.yaml)
    registries: dict[str, Registry] = field(default_factory=dict)
    checked_cases: int = 0
    checked_checklists: int = 0
    checked_contexts: int = 0
    checked_registries: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [found for found in self.problems if found.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [found for found in self.problems if not found.is_error]

    @property
    def ok(self) -> bool:
        """No errors: warnings (such as the privacy lint's) are for a reviewer and do not block."""
        return not self.errors

    def summary(self) -> str:
        """One Dutch line that counts errors and warnings separately.

        'geen problemen.' | '2 fouten in 1 bestand.' | 'geen fouten; 1 waarschuwing in 1 bestand.' |
        '2 fouten en 1 waarschuwing in 2 bestanden.' (the files with either).
        """
        checked = [counted(self.checked_cases, "casus", "casussen")]
        if self.checked_checklists:
            checked.append(counted(self.checked_checklists, "checklist", "checklists"))
        if self.checked_contexts:
            checked.append(counted(self.checked_contexts, "bestand met landelijke cijfers",
                                   "bestanden met landelijke cijfers"))
        files = f"{', '.join(checked)} en {counted(self.checked_registries, 'register', 'registers')} gecontroleerd"
        if not self.problems:
            return f"Thuisbasis: {files}: geen problemen."
        errors, warnings = len(self.errors), len(self.warnings)
        where = f"in {counted(len({found.path for found in self.problems}), 'bestand', 'bestanden')}"
        if not warnings:
            found = counted(errors, "fout", "fouten")
        elif not errors:
            found = f"geen fouten; {counted(warnings, 'waarschuwing', 'waarschuwingen')}"
        else:
            found = f"{counted(errors, 'fout', 'fouten')} en {counted(warnings, 'waarschuwing', 'waarschuwingen')}"
        return f"Thuisbasis: {files}: {found} {where}."

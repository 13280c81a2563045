"""Validate: load files safely, check them against their schema and the rules, collect every problem.

``validate_paths`` is what ``thuisbasis validate``, ``thuisbasis render`` and the MkDocs plugin all call, so
a partner sees the same messages on the command line, in CI and in a failed build. The modules:

- run.py: one run over the given paths (which file is what; checks across files);
- documents.py: the steps every file goes through (load, schema, rules, each rule guarded);
- report.py: the Report and its Dutch summary line;
- registries.py, checklists.py, context.py: the other kinds of file;
- schema.py: the JSON Schema check with Dutch messages; rules.py, checklist_rules.py, registry_rules.py: the
  rules, one generator each; privacy.py: the privacy lint;
- parallel.py: both cores for many case files; cache.py: only changed files again while serving, and the
  record of a whole run that lets the build after ``thuisbasis validate`` skip checking.
"""

from thuisbasis.validation.cache import CaseFileCache
from thuisbasis.validation.registries import validate_registries
from thuisbasis.validation.report import Report, UsageError
from thuisbasis.validation.run import validate_paths

__all__ = ["CaseFileCache", "Report", "UsageError", "validate_paths", "validate_registries"]

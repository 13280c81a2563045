"""The verbs of the ``thuisbasis`` command, one module each with ``run(arguments) -> exit code``.

cli.py parses the command line and imports only the module of the verb it runs. What every verb prints
the same way (problems, GitHub annotations, usage errors, the step summary) is in output.py.
"""

from pathlib import Path

# The content folders of a Thuisbasis checkout, relative to where the command runs.
CASES_DIR = Path("cases")
CHECKLISTS_DIR = Path("checklists")
CONTEXT_DIR = Path("context")  # the national figures (Landelijk beeld)

"""The data files the package ships (package data, so every command works from an installed package too)."""

from pathlib import Path

DATA_DIR = Path(__file__).parent
REGISTRY_DIR = DATA_DIR / "registries"  # the controlled lists, one YAML file each
CASE_TEMPLATE = DATA_DIR / "case-template.yaml"  # what `thuisbasis new` writes
EMAIL_ALLOWLIST = DATA_DIR / "email-allowlist.yaml"  # organisational addresses the privacy lint accepts
# The "Casus aanmelden" issue form. GitHub reads its copy in .github/ISSUE_TEMPLATE/, which must stay
# byte-identical (tests/test_issue_form.py); `thuisbasis from-issue` reads this one.
ISSUE_FORM = DATA_DIR / "casus-aanmelden.yml"

"""``thuisbasis audit [MAP]``: the built site holds no script, handler or address it should not (site/audit.py)."""

from __future__ import annotations

import argparse
import os

from thuisbasis.commands.output import usage_error
from thuisbasis.problems import display_path


def run(arguments: argparse.Namespace) -> int:
    from thuisbasis.site.audit import audit_site

    if not arguments.site.is_dir():
        return usage_error(f"'{arguments.site}' is geen map; bouw de site eerst (mkdocs build)")
    if not arguments.scripts_dir.is_dir():
        return usage_error(f"'{arguments.scripts_dir}' is geen map")
    pages, findings = audit_site(arguments.site, arguments.scripts_dir, os.environ.get("THUISBASIS_SITE_URL"))
    for finding in findings:
        print(finding)
    if not pages:
        print(f"Thuisbasis-audit: geen HTML-bestanden in {display_path(arguments.site)}.")
        return 1
    found = "geen problemen" if not findings else f"{len(findings)} {'probleem' if len(findings) == 1 else 'problemen'}"
    print(f"Thuisbasis-audit: {pages} pagina's gecontroleerd: {found}.")
    return 1 if findings else 0

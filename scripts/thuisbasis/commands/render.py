"""``thuisbasis render [--out MAP]``: the pages as Markdown and the open data, for any site generator."""

from __future__ import annotations

import argparse

from thuisbasis.commands.output import print_problems, usage_error
from thuisbasis.problems import display_path


def run(arguments: argparse.Namespace) -> int:
    from thuisbasis.model.catalog import build_date, load_catalog
    from thuisbasis.render import render_site, write_rendered

    if not arguments.cases_dir.is_dir():
        return usage_error(f"de map '{arguments.cases_dir}' bestaat niet")
    catalog, report = load_catalog(arguments.cases_dir, checklists_dir=arguments.checklists_dir)
    if catalog is None:
        print_problems(report.problems)
        print(report.summary())
        return 1
    written = write_rendered(render_site(catalog, build_date()), arguments.out)
    print(f"Thuisbasis: {len(catalog.cases)} casus(sen) weergegeven in {written} bestanden in {display_path(arguments.out)}.")
    return 0

"""``thuisbasis schema --write|--check``: the registry-backed lists of the schemas, copied from the registries."""

from __future__ import annotations

import argparse
import copy

from thuisbasis.commands.output import print_problems
from thuisbasis.problems import display_path, printable


def run(arguments: argparse.Namespace) -> int:
    from thuisbasis.model.registries import registry_paths
    from thuisbasis.schemas import (
        REGISTRY_BACKED_SCHEMAS,
        dump_schema,
        enum_drift,
        load_schema,
        schema_path,
        sync_enums,
    )
    from thuisbasis.validation import Report, validate_registries

    report = Report()
    validate_registries(report, registry_paths())
    broken = [found for found in report.problems if found.code != "TB302"]
    if broken:
        print_problems(broken)
        print("Thuisbasis: herstel eerst de registers.")
        return 1
    if arguments.check:
        drifted = False
        for name in REGISTRY_BACKED_SCHEMAS:
            for entry, difference in enum_drift(load_schema(name), report.registries):
                drifted = True
                print(f"{display_path(schema_path(name))}: {printable(f'{entry.field} ({entry.registry}): {difference}')}")
        print("Thuisbasis: draai thuisbasis schema --write" if drifted else "Thuisbasis: schema en registers zijn gelijk.")
        return 1 if drifted else 0
    for name in REGISTRY_BACKED_SCHEMAS:
        updated = sync_enums(copy.deepcopy(load_schema(name)), report.registries)
        schema_path(name).write_text(dump_schema(updated), encoding="utf-8")
    load_schema.cache_clear()
    written = ", ".join(display_path(schema_path(name)) for name in REGISTRY_BACKED_SCHEMAS)
    print(f"Thuisbasis: {written} bijgewerkt uit {len(report.registries)} registers.")
    return 0

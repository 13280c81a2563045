"""Vendor scripts: the npm packages the site ships, copied byte for byte from node_modules into the build.

The casus-wizard (docs/javascripts/aanmelden.js) validates in the browser with @cfworker/json-schema,
pinned exactly in package.json and package-lock.json and installed with ``npm ci`` (``make setup``). It
interprets a schema without ``eval`` or ``new Function``, so the site's Content-Security-Policy needs no
'unsafe-eval' (ajv compiles a schema to code at run time). Its ES modules go to ``VENDOR_FOLDER`` in the
built site; nothing built is committed, and the audit (site/audit.py) accepts a file there only when it
is byte-equal to the installed package's file of the same name.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[3]  # the repository: scripts/thuisbasis/site/vendor.py
NODE_MODULES = ROOT / "node_modules"
PACKAGE = "@cfworker/json-schema"
PACKAGE_FOLDER = "dist/esm"  # the ES modules; the page imports index.js, which imports the rest
VENDOR_FOLDER = "javascripts/vendor/json-schema/"  # in the built site


class VendorError(PluginError):
    """The package is not installed: the build stops with a Dutch message that says what to run."""


def installed_packages(project: Path) -> Path:
    """The ``node_modules`` that holds the package: the nearest at or above the MkDocs project (``npm ci``
    there), else the one of the repository this package runs from. Named in the error when neither has it."""
    for folder in (project, *project.parents):
        if (folder / "node_modules" / PACKAGE / PACKAGE_FOLDER).is_dir():
            return folder / "node_modules"
    return NODE_MODULES


@functools.cache
def vendor_files(node_modules: Path = NODE_MODULES) -> dict[str, bytes]:
    """Every script of the package by its path in the built site."""
    source = node_modules / PACKAGE / PACKAGE_FOLDER
    scripts = sorted(source.glob("*.js"))
    if not scripts:
        raise VendorError(f"thuisbasis: {PACKAGE} ontbreekt in {node_modules}; draai `npm ci` (make setup)")
    return {f"{VENDOR_FOLDER}{path.name}": path.read_bytes() for path in scripts}

"""The pipeline's stages import only what comes before them (docs/dev/architecture.md, "The flow a case takes").

Each import runs in a fresh interpreter, so what one test imported cannot hide what another needs. Besides
keeping the layers honest, it keeps `thuisbasis validate` quick to start: importing any module of `render/`
loads the whole renderer (Jinja2 and every template helper), about a quarter second of every run.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

# module -> the packages of thuisbasis that importing it must not load
NOT_LOADED = {
    "thuisbasis.loading": {"validation", "model", "derive", "render", "site", "commands"},
    "thuisbasis.validation": {"derive", "render", "site", "commands"},
    "thuisbasis.model.cases": {"validation", "derive", "render", "site", "commands"},
    "thuisbasis.derive.evidence": {"validation", "render", "site", "commands"},
    "thuisbasis.urls": {"loading", "validation", "model", "derive", "render", "site", "commands"},
    "thuisbasis.render": {"site", "commands"},
}


def loaded_packages(module: str) -> set[str]:
    code = (f"import sys, {module}\n"
            "print(' '.join(sorted({name.split('.')[1] for name in sys.modules if name.startswith('thuisbasis.')})))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,  # noqa: S603
                            env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    return set(result.stdout.split())


@pytest.mark.parametrize("module", NOT_LOADED)
def test_a_stage_does_not_load_a_later_one(module: str) -> None:
    assert not loaded_packages(module) & NOT_LOADED[module]

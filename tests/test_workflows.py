"""The GitHub side: workflows (zizmor, schema, hardening rules), dependabot, pre-commit, editor settings and
the Dutch step summary that the workflows show."""

from __future__ import annotations

import fnmatch
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import as_read, line_of, replace_line, valid_case_text
from thuisbasis.loading import load_document

ROOT = Path(__file__).parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # (?P<version>v\d+\.\d+\.\d+)$")


def workflow(name: str) -> dict[str, Any]:
    document, problems = load_document(GITHUB / "workflows" / name)
    assert problems == []
    return document.data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


AUDIT = ".venv/bin/thuisbasis audit site/"


def step_names(job: dict[str, Any]) -> list[str]:
    """Each step as its command or its action (without the pin)."""
    return [step.get("run") or step.get("uses", "").split("@")[0] for step in job["steps"]]


def test_there_are_the_four_workflows() -> None:
    assert [path.name for path in WORKFLOWS] == ["links.yml", "pages.yml", "pull-request.yml", "stale.yml"]


def test_zizmor_offline_reports_nothing() -> None:
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(GITHUB)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_would_catch_an_unsafe_workflow(tmp_path: Path) -> None:
    unsafe = tmp_path / "workflows"
    unsafe.mkdir()
    (unsafe / "onveilig.yml").write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: echo \"${{ github.event.pull_request.title }}\"\n",
        encoding="utf-8")
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(unsafe / "onveilig.yml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses"):
        assert audit in result.stdout


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ("vendor.github-workflows", [str(path) for path in WORKFLOWS]),
        ("custom.github-workflows-require-timeout", [str(path) for path in WORKFLOWS]),
        ("vendor.dependabot", [str(GITHUB / "dependabot.yml")]),
        ("vendor.github-issue-forms", [str(GITHUB / "ISSUE_TEMPLATE" / "casus-aanmelden.yml")]),
    ],
    ids=["workflows", "timeouts", "dependabot", "issue-form"],
)
def test_github_files_match_github_schemas(schema: str, paths: list[str]) -> None:
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *paths],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    uses = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert uses, "a workflow without actions?"
    assert [line for line in uses if not PINNED.match(line)] == []


def test_one_action_has_one_pin_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = PINNED.match(line)
            if match:
                pins.setdefault(match.group("action"), set()).add(f"{match.group('sha')} {match.group('version')}")
    assert {action: len(found) for action, found in pins.items()} == dict.fromkeys(pins, 1)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflows_are_hardened(path: Path) -> None:
    data = workflow(path.name)
    assert "pull_request_target" not in data["on"] and "workflow_run" not in data["on"]
    assert data["permissions"] == {"contents": "read"}
    for job_name, job in data["jobs"].items():
        assert set(job.get("permissions", {"contents": "read"}).values()) <= {"read", "write"}
        if job_name != "deploy":
            assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}, job_name
    for step in steps(data):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
        assert "${{" not in step.get("run", ""), step  # event data reaches a script only through env:


def test_only_the_pages_deploy_job_may_write() -> None:
    deploy = workflow("pages.yml")["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_pull_requests_run_the_readme_commands() -> None:
    data = workflow("pull-request.yml")
    assert data["on"] == {"pull_request": None}
    runs = [step.get("run") for step in steps(data) if "run" in step]
    assert '.venv/bin/thuisbasis validate --summary "$GITHUB_STEP_SUMMARY"' in runs
    assert ".venv/bin/mkdocs build --strict" in runs
    assert "make test" in runs
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and ".venv/bin/thuisbasis validate" in readme


@pytest.mark.parametrize(("name", "job"), [("pull-request.yml", "validate"), ("pages.yml", "build")])
def test_the_build_follows_validate_in_the_same_checkout(name: str, job: str) -> None:
    """The build reuses the record `thuisbasis validate` writes in build/ (validation/cache.py), so it must
    run after it in the same job, and validate must check the whole checkout (no paths), as the build does."""
    names = step_names(workflow(name)["jobs"][job])
    validate = '.venv/bin/thuisbasis validate --summary "$GITHUB_STEP_SUMMARY"'
    assert names.index(validate) + 1 == names.index(".venv/bin/mkdocs build --strict")


@pytest.mark.parametrize(("name", "job"), [("pull-request.yml", "validate"), ("pages.yml", "build")])
def test_the_search_index_is_made_after_the_build_and_before_the_audit(name: str, job: str) -> None:
    """The build leaves the search index to ``thuisbasis index`` (site/search.py); the audit checks the scripts
    Pagefind writes, so it comes after."""
    names = step_names(workflow(name)["jobs"][job])
    index = ".venv/bin/thuisbasis index site/"
    assert names.index(".venv/bin/mkdocs build --strict") + 1 == names.index(index) < names.index(AUDIT)


def test_no_workflow_builds_quietly_or_verbosely() -> None:
    # `mkdocs build --strict -q` exits 0 despite warnings, and -v also defeats --strict (reliability.md §4).
    for path in WORKFLOWS:
        for step in steps(workflow(path.name)):
            if "mkdocs build" in step.get("run", ""):
                assert re.search(r"\s-(q|v)\b|--quiet|--verbose", step["run"]) is None


def test_the_tests_run_on_debian_with_chromium_from_the_makefile() -> None:
    job = workflow("pull-request.yml")["jobs"]["test"]
    # Debian bookworm, pinned by digest (the tag stays in front for the reader).
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", job["container"]["image"])
    assert re.search(r"^\tapt-get update .*apt-get install .*\bchromium$", (ROOT / "Makefile").read_text(encoding="utf-8"),
                     re.MULTILINE)


def test_the_stale_report_runs_weekly() -> None:
    data = workflow("stale.yml")
    assert [entry["cron"] for entry in data["on"]["schedule"]] == ["23 6 * * 1"]
    assert [step["run"] for step in steps(data) if "run" in step][-1] == \
        '.venv/bin/thuisbasis stale --summary "$GITHUB_STEP_SUMMARY"'


def test_pages_are_published_from_main_after_a_strict_build() -> None:
    data = workflow("pages.yml")
    assert data["on"]["push"] == {"branches": ["main"]}
    build = step_names(data["jobs"]["build"])
    assert build.index(".venv/bin/mkdocs build --strict") < build.index("actions/upload-pages-artifact")


def test_pages_are_published_only_after_the_audit_of_the_built_site() -> None:
    build = workflow("pages.yml")["jobs"]["build"]
    names = step_names(build)
    assert names.index(".venv/bin/mkdocs build --strict") < names.index(AUDIT) < names.index("actions/upload-pages-artifact")
    # The audit reads root paths below the address the site was built for: both steps see the same one.
    assert "THUISBASIS_SITE_URL" in build["env"]
    assert all("THUISBASIS_SITE_URL" not in step.get("env", {}) for step in build["steps"])


def test_pull_requests_audit_the_built_site() -> None:
    names = step_names(workflow("pull-request.yml")["jobs"]["validate"])
    assert names[-3:] == [".venv/bin/mkdocs build --strict", ".venv/bin/thuisbasis index site/", AUDIT]


def test_the_audit_command_in_the_workflows_exists() -> None:
    assert subprocess.run([str(BIN / "thuisbasis"), "audit", "--help"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60).returncode == 0
    assert AUDIT in (ROOT / "README.md").read_text(encoding="utf-8")


def test_dependabot_updates_python_packages_and_actions() -> None:
    data = load_document(GITHUB / "dependabot.yml")[0].data
    assert {update["package-ecosystem"] for update in data["updates"]} >= {"pip", "github-actions"}


def test_the_pull_request_template_holds_the_reviewers_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(items) >= 10
    assert any("TB4" in item for item in items)  # the privacy warnings need a reviewer's sign-off
    assert any("laatst_beoordeeld" in item for item in items)


# --- pre-commit --------------------------------------------------------------------------------------

def hooks() -> dict[str, dict[str, Any]]:
    data = load_document(ROOT / ".pre-commit-config.yaml")[0].data
    return {hook["id"]: hook for repo in data["repos"] for hook in repo["hooks"]}


@pytest.mark.parametrize(
    ("path", "checked"),
    [("cases/nieuwe-casus.yaml", True), ("checklists/opgaveteam.yaml", True),
     ("scripts/thuisbasis/data/registries/rollen.yaml", True), ("cases/sub/x.yaml", False),
     ("tests/fixtures/invalid/leeg.yaml", False), ("docs/bijdragen.md", False), ("cases/README.md", False)],
)
def test_pre_commit_validates_changed_case_checklist_and_registry_files(path: str, checked: bool) -> None:
    assert bool(re.search(hooks()["thuisbasis-validate"]["files"], path)) is checked


def test_the_pre_commit_hook_command_reports_file_and_line(tmp_path: Path) -> None:
    hook = hooks()["thuisbasis-validate"]
    case = tmp_path / "voorbeeld-gemengd-wonen.yaml"
    text = replace_line(valid_case_text(), "status: afgerond", "status: klaar")
    case.write_text(text, encoding="utf-8")
    command = hook["entry"].split()
    result = subprocess.run([str(ROOT / command[0]), *command[1:], str(case)], capture_output=True, text=True,
                            cwd=ROOT, env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}, timeout=60)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{case}:{line_of(text, 'status: klaar')}:9: TB104 'status' is 'klaar'")


def test_pre_commit_runs_a_pinned_ruff() -> None:
    ruff = hooks()["ruff"]
    assert re.fullmatch(r"ruff==\d+\.\d+\.\d+", ruff["additional_dependencies"][0])
    assert ruff["entry"].startswith("ruff check")


# --- Editor settings ------------------------------------------------------------------------------------

def vscode_settings() -> dict[str, Any]:
    text = (ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8")
    return json.loads("\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")))


def test_editor_maps_cases_and_checklists_to_their_schemas() -> None:
    schemas = vscode_settings()["yaml.schemas"]
    assert schemas == {
        "./scripts/thuisbasis/schemas/case.schema.json": ["cases/*.yaml"],
        "./scripts/thuisbasis/schemas/checklist.schema.json": ["checklists/*.yaml"],
    }
    assert (ROOT / "scripts/thuisbasis/schemas/case.schema.json").is_file()
    cases = [path.relative_to(ROOT).as_posix() for path in (ROOT / "cases").glob("*.yaml")]
    assert cases and all(fnmatch.fnmatch(path, "cases/*.yaml") for path in cases)


def test_editor_recommends_the_yaml_extension() -> None:
    assert json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8")) == \
        {"recommendations": ["redhat.vscode-yaml"]}


# --- The Dutch step summary ------------------------------------------------------------------------------

def run_validate(cwd: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "thuisbasis", "validate", *arguments], capture_output=True,
                          text=True, cwd=cwd, env=environment, timeout=60)


def test_validate_writes_a_dutch_summary_that_keeps_partner_text_as_text(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    text = replace_line(valid_case_text(), "status: afgerond", 'status: "<b>klaar</b> | [x](https://e.org) *"')
    text = replace_line(text, "- Laat bewoners elkaar vooraf ontmoeten.", "- Vraag het aan mevrouw Jansen.")
    (tmp_path / "cases" / "voorbeeld-gemengd-wonen.yaml").write_text(text, encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = run_validate(tmp_path, "--summary", str(summary))
    assert result.returncode == 1
    status, name = line_of(text, 'status: "<b>klaar</b> | [x](https://e.org) *"'), line_of(text, "- Vraag het aan mevrouw Jansen.")
    assert r"\'\<b\>klaar\<\/b\> \| \[x\]\(https\:\/\/e\.org\) \*\'" in summary.read_text(encoding="utf-8")
    assert as_read(summary.read_text(encoding="utf-8")) == (
        "## Controle van de casussen\n\n"
        "❌ Thuisbasis: 1 casus en 17 registers gecontroleerd: 1 fout en 1 waarschuwing in 1 bestand.\n\n"
        "Herstel de fouten in je bestand en sla het opnieuw op in deze pull request; de controle draait dan "
        "vanzelf opnieuw. Elke melding staat ook bij de regel zelf, onder het tabblad *Files changed*. Uitleg "
        "over elke code staat op de pagina Foutcodes van de site.\n\n"
        "| Bestand | Regel | Soort | Code | Melding |\n"
        "|---|---:|---|---|---|\n"
        f"| cases/voorbeeld-gemengd-wonen.yaml | {status} | fout | TB104 | 'status' is '<b>klaar</b> | "
        "[x](https://e.org) *', maar dat staat niet in het register 'Status'. Toegestaan: gepland, lopend, "
        "afgerond. |\n"
        f"| cases/voorbeeld-gemengd-wonen.yaml | {name} | waarschuwing | TB405 | Tip 1 ('lessen.tips[1]') noemt een "
        "persoon: 'mevrouw Jansen'. Noem geen namen van bewoners of medewerkers; schrijf bijvoorbeeld 'een "
        "bewoner' of 'de wijkcoördinator'. |\n"
    )


def test_a_clean_run_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "voorbeeld-gemengd-wonen.yaml").write_text(valid_case_text(), encoding="utf-8")
    summary = tmp_path / "summary.md"
    assert run_validate(tmp_path, "--summary", str(summary)).returncode == 0
    assert as_read(summary.read_text(encoding="utf-8")) == (
        "## Controle van de casussen\n\n✅ Thuisbasis: 1 casus en 17 registers gecontroleerd: geen problemen.\n")


def test_a_summary_file_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "voorbeeld-gemengd-wonen.yaml").write_text(valid_case_text(), encoding="utf-8")
    result = run_validate(tmp_path, "--summary", str(tmp_path / "bestaat-niet" / "summary.md"))
    assert result.returncode == 2
    assert result.stderr == (f"thuisbasis: fout in de opdracht: de samenvatting kan niet naar "
                             f"'{tmp_path / 'bestaat-niet' / 'summary.md'}': de map bestaat niet\n")


def test_pages_are_not_published_without_the_editors_mailbox() -> None:
    # Issue 14: the contact route without GitHub is the editors' e-mail address in every page's footer.
    build = workflow("pages.yml")["jobs"]["build"]
    assert build["env"]["THUISBASIS_REDACTIE_EMAIL"] == "${{ vars.THUISBASIS_REDACTIE_EMAIL }}"
    first = build["steps"][0]
    assert '[ -z "$THUISBASIS_REDACTIE_EMAIL" ]' in first["run"] and "exit 1" in first["run"]
    assert "THUISBASIS_REDACTIE_EMAIL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")

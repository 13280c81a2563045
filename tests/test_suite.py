"""The test suite's own set-up: what the expensive shared fixtures rely on."""

from __future__ import annotations

import os

import pytest


@pytest.mark.xdist_group("suite-grouping")
def test_tests_marked_with_a_group_run_on_one_worker(request: pytest.FixtureRequest) -> None:
    """``--dist loadgroup`` (pyproject.toml) sends the tests marked ``xdist_group("name")`` to one worker by
    adding ``@name`` to their id; the site builds of test_site_build, test_red_team and test_reproducible
    and the benchmark run of test_bench are made once because of it. With pytest 9.2 the id stayed as it
    was and the marked tests were spread over the workers: every worker built the same sites again
    (pytest-xdist issue 1386), and nothing failed."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        pytest.skip("alleen met pytest-xdist (make test draait de tests op meer workers)")
    assert request.node.nodeid.endswith("@suite-grouping"), request.node.nodeid

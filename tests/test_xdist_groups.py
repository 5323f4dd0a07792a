"""The suite relies on pytest-xdist's ``--dist loadgroup`` (``./test.sh``): the scripted quarter's
13 tests share one season per database, which must run on one worker, once. pytest 9.2 changed how
node ids are stored, and pytest-xdist 3.8's loadgroup then silently stopped grouping
(pytest-xdist#1386): each worker ran the quarter, doubling CI's longest tests. This test fails
when grouping stops working, whatever the cause."""

from __future__ import annotations

import os

import pytest


@pytest.mark.xdist_group("proef-groep")
def test_a_test_marked_with_an_xdist_group_is_scheduled_by_its_group(request: pytest.FixtureRequest) -> None:
    if not os.environ.get("PYTEST_XDIST_WORKER") or not getattr(request.config.option, "loadgroup", False):
        pytest.skip("alleen onder pytest-xdist met --dist loadgroup (./test.sh)")
    assert request.node.nodeid.endswith("@proef-groep"), request.node.nodeid

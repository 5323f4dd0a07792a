#!/usr/bin/env bash
# The test suite, on every core and one more (pytest-xdist; REGIE_TEST_PROCESSEN=1 for one process).
# Set REGIE_TEST_DATABASE_URL to run every database test on PostgreSQL too. The answer page's
# browser tests need Debian's chromium and axe-core: scripts/install-test-browser.sh (CI runs it);
# without them they are skipped with that reason.
source "$(dirname "$0")/scripts_common.sh"
install_venv "--group dev"
# Bytecode is written during the tests even where the environment says not to (PYTHONDONTWRITEBYTECODE,
# set on some machines): pytest then rewrites every test module and the whole of its plugins' packages
# (hypothesis, anyio) in each process again, ≈ 5 s of CPU per xdist worker, and every `regie`, runner
# and flow-run process the tests start compiles the project's modules again. The caches go to
# __pycache__ (ignored by git) beside the sources and in .venv.
unset PYTHONDONTWRITEBYTECODE
# One worker more than there are cores: the tests of real processes spend much of their time waiting
# for a server, a runner or a browser, and a third worker on two cores fills those waits (a fresh clone,
# SQLite: 3 min 57 s with two, 3 min 27 s with three, the same CPU time; docs/benchmarks.md).
exec .venv/bin/python -m pytest -n "${REGIE_TEST_PROCESSEN:-$(( $(nproc) + 1 ))}" --dist loadgroup "$@"

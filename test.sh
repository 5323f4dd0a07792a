#!/usr/bin/env bash
# The test suite, on every core (pytest-xdist; REGIE_TEST_PROCESSEN=1 for one process).
# Set REGIE_TEST_DATABASE_URL to run every database test on PostgreSQL too. The answer page's
# browser tests need Debian's chromium and axe-core: scripts/install-test-browser.sh (CI runs it);
# without them they are skipped with that reason.
source "$(dirname "$0")/scripts_common.sh"
install_venv "--group dev"
exec .venv/bin/python -m pytest -n "${REGIE_TEST_PROCESSEN:-auto}" --dist loadgroup "$@"

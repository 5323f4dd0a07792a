#!/usr/bin/env bash
# The test suite. Set REGIE_TEST_DATABASE_URL to run every database test on PostgreSQL too.
source "$(dirname "$0")/scripts_common.sh"
install_venv "--group dev"
exec .venv/bin/python -m pytest "$@"

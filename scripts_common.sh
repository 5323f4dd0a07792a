# Shared by start.sh and test.sh: a virtual environment in .venv with everything installed.
# Sourced, not run. Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "programmaregie heeft Python 3.11 of nieuwer nodig (gevonden: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
# No calls out of the machine at run time: Prefect telemetry and update checks off.
export PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
install_venv() {  # $1: extra pip arguments (e.g. "--group dev")
  local stamp=".venv/.installed${1:+-dev}"
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "programmaregie: installeren in .venv (de eerste keer ongeveer een minuut)..." >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
    echo "programmaregie: pip is bijgewerkt; nu de pakketten van pyproject.toml..." >&2
    # shellcheck disable=SC2086
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e . ${1:-}
    touch "$stamp"
    echo "programmaregie: geïnstalleerd." >&2
  fi
}

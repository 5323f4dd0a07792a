# Shared by start.sh and test.sh: a virtual environment in .venv with everything installed.
# Sourced, not run. Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PYTHON=${PYTHON:-python3}
# A command with SIGINT blocked: a Python program given it handles a Ctrl-C once it is ready for it
# (regie/stap.py), one that never does ends as if it came after it; either way no traceback of a
# Ctrl-C while Python starts. GNU env (coreutils 8.31 or newer); without it, as before.
BLOCK_INT=()
if env --block-signal=INT true 2>/dev/null; then BLOCK_INT=(env --block-signal=INT); fi
if ! ${BLOCK_INT[@]+"${BLOCK_INT[@]}"} "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "programmaregie heeft Python 3.11 of nieuwer nodig (gevonden: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
# No calls out of the machine at run time: Prefect telemetry and update checks off.
export PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
install_venv() {  # $1: extra install arguments (e.g. "--group dev")
  local stamp=".venv/.installed${1:+-dev}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    local begin=$SECONDS
    echo "programmaregie: installeren in .venv (de eerste keer een tot twee minuten)..." >&2
    # The first time: 15-20 s on a fast machine with a warm cache, 70-90 s on a slow one or with empty
    # caches (docs/benchmarks.md; 75 s in a trial on a shared 2-core machine): "een tot twee minuten".
    # uv (Astral's installer, maintained, MIT/Apache-2.0) fetches and installs the same packages from
    # the same index in parallel: about 20 s on a fresh machine, bytecode included, where pip took
    # about 85 s. uv itself comes from this Python's pip, straight into the new environment, which is
    # made without pip (ensurepip alone takes 5 s; uv puts pip in afterwards). Where uv cannot be
    # had (an index without it, say), pip installs as before.
    echo "programmaregie: stap 1 van 2, het installatieprogramma uv..." >&2
    if [ ! -x .venv/bin/python ]; then
      "$PYTHON" -m venv --without-pip .venv
    fi
    if { [ -x .venv/bin/uv ] \
         || "$PYTHON" -m pip install --quiet --disable-pip-version-check --prefix .venv "uv>=0.5,<1" 2>/dev/null \
         || { _venv_pip && .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.5,<1" 2>/dev/null; }; } \
      && echo "programmaregie: stap 2 van 2, de pakketten van pyproject.toml ($((SECONDS - begin)) s tot nu toe)..." >&2 \
      && UV_NATIVE_TLS=${UV_NATIVE_TLS:-1} .venv/bin/uv pip install --quiet --compile-bytecode \
        --python .venv/bin/python -e . pip ${1:-}; then
      # UV_NATIVE_TLS: the machine's certificate store, as pip uses, for an index behind a proxy.
      # --compile-bytecode: as pip does; without .pyc files (and with PYTHONDONTWRITEBYTECODE set, as
      # on some machines) every process compiles Prefect again, and a start takes minutes.
      :
    else
      echo "programmaregie: uv lukte niet; stap 2 van 2 met pip (een paar minuten)..." >&2
      _venv_pip
      .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
      # shellcheck disable=SC2086
      .venv/bin/python -m pip install --quiet --disable-pip-version-check -e . ${1:-}
    fi
    touch "$stamp"
    echo "programmaregie: geïnstalleerd in $((SECONDS - begin)) s." >&2
  fi
}
_venv_pip() {  # pip inside .venv, where the environment was made without it
  .venv/bin/python -m pip --version >/dev/null 2>&1 || .venv/bin/python -m ensurepip --upgrade >/dev/null
}

dutch_day() {  # $1: JJJJ-MM-DD; prints it as a user reads it ("donderdag 18 juni 2020"), else $1 as given
  local dagen=(zondag maandag dinsdag woensdag donderdag vrijdag zaterdag)
  local maanden=(januari februari maart april mei juni juli augustus september oktober november december)
  local w d m y
  if read -r w d m y < <(LC_ALL=C date -d "$1" '+%w %-d %-m %Y' 2>/dev/null) && [ -n "$y" ]; then
    echo "${dagen[$w]} $d ${maanden[$((m - 1))]} $y"
  else
    echo "$1"  # a date(1) without -d (macOS): the typed form
  fi
}

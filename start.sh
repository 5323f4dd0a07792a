#!/usr/bin/env bash
# The main job on the embedded default: installs into .venv, loads the sample register into a
# SQLite database in the demo's own data directory (~/.local/share/programmaregie-demo), and starts the service: a Prefect server with the UI on
# 127.0.0.1:4200, the local mailbox (an SMTP server on 127.0.0.1:8025 that stores each message as
# an .eml file) and the deployments. One daily check runs at once as of a date inside the sample's
# programme period (2019-2022) and one check-in waits for an answer on a form.
# Ctrl-C stops everything; ./start.sh --eenmalig runs one cycle and exits.
# Ctrl-C before the service runs (the install, the load, the demo's answers): one Dutch line, not a
# silent stop; the steps are each once-only, so starting again goes on where this one stopped. Set
# first: a Ctrl-C during the check of Python's version (scripts_common.sh) ended the script silently.
# What runs in the background is stopped by the exit trap below; a second Ctrl-C meanwhile ends the
# script at once (without a second line; the parts started early then stop as their parent ends).
trap 'trap - INT; echo "Afgebroken (Ctrl-C). Wat al klaar was, blijft bewaard; start opnieuw met ./start.sh." >&2; exit 130' INT
source "$(dirname "$0")/scripts_common.sh"
install_venv
# Each Python step below: quiet on Ctrl-C (the line above says it), also while its modules load: it
# starts with SIGINT blocked until its handler is in place (regie/stap.py; `python -m regie.stap
# MODULE` for a module that is no `regie` command). Before, a Ctrl-C in its first seconds showed
# Python's KeyboardInterrupt traceback. REGIE_CTRL_C_STIL only for the step: `regie dienst` says it.
# In a command substitution, `trap : INT` first: its subshell waits for the step to end (else it
# ended at once and left the step running after this script).
step() { REGIE_CTRL_C_STIL=1 ${BLOCK_INT[@]+"${BLOCK_INT[@]}"} "$@"; }
# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE, set on some
# machines): each of the dozen processes below (commands, the runner, every flow run) would compile
# the project's modules again. The caches go to __pycache__ beside the sources (ignored by git).
unset PYTHONDONTWRITEBYTECODE
PEILDATUM=${PEILDATUM:-${REGIE_VANDAAG:-2020-06-18}}   # a Thursday: the MOSD report of 25 June is due that day
# The demo's day is the one clock's day (models/clock.py): the commands below, the service, the answer
# page and every flow run it starts see the same "today". Production leaves REGIE_VANDAAG unset.
export REGIE_VANDAAG=$PEILDATUM
# The demo's data directory is its own (not the real service's ~/.local/share/programmaregie): its sample
# municipalities, with addresses at example.org, never go live with a real installation. Every command
# below, and the service, use it; REGIE_DATA_DIR chooses another.
DATA_DIR=${REGIE_DATA_DIR:-$HOME/.local/share/programmaregie-demo}
export REGIE_DATA_DIR=$DATA_DIR
# Already running for this folder: said at once, before anything is loaded or recorded.
if running=$(trap : INT; step .venv/bin/python -m regie.stap services.operations.service_state "$DATA_DIR"); then
  echo "$running" >&2
  exit 2
fi
# The folder is marked as the demo's (services/register/demo_data.py): there the sample's addresses are
# expected, and the service prints a personal link to try. A folder with a register of its own and no
# mark is someone's real data: the demo does not load its sample into it.
DEMO_MARK="$DATA_DIR/demo-datamap.txt"
if [ ! -f "$DEMO_MARK" ]; then
  if [ -f "$DATA_DIR/regie.db" ] && [ ! -d "$DATA_DIR/demo-register" ]; then
    echo "In $DATA_DIR staan al gegevens die niet van de demo zijn (regie.db). De demo laadt zijn" >&2
    echo "voorbeeldgemeenten daar niet in. Kies een lege map met REGIE_DATA_DIR, of laat REGIE_DATA_DIR weg" >&2
    echo "(de demo gebruikt dan $HOME/.local/share/programmaregie-demo)." >&2
    exit 2
  fi
  mkdir -p "$DATA_DIR"
  printf '%s\n' "Deze datamap is van de demo (./start.sh): voorbeeldgemeenten met adressen bij example.org." \
    "Gebruik voor uw eigen gemeente een eigen datamap; zie docs/livegang.md." > "$DEMO_MARK"
fi
# The demo's register: the sample with indicators and municipality codes (register/demo), copied
# into the data directory once (later edits there are kept).
DEMO_REGISTER="$DATA_DIR/demo-register"
# The first time, Prefect's own database is made (its migrations, ≈ 13 s) while the demo is loaded
# below; `regie dienst` would otherwise make it on the server's start. Its log: logs/prefect-database.log.
PREFECT_DB="${PREFECT_HOME:-$DATA_DIR/prefect}/prefect.db"
MIGRATING=
VOORGESTART=
# Stopped should this script end before it becomes the service (Ctrl-C, a step that failed): the
# making of Prefect's database (in the background its SIGINT is ignored: it ran on after a Ctrl-C),
# and what it made so far, so that the next start makes it anew; the parts started early (below).
stop_background() {
  if [ -n "$MIGRATING" ]; then
    kill "$MIGRATING" 2>/dev/null || true
    wait "$MIGRATING" 2>/dev/null || true
    rm -f "$PREFECT_DB" "$PREFECT_DB-journal" "$PREFECT_DB-wal" "$PREFECT_DB-shm"
  fi
  if [ -n "$VOORGESTART" ]; then stop_voorgestart; fi
}
trap stop_background EXIT
if [ ! -f "$PREFECT_DB" ] && [ -z "${PREFECT_API_DATABASE_CONNECTION_URL:-}${PREFECT_SERVER_DATABASE_CONNECTION_URL:-}" ]; then
  mkdir -p "$DATA_DIR/logs" "$(dirname "$PREFECT_DB")"
  PREFECT_HOME="$(dirname "$PREFECT_DB")" .venv/bin/prefect server database upgrade -y \
    > "$DATA_DIR/logs/prefect-database.log" 2>&1 &
  MIGRATING=$!
fi
# The demo's runner asks for due runs every second (the service's default is 2 s): the demo cycle's
# runs start one after the other sooner.
export PREFECT_RUNNER_POLL_FREQUENCY=${PREFECT_RUNNER_POLL_FREQUENCY:-1}
# A later start: the Prefect server, the runner and the answer page start now, in the background, and
# come up while the steps below run (on 2 cores 7 s of a 33 s start went to starting them after);
# `regie dienst` below takes them over (regie/dienst_voorstart.py). Not while Prefect's database is
# still being made, nor with --poort (they start on the port of the settings). Should this script end
# before that, they are stopped: the runner first, it pauses its deployments through the server.
if [ -z "$MIGRATING" ] && [[ " $* " != *" --poort"* ]]; then
  mkdir -p "$DATA_DIR/logs"
  for part in server runner web; do
    .venv/bin/python -m regie.dienst_voorstart "$part" 2>> "$DATA_DIR/logs/voorstart.log" &
    VOORGESTART+="$part:$! "
    eval "pid_$part=$!"
  done
  stop_voorgestart() {
    kill "$pid_runner" "$pid_web" 2>/dev/null || true
    wait "$pid_runner" "$pid_web" 2>/dev/null || true
    kill "$pid_server" 2>/dev/null || true
    wait "$pid_server" 2>/dev/null || true
  }
fi
if [ -d "$DEMO_REGISTER" ]; then
  echo "demo: register $DEMO_REGISTER"
else
  step .venv/bin/python -m regie.stap services.checkins.demo_answers register/demo --register "$DEMO_REGISTER"
fi
# The first load is recorded on the day the demo's story loaded the register (register/demo/antwoorden.yaml,
# geladen), before its answers below, each on its own date: the history lists the load first. A later
# start (an edited register) loads as of the demo's day.
LAADDAG=$(trap : INT; step .venv/bin/python -m regie.stap services.checkins.demo_answers register/demo --laaddag) || LAADDAG=
# `python -m regie` below is `regie` without Python's teardown of its modules at the end (regie/__main__.py):
# 0.3 s less per command, a second after `regie dienst`.
REGIE_VANDAAG=${LAADDAG:-$PEILDATUM} step .venv/bin/python -m regie laad "$DEMO_REGISTER"
# A few answered check-ins, measurements and CBS figures (register/demo), each on its own date and
# through the same code as real answers, so the demo report shows every colour, trends and the
# region; once only.
step .venv/bin/python -m regie.stap services.checkins.demo_answers register/demo --metingen
# Where the real programme documents sit beside the repository (../shared/documents), import them
# as draft registers in the data directory: review them, fill in personen.yaml, load them. Once per
# document: a draft folder that exists is the user's to edit and is never written over.
if [ -d ../shared/documents ]; then
  for document in ../shared/documents/*.txt; do
    naam=$(basename "$document" .txt)
    gemeente=${naam%%-*}
    [ -e "$DATA_DIR/geimporteerd/$naam" ] && continue
    step .venv/bin/python -m regie importeer "$document" --gemeente "${gemeente^}" --uitvoer "$DATA_DIR/geimporteerd/$naam" || true
  done
  echo "Conceptregisters uit ../shared/documents: $DATA_DIR/geimporteerd (bewerk ze en laad met: $PWD/.venv/bin/regie laad MAP;"
  echo "  staat de gemeente al in het register (een regel 'Let op' hierboven), kijk dan eerst met: $PWD/.venv/bin/regie laad MAP --plan;"
  echo "  een bestaande map wordt niet overschreven: verwijder hem om het document opnieuw te lezen)"
fi
step .venv/bin/python -m regie status --peildatum "$PEILDATUM"
echo "Postvak (de verstuurde overzichten, te openen in een mailprogramma): $DATA_DIR/postvak"
echo "Rapporten (HTML en PDF): $DATA_DIR/rapporten"
echo "Bewerk $DEMO_REGISTER/bronckhorst/programma-1.yaml en laad opnieuw met: $PWD/.venv/bin/regie laad $DEMO_REGISTER"
# One line to copy into another terminal: the demo's day, its data directory, and `regie` on the path
# (the hints above and the commands' own examples say "regie …").
echo "De demo speelt op $(dutch_day "$REGIE_VANDAAG"). Eigen opdrachten (zoals regie overzicht) op die dag en met deze gegevens, in een ander venster"
echo "(REGIE_VANDAAG is die dag zoals opdrachten een datum lezen: JJJJ-MM-DD):"
echo "  export REGIE_VANDAAG=$REGIE_VANDAAG REGIE_DATA_DIR=\"$DATA_DIR\" PATH=\"$(pwd)/.venv/bin:\$PATH\""
if [ -n "$MIGRATING" ]; then
  wait "$MIGRATING" || echo "Prefects database is nog niet klaar (zie $DATA_DIR/logs/prefect-database.log); de server maakt hem bij het starten." >&2
  MIGRATING=  # ended: what it made stays
fi
# exec: the service is this process, the parts started early its children; it says itself when a
# Ctrl-C stops it. SIGINT blocked until its handler is in place, as for the steps above.
REGIE_VOORGESTART=$VOORGESTART exec ${BLOCK_INT[@]+"${BLOCK_INT[@]}"} .venv/bin/python -m regie dienst --peildatum "$PEILDATUM" "$@"

#!/usr/bin/env bash
# The main job on the embedded default: installs into .venv, loads the sample register into a
# SQLite database in the data directory, runs the daily check as of a date inside the sample's
# programme period (2019-2022) and delivers the reminders to the local mailbox (an SMTP server
# on 127.0.0.1 that stores each message as an .eml file), then shows the programmes' status.
source "$(dirname "$0")/scripts_common.sh"
install_venv
PEILDATUM=${PEILDATUM:-2020-06-15}
DATA_DIR=${REGIE_DATA_DIR:-$HOME/.local/share/programmaregie}
.venv/bin/regie laad register/voorbeeld
.venv/bin/regie controle --peildatum "$PEILDATUM"
.venv/bin/regie status --peildatum "$PEILDATUM"
echo
echo "Postvak (de verstuurde overzichten, te openen in een mailprogramma): $DATA_DIR/postvak"
echo "Database: $DATA_DIR/regie.db (REGIE_DATA_DIR of REGIE_DATABASE_URL om te wijzigen)"
echo "Bewerk register/voorbeeld/bronckhorst/programma-1.yaml en laad opnieuw met: .venv/bin/regie laad register/voorbeeld"
echo "Wat de regels op andere dagen zouden versturen: .venv/bin/regie simuleer --van 2020-06-01 --tot 2020-07-31"

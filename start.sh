#!/usr/bin/env bash
# The main job on the embedded default: installs into .venv, loads the sample register into
# a SQLite database in the data directory and shows the state of the programmes.
source "$(dirname "$0")/scripts_common.sh"
install_venv
PEILDATUM=${PEILDATUM:-2020-06-15}   # the sample's dates are 2019-2022
.venv/bin/regie laad register/voorbeeld
.venv/bin/regie status --peildatum "$PEILDATUM"
echo
echo "Database: ${REGIE_DATA_DIR:-$HOME/.local/share/programmaregie}/regie.db (REGIE_DATA_DIR of REGIE_DATABASE_URL om te wijzigen)"
echo "Bewerk register/voorbeeld/bronckhorst/programma-1.yaml en laad opnieuw met: .venv/bin/regie laad register/voorbeeld"

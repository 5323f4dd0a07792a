"""Pure domain code: the register contract, tijdpad reading, reminder rules. No Prefect, no I/O."""

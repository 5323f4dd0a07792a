"""Operations: the service's state file, the local mailbox and `regie diagnose`."""

"""``python -m regie …``: the same as ``regie …``, and then the process ends at once, without Python's
teardown of every imported module: after `regie dienst` (Prefect, the web app, the flows' services)
that took a second of the second ./start.sh, which ends this way. What a normal exit does for data is
done first (regie/stap.py, ``end``). Not in ``regie.cli.main`` itself: the tests run that in-process.
A Ctrl-C at any moment, also while its modules load, ends it without a traceback (regie/stap.py)."""

from __future__ import annotations

from regie.stap import begin, end, exit_code, interrupted

try:
    begin()  # inside: a Ctrl-C while regie.cli's modules load (./start.sh) is no traceback
    from regie.cli import main

    main()
    code = 0
except KeyboardInterrupt:  # before regie.cli's own handler is in place
    code = interrupted()
except SystemExit as stop:
    code = exit_code(stop)
end(code)

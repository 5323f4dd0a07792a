"""``python -m regie …``: the same as ``regie …``, and then the process ends at once, without Python's
teardown of every imported module: after `regie dienst` (Prefect, the web app, the flows' services)
that took a second of the second ./start.sh, which ends this way. What a normal exit does for data is
done first: the atexit handlers (logging's flush and close, Prefect's workers' drains) and the flush of
stdout and stderr. Not in ``regie.cli.main`` itself: the tests run that in-process."""

from __future__ import annotations

import atexit
import os
import sys

try:
    from regie.cli import main  # inside: a Ctrl-C while its modules load (./start.sh) is no traceback

    main()
    code = 0
except KeyboardInterrupt:  # before regie.cli's own handler is in place; start.sh says it in Dutch
    code = 130
except SystemExit as stop:
    if isinstance(stop.code, str):
        print(stop.code, file=sys.stderr)
    code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
atexit._run_exitfuncs()  # what the interpreter would run at exit (the underscore: CPython's own name)
for stream in (sys.stdout, sys.stderr):
    stream.flush()
os._exit(code)

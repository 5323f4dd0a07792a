#!/usr/bin/env bash
# Runs test files under another system date (libfaketime), to show that no test depends on the real
# date or weekday: the project's clock is REGIE_VANDAAG (docs/clock.md). Test files in groups of 20,
# one pytest process each (timeout 900 s), tests marked `processes` left out. Usage:
#   scripts/faketime-check.sh                                   # all files, Sunday 2 March 2031 23:30
#   FAKETIME_DATUM='2029-12-31 23:59:00' scripts/faketime-check.sh tests/test_dienst*.py
# Needs Debian's faketime (apt-get install faketime) and a C compiler. It uses the multi-threaded
# libfaketime (-m) and a wrapper of sem_clockwait() loaded before it (made here in a temporary
# folder): libfaketime 0.9.10 fakes CLOCK_MONOTONIC but does not translate that call, with which
# Python >= 3.11 waits every timed lock (Thread.join(t), Event.wait(t), threading.Timer): such a
# wait lasted decades. (--exclude-monotonic is no way out: time.sleep then fails with EINVAL.)
set -uo pipefail
cd "$(dirname "$0")/.."
datum=${FAKETIME_DATUM:-2031-03-02 23:30:00}
work=$(mktemp -d)
cat > "$work/sem_clockwait.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <semaphore.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The deadline, read on the faked clock, moved onto the kernel's own clock. */
int sem_clockwait(sem_t *sem, clockid_t clock, const struct timespec *abstime)
{
    static int (*real)(sem_t *, clockid_t, const struct timespec *);
    struct timespec seen, kernel, deadline;
    if (real == NULL)
        real = (int (*)(sem_t *, clockid_t, const struct timespec *)) dlsym(RTLD_NEXT, "sem_clockwait");
    clock_gettime(clock, &seen);
    syscall(SYS_clock_gettime, clock, &kernel);
    deadline.tv_sec = kernel.tv_sec + (abstime->tv_sec - seen.tv_sec);
    deadline.tv_nsec = kernel.tv_nsec + (abstime->tv_nsec - seen.tv_nsec);
    while (deadline.tv_nsec < 0) { deadline.tv_nsec += 1000000000L; deadline.tv_sec--; }
    while (deadline.tv_nsec >= 1000000000L) { deadline.tv_nsec -= 1000000000L; deadline.tv_sec++; }
    return real(sem, clock, &deadline);
}
C
cc -shared -fPIC -O2 -o "$work/sem_clockwait.so" "$work/sem_clockwait.c" -ldl || exit 1
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(ls tests/test_*.py tests/*/test_*.py); fi
status=0
for ((i = 0; i < ${#files[@]}; i += 20)); do
  group=("${files[@]:i:20}")
  echo "== $(date -u +%H:%M:%S) faketime '$datum': ${group[*]}"
  LD_PRELOAD="$work/sem_clockwait.so" timeout 900 nice -n 19 faketime -m "$datum" \
    .venv/bin/python -m pytest -n 0 -p no:randomly -q -m "not processes" "${group[@]}" > "$work/$i.log" 2>&1
  code=$?
  tail -n 1 "$work/$i.log"
  if [ $code -ne 0 ]; then
    status=1
    grep -E "^(FAILED|ERROR)|Fatal Python error" "$work/$i.log"
    [ $code -eq 124 ] && echo "(stopped after 900 s: a test hangs)"
    echo "(the whole output: $work/$i.log)"
  fi
done
[ $status -eq 0 ] && rm -rf "$work"
exit $status

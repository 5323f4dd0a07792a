"""What keeps the answer page safe: security headers, CSRF tokens, a POST rate limit."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "regie_csrf"

# Everything the page needs comes from the app itself: no scripts from anywhere, no framing, and
# no address (with its personal token) handed to another site.
HEADERS = {
    "content-security-policy": ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                "frame-ancestors 'none'; base-uri 'none'"),
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}

_NAMES = frozenset(k.encode() for k in HEADERS)  # encoded once, not per response
_ENCODED = [(k.encode(), v.encode()) for k, v in HEADERS.items()]


# A response may bring its own policy for these (an archived report has inline styles and data:
# images, and no script either); every other header is always ours.
KEEP = ("content-security-policy",)
_KEEP = frozenset(k.encode() for k in KEEP)


class SecurityHeaders:
    """ASGI middleware that puts ``HEADERS`` on every response (a response's own ``KEEP`` headers stay)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                given = message.get("headers", [])
                own = {k.lower() for k, _ in given} & _KEEP
                headers = [(k, v) for k, v in given if k.lower() not in _NAMES or k.lower() in own]
                headers += _ENCODED if not own else [(k, v) for k, v in _ENCODED if k not in own]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def new_csrf() -> str:
    """A fresh CSRF value: set as a cookie and repeated in the form (double submit)."""
    return secrets.token_urlsafe(24)


def csrf_ok(cookie: str | None, field: str | None) -> bool:
    """Whether the form's CSRF field matches the cookie only this site can set."""
    return bool(cookie and field and len(cookie) >= 24 and hmac.compare_digest(cookie, field))


class RateLimit:
    """At most ``per_minute`` events per key in any 60 seconds (in this process)."""

    def __init__(self, per_minute: int, clock: object = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.seen: dict[str, deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for ``key``; False when it is over the limit."""
        now = self.clock()  # type: ignore[operator]
        with self.lock:
            if len(self.seen) > 10_000:  # many distinct keys (made-up links): forget the idle ones
                for idle in [k for k, e in self.seen.items() if not e or now - e[-1] >= 60]:
                    del self.seen[idle]
            events = self.seen[key]
            while events and now - events[0] >= 60:
                events.popleft()
            if len(events) >= self.per_minute:
                return False
            events.append(now)
            return True

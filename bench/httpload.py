"""A light HTTP/1.1 load client for the benches: raw asyncio sockets and requests built before the
clock starts, so that on a machine whose cores the server shares, the client takes as little of
them as it can (a thread per person with httpx cost ≈ 2 ms of CPU per request, this ≈ 0.1 ms).

It speaks only what the benches need: keep-alive connections to 127.0.0.1, a request sent whole,
a response read by its Content-Length (uvicorn sends one for every page of the app).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass


def post_request(host: str, path: str, body: bytes, cookie: str) -> bytes:
    """The bytes of a form POST, built once."""
    return (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


@dataclass
class Antwoord:
    """One response: its status, its body and how long it took from send to the last byte."""

    status: int
    body: bytes
    seconds: float


async def _read(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = next((int(line.split(":", 1)[1]) for line in lines[1:]
                   if line.lower().startswith("content-length:")), None)
    if length is None:
        raise RuntimeError(f"antwoord zonder Content-Length: {lines[0]}")
    return status, await reader.readexactly(length)


async def _together(port: int, requests: list[bytes]) -> list[Antwoord]:
    start = asyncio.Event()

    async def one(n: int) -> Antwoord:
        await start.wait()
        began = time.perf_counter()
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(requests[n])
            status, body = await _read(reader)
        finally:
            writer.close()
        return Antwoord(status, body, time.perf_counter() - began)

    tasks = [asyncio.create_task(one(n)) for n in range(len(requests))]
    await asyncio.sleep(0)  # every task is waiting at the start line
    start.set()
    return list(await asyncio.gather(*tasks))


def together(port: int, requests: list[bytes]) -> list[Antwoord]:
    """Send every request at the same moment, each on a new connection (a browser's connection
    from loading the page has long been closed when its person presses Versturen: the server's
    keep-alive is 5 s), and wait for all responses; the time includes connecting."""
    return asyncio.run(_together(port, requests))

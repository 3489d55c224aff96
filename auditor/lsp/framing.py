"""Read LSP messages from a byte stream, finding the next message again after a wrong Content-Length.

pygls reads exactly Content-Length bytes and then expects a header line; one wrong length leaves it
reading bodies as headers, silent for good. Here a body that is not JSON is searched for the header
of the message that follows it, and reading goes on from there (the broken message is reported and
dropped). A length past MAX_MESSAGE ends the server with a message instead of reading without bound.
"""
from __future__ import annotations

import json
import logging
import re

HEADER = re.compile(rb"Content-Length:[ \t]*(\d+)[ \t]*\r?\n$", re.IGNORECASE)
MAX_MESSAGE = 64 * 1024 * 1024


class TooLarge(Exception):
    """A message whose Content-Length is past MAX_MESSAGE."""


class Resync:
    """A reader with a push-back buffer: the bytes read too far are read again."""

    def __init__(self, reader):
        self.reader = reader
        self.pushback = b""

    async def readline(self) -> bytes:
        if self.pushback:
            i = self.pushback.find(b"\n")
            if i >= 0:
                line, self.pushback = self.pushback[:i + 1], self.pushback[i + 1:]
                return line
            line, self.pushback = self.pushback, b""
            return line + await self.reader.readline()
        return await self.reader.readline()

    async def readexactly(self, n: int) -> bytes:
        data, self.pushback = self.pushback[:n], self.pushback[n:]
        while len(data) < n:
            more = await self.reader.readexactly(n - len(data))
            if not more:
                break
            data += more
        return data


async def run(stop_event, reader: Resync, protocol, logger: logging.Logger, error_handler, report) -> None:
    """pygls' message loop, with resynchronisation; report(text) tells the client and the log."""
    length: int | None = None
    while not stop_event.is_set():
        header = await reader.readline()
        if not header:
            break
        match = HEADER.search(header)
        if match:
            length = int(match.group(1))
            if length > MAX_MESSAGE:
                raise TooLarge(f"a message of {length:,} bytes is over the {MAX_MESSAGE // 2**20} MB limit")
            if match.start():
                report("bytes before a message header were skipped: the previous Content-Length was wrong")
            continue
        if header.strip() or length is None:
            continue   # another header (Content-Type), or bytes between messages
        body = await reader.readexactly(length)
        length = None
        if not body:
            break
        try:
            message = json.loads(body, object_hook=protocol.structure_message)
        except ValueError:
            at = body.find(b"Content-Length:")
            if at >= 0:
                reader.pushback = body[at:] + reader.pushback
            report("a message that is not JSON was dropped (a wrong Content-Length?); reading goes on "
                   "at the next message")
            continue
        except Exception as exc:  # noqa: BLE001 - JSON, but no message pygls knows: log it and go on
            logger.exception("Unable to read message")
            error_handler(exc, Exception)
            continue
        try:
            protocol.handle_message(message)
        except Exception as exc:  # noqa: BLE001 - as pygls: log it and go on
            logger.exception("Unable to handle message")
            error_handler(exc, Exception)

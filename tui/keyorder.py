"""Keys reach the reader one at a time, each handled before the next is delivered.

Textual forwards a key to the focused widget and goes straight on to the
next one. A key the widget does not consume itself (`ctrl+u`, backspace,
`escape`, `/`: anything handled by a binding) bubbles up the DOM, one
message queue at a time, and its binding runs only when it is back at the
App. A letter typed meanwhile has already been forwarded, so it was handled
first: `ctrl+u` then `w` typed quickly left the box holding `indow`, because
the `w` went in before the clearing ran; `/` then a letter sent the letter to
the list that was losing focus.

`OrderedKeys` holds every key (and paste) that arrives while the previous one
is still on its way. After forwarding a key it posts a `KeyHandled` marker to
the same widget: messages are processed in order at every hop, so the marker
bubbles up behind the key and reaches the App only after the key's handler and
binding have run, focus changes included. Then the next key is delivered, to
whatever has focus now. A key can be dropped on the way without bubbling (a
widget removed mid-flight, a disabled one): a timer releases the queue so input
never stalls.
"""

from __future__ import annotations

from collections import deque

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer

#: Seconds to wait for a key's marker before delivering the next key anyway.
RELEASE_AFTER = 0.5


class KeyHandled(Message, bubble=True):
    """Bubbles up behind a key: everything on the way has handled the key."""

    def __init__(self, serial: int) -> None:
        super().__init__()
        self.serial = serial


class OrderedKeys(App[int]):
    """An App that hands its widgets keys strictly one after another."""

    def __init__(self) -> None:
        super().__init__()
        self._held: deque[events.Key | events.Paste] = deque()
        self._in_flight: int | None = None
        """Serial of the key on its way, or None when the next may go."""
        self._serial = 0
        self._release_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self._held.append(event)
            if self._in_flight is None:
                await self._deliver_next()
            return
        await super().on_event(event)

    async def _deliver_next(self) -> None:
        """Deliver held keys until one is on its way through the DOM."""
        while self._held and self._in_flight is None:
            event = self._held.popleft()
            await super().on_event(event)
            target = self.focused or self.screen
            if event.is_forwarded:  # it went to a widget: wait for it to come back
                self._serial += 1
                self._in_flight = self._serial
                target.post_message(KeyHandled(self._serial))
                self._start_timer()

    def _start_timer(self) -> None:
        if self._release_timer is not None:
            self._release_timer.stop()
        self._release_timer = self.set_timer(RELEASE_AFTER, self._timed_out)

    async def _timed_out(self) -> None:
        self._in_flight = None
        await self._deliver_next()

    async def on_key_handled(self, message: KeyHandled) -> None:
        """The key in flight has been handled everywhere it went."""
        message.stop()
        if message.serial != self._in_flight:
            return  # a marker that arrived after its timer released the queue
        if self._release_timer is not None:
            self._release_timer.stop()
            self._release_timer = None
        # The key's action may have deferred its effect to the App's queue
        # (`Widget.focus` does): let that run before the next key is aimed.
        self.call_later(self._release, message.serial)

    async def _release(self, serial: int) -> None:
        if serial == self._in_flight:
            self._in_flight = None
            await self._deliver_next()

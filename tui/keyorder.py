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
whatever has focus now. A marker is lost only if its widget is removed while
it is on its way: a timer checks, and releases the queue once the widget is
gone (or after `GIVE_UP_AFTER` in any case), so input never stalls. On a
loaded machine a marker can take longer than any fixed wait, so the timer
never releases the queue while the widget is still there.
"""

from __future__ import annotations

from collections import deque
from time import monotonic

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

#: Seconds between checks that the widget a marker was posted to still exists.
CHECK_EVERY = 0.5
#: Seconds after which the next key goes anyway, marker or not.
GIVE_UP_AFTER = 5.0


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
        self._target: Widget | None = None
        """Where the marker of the key in flight was posted."""
        self._sent_at = 0.0

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
                self._target = target
                self._sent_at = monotonic()
                self._start_timer()

    def _start_timer(self) -> None:
        if self._release_timer is not None:
            self._release_timer.stop()
        self._release_timer = self.set_timer(CHECK_EVERY, self._check_marker)

    async def _check_marker(self) -> None:
        """Release the queue if the marker can no longer arrive."""
        target = self._target
        waiting = monotonic() - self._sent_at < GIVE_UP_AFTER
        if target is not None and target.is_attached and waiting:
            self._start_timer()
            return
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

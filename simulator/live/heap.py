"""The heap during a call.  The garbage collector's full passes walk every object that is not
frozen, so as a long call grows (the lines on screen, the events) its pauses grow with it: in the
app over a 200-turn call, 25 full passes with pauses rising past 200 ms.  What was loaded before
the call, and what each turn leaves, lives as long as the call: it is frozen out of collections
(when the call starts, and after each turn), and passes stay as short at turn 200 as at turn 2.

The price is memory: reference cycles that become garbage later in the call (about 0.2 MB a turn
in the app) are kept until the frozen heap passes ``LIMIT`` objects, when the end of a call
collects everything once.
"""

from __future__ import annotations

import gc

#: frozen objects past which the end of a call collects everything (one long pause, between calls)
LIMIT = 3_000_000


def settle() -> None:
    """When a call starts: leave everything alive now out of later collections."""
    gc.freeze()


def keep() -> None:
    """After each turn: what the call has made so far stays out of later collections too."""
    gc.freeze()


def release() -> None:
    """When a call ends: collect everything once if the frozen heap has grown past ``LIMIT``."""
    if gc.get_freeze_count() > LIMIT:
        gc.unfreeze()
        gc.collect()

"""``paused_collection``: no cyclic garbage collection while a build runs.

Loading and rendering allocate hundreds of thousands of dicts and lists that all
live until the build ends. Python's cycle collector rescans them again and again
as they accumulate, which on a 5,000-body map costs a third of the build. Like
mypy (which raises its collection thresholds for the same reason), policymap
pauses it for the length of a load or build; reference counting still frees
everything that is not in a cycle.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused_collection():
    """Disable cycle collection inside the block; restore it after, however the block ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

"""`python -m glossator`: the same command as `glossator`."""

from __future__ import annotations

import sys

from glossator.tui.cli import main

if __name__ == "__main__":
    sys.exit(main())

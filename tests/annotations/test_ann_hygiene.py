"""The annotations layer is plain Python: no index, tui or textual underneath."""

from __future__ import annotations

import subprocess
import sys


def test_annotations_imports_no_other_layer() -> None:
    code = (
        "import sys, glossator.annotations.store, glossator.annotations.export\n"
        "import glossator.annotations.anchor\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'index', 'tui', 'textual'}\n"
        "             or m.startswith(('glossator.index', 'glossator.tui')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

"""index/ and annotations/ are plain Python: they never import textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
import sys, pkgutil, importlib
import {pkg}
for mod in pkgutil.walk_packages({pkg}.__path__, "{pkg}."):
    if mod.name.endswith("build_gazetteer"):
        continue
    importlib.import_module(mod.name)
bad = sorted(
    m for m in sys.modules
    if m == "textual" or m.startswith("textual.") or m.startswith("tui")
)
print(",".join(bad))
"""


@pytest.mark.parametrize("pkg", ["index", "annotations"])
def test_layer_does_not_import_textual_or_tui(pkg: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(pkg=pkg)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_annotations_does_not_import_index() -> None:
    code = CHECK.format(pkg="annotations").replace(
        'm == "textual"', 'm == "index" or m.startswith("index.") or m == "textual"'
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

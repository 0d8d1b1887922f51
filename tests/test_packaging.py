"""The wheel installs one top-level package, `glossator`, and lives beside others.

PyPI has a distribution that ships a top-level `tui`; when glossator installed
`tui`, `index` and `annotations` at the top of site-packages, installing it in
the same environment replaced glossator's reader.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# One worker runs both tests: `pip wheel --no-build-isolation` builds in the
# checkout's build/ folder, and two workers building at once collide there
# ("File exists: build/bdist.../glossator-0.1.0.dist-info"); grouped, the
# module's wheel is also built once instead of once per worker.
pytestmark = pytest.mark.xdist_group("wheel")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """glossator's wheel, built from this checkout."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if build.returncode != 0:
        pytest.fail(f"the wheel did not build:\n{build.stderr[-2000:]}")
    return next(out.glob("glossator-*.whl"))


def _other_tui_wheel(folder: Path) -> Path:
    """A stand-in for the unrelated distribution that ships a top-level `tui`."""
    path = folder / "othertui-1.0-py3-none-any.whl"
    info = "othertui-1.0.dist-info"
    files = {
        "tui/__init__.py": "",
        "tui/app.py": "WHO = 'othertui'\n",
        f"{info}/METADATA": "Metadata-Version: 2.1\nName: othertui\nVersion: 1.0\n",
        f"{info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        zf.writestr(f"{info}/RECORD", "".join(f"{n},,\n" for n in [*files, f"{info}/RECORD"]))
    return path


def test_the_wheel_holds_only_the_glossator_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"glossator"}
    for needed in ("glossator/py.typed", "glossator/__main__.py", "glossator/tui/glossator.tcss"):
        assert needed in names
    assert any(n.startswith("glossator/index/data/") for n in names)


def test_glossator_and_a_package_named_tui_work_side_by_side(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    for whl in (wheel, _other_tui_wheel(tmp_path)):
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target)]
            + [str(whl)],
            check=True,
            capture_output=True,
            timeout=300,
        )
    env = dict(os.environ, PYTHONPATH=str(target))
    code = (
        "import glossator, tui.app\n"
        "from glossator.tui.app import GlossatorApp\n"
        "from glossator.index.whoosh.searcher import WhooshSearcher\n"
        "print(glossator.__file__)\n"
        "print(tui.app.WHO)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    where, who = out.stdout.split()
    assert where.startswith(str(target)), where
    assert who == "othertui"
    version = subprocess.run(
        [sys.executable, "-m", "glossator", "--version"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert version.returncode == 0 and "glossator" in version.stdout + version.stderr

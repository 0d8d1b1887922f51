"""Loaded only by benchmark subprocesses (this folder is put on their PYTHONPATH).

It reaches the worker processes a bulk index update may spawn, which a
monkeypatch in the benchmark process itself would not.
"""

import os

if os.environ.get("GLOSSATOR_BENCH_SHIM"):
    from bench.shims import install

    install()

"""`python -m bench`: run glossator's benchmark suite (see docs/benchmarks.md)."""

from bench.runner import main

raise SystemExit(main())

"""The measurements `python -m bench.child` runs, each in a fresh subprocess, grouped by kind."""

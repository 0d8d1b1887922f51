"""The suite's benchmarks, one module per section of the table."""

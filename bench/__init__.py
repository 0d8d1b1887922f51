"""glossator's benchmark suite: `python -m bench --help`, and docs/benchmarks.md.

Measures indexing against stock Whoosh, time to first results, search and
search-as-you-type latency, cold start, change-to-searchable time and memory,
on the BBC corpus and on generated corpora of 10k and 100k articles.
"""

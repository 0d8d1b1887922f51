"""Stories: near-duplicate articles and reports of the same event, grouped.

`signatures` turns an article into its similarity signature (MinHash over
word shingles) and its exact-duplicate hash; `store` keeps them, with each
article's incident records, in `stories.sqlite3` in the index folder and
answers near-duplicate look-ups through LSH bands; `grouping` joins
incident records into events and articles into stories. Engine-free: the
indexer keeps the store in step with its manifest (docs/stories.md).
"""

"""policykg.graph.rdf: rows → RDF, one named graph per source document, in pyoxigraph stores.

`build.build_graphs` turns a `Corpus` into quads (pure; which field becomes which
triple is declared in `mapping`), `store.build_store` writes them to an on-disk
store, `one_pass` builds a store while documents are still being read,
`store.open_store` opens one again and `rebuild.corpus_from_store` reads the rows
back. `validate`, `export`, `serve` and `publish` act on a store.
"""

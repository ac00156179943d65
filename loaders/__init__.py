"""policykg.loaders: documents → rows.

`read_document` detects a file's encoding and layout and returns its facts,
rows and rejects (a `LoadResult`); `load_corpus` reads many files and resolves
surface names to agencies. The pure parsers (`parse_text`) take lines and never
touch the file system, so most tests call them directly.
"""

from policykg.loaders.read import iter_documents, load_corpus, parse_text, read_document, read_documents

__all__ = ["parse_text", "read_document", "read_documents", "iter_documents", "load_corpus"]

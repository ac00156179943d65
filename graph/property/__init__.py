"""policykg.graph.property: the corpus as a property graph — pushed over Bolt or exported for neo4j-admin.

`property_graph` declares the nodes and relationships, `bolt` speaks to a Neo4j 5
or FalkorDB server, `neo4j_push` writes one transaction per document and
`neo4j_export` writes the CSV files of an offline import.
"""

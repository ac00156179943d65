"""policykg.graph.analytics: numbers over the rows — agency metrics, projections and roll-ups.

Pure functions of a `Corpus` (networkx for the co-assignment graph); the reports
and pictures of `policykg.visualizations` import only this part of the graph.
"""

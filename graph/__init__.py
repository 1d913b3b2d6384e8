"""The knowledge graph: loading, validation and queries. Plain Python and networkx, no Qt."""

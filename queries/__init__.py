"""Named SPARQL queries and audit checks, shipped in the wheel as ``claimgraph.queries_data``."""

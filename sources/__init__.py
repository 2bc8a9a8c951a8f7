"""The embedded sample article and its source snapshots, shipped as ``claimgraph.sources_data``."""

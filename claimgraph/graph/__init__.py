"""The graph: vocabulary, model to triples, shapes, and the stores behind one interface."""

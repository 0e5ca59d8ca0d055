"""Tools for scenario authors: check, walkthroughs, the phase graph, scaffolding."""

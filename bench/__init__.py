"""The benchmark of ChemCluster Desktop: ``python -m bench [--json]`` (see bench/README.md)."""

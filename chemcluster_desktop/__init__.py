"""ChemCluster Desktop — the desktop program of the «Химический потенциал» cluster."""

__version__ = "0.1.0"
APP_NAME = "ChemCluster Desktop"
ORG_NAME = "ChemCluster"

"""The package version, in one place (read by hatch at build time)."""

__version__ = "0.4.0"

"""Collating the answers to one request across many documents (issue #19)."""

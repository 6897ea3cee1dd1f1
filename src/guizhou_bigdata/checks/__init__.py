"""Checks: what reads a registry and reports on it.

The audit, provenance verification against archived texts, and the review of
drafts. It imports the store and the core, never outputs or reading
(docs/architecture.md).
"""

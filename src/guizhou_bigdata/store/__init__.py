"""The store: data files to a checked Registry, and the compiled cache.

Record schemas, loading and its checks, derived facts, the compiled JSON and
the default registry. It imports only the core (docs/architecture.md).
"""

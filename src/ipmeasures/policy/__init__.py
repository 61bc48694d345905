"""The policy document as data: its models, the loader and compiled cache, name resolution, the catalog, queries."""

"""Domain modules of the mini benchmark: one ``DOMAIN = Domain(...)`` per module, named after its db_id."""

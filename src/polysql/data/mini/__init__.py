"""The bundled multilingual mini benchmark: domains, templates and the deterministic builder."""

"""Models: where they come from (sources), how they are prompted (prompts), SQL extraction
(extract), batched generation (generate) and the generate/evaluate stages (pipeline).

Submodules are imported on demand: ``polysql.models.sources`` must stay light (no torch at import).
"""

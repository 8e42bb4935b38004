"""The contrastive semantic encoder: training pairs, fine-tuning and retrieval evaluation.

Modules: :mod:`polysql.encoder.pairs` (training sets), :mod:`polysql.encoder.train`
(``train_encoder``), :mod:`polysql.encoder.evaluate` (``evaluate_encoder``) and
:mod:`polysql.encoder.model` (``load_encoder``). Heavy imports (torch, sentence-transformers) happen
inside the functions, so importing this package is cheap.
"""

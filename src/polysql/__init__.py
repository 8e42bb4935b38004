"""polysql: multilingual Text-to-SQL with GRPO and contrastive semantic rewards."""

__version__ = "0.1.0"

LANGUAGES = ("en", "de", "es", "fr", "ja", "vi", "zh")

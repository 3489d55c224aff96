"""auditor: audits news articles for translation artifacts and quality problems."""
__version__ = "0.1.0"

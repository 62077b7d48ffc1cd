"""qa-index: question answering over a folder of news articles, with exact citations."""

__version__ = "0.1.0"

__all__ = ["__version__"]

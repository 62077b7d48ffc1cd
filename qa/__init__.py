"""qa-index: question answering over a folder of news articles, with exact citations."""

from qa.retriever import Retriever

__version__ = "0.1.0"

__all__ = ["Retriever", "__version__"]

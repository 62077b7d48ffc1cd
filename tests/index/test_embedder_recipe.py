"""An embedder variant made by a new recipe (a new int8 quantisation) re-embeds the index and
says why; the same recipe reuses every vector."""

from __future__ import annotations

from pathlib import Path

from fake_embedder import HashEmbedder

from index.search import HybridIndex


class RecipeEmbedder(HashEmbedder):
    def __init__(self, recipe: str) -> None:
        super().__init__()
        self.recipe = recipe


def test_new_recipe_reembeds(tmp_path: Path):
    corpus, idx = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title\n\nOne paragraph about rain.\n\nAnother about sun.\n")
    with HybridIndex.open(corpus, idx, embedder=HashEmbedder()) as ix:
        assert ix.last_update.embedded == 2
    with HybridIndex.open(corpus, idx, embedder=RecipeEmbedder("fused")) as ix:
        assert ix.last_update.rebuilt == "embedder changed (recipe 1 -> fused)"
        assert ix.last_update.embedded == 2
    with HybridIndex.open(corpus, idx, embedder=RecipeEmbedder("fused")) as ix:
        assert ix.last_update.embedded == 0 and not ix.last_update.rebuilt
    with HybridIndex.open(corpus, idx, embedder=HashEmbedder()) as ix:
        assert ix.last_update.rebuilt == "embedder changed (fused -> recipe 1)"

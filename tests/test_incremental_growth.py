"""What an add keeps from the adds before it instead of rebuilding from the whole index:
the vectors grow in place (similarity.growing), the rows' language numbers are extended,
and the set of indexed ids is kept. Each must give what rebuilding gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.sparse as sp

from launderlens.model import Article
from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.index_store import load_index, save_index
from launderlens.rewrites.similarity.crosslingual import CrossLingualAnchors
from launderlens.rewrites.similarity.growing import GrowingRows, with_room
from launderlens.rewrites.similarity.lexical import LexicalBackend

from .test_cluster_incremental import _corpus, _partition


def _rows(rng: np.random.Generator, rows: int, columns: int) -> sp.csr_matrix:
    matrix = sp.random(rows, columns, density=0.3, format="csr", dtype=np.float32,
                       random_state=rng)
    matrix.sort_indices()
    return matrix


def _widened(matrix: sp.csr_matrix, columns: int) -> sp.csr_matrix:
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr),
                         shape=(matrix.shape[0], columns))


def test_rows_appended_in_place_equal_a_stack_and_leave_earlier_matrices_as_they_were(
) -> None:
    rng = np.random.default_rng(3)
    growing = GrowingRows(room=0.5)
    matrix = _rows(rng, 40, 10)
    history = []
    for step in range(30):
        new = _rows(rng, int(rng.integers(0, 6)), 10 + step)  # the vocabulary grows
        expected = sp.vstack([_widened(matrix, new.shape[1]), new], format="csr")
        grown = growing.append(matrix, new)
        assert grown.shape == expected.shape
        assert (grown != expected).nnz == 0
        assert np.array_equal(grown.indptr, expected.indptr)
        assert grown.has_sorted_indices and all(
            np.all(np.diff(grown.indices[a:b]) > 0)
            for a, b in zip(grown.indptr[:-1], grown.indptr[1:], strict=True))
        history.append((grown, grown.toarray()))
        matrix = grown
    # Every matrix returned along the way still reads as it did: rows are only written
    # past the end of the last one.
    assert all(np.array_equal(kept.toarray(), dense) for kept, dense in history)
    # Most appends wrote into room kept from before instead of copying the matrix.
    shared = [np.shares_memory(now.data, before.data)
              for (now, _), (before, _) in zip(history[1:], history, strict=False)]
    assert sum(shared) > len(shared) / 2


def test_appending_to_a_matrix_it_did_not_return_copies_it_first() -> None:
    rng = np.random.default_rng(4)
    growing = GrowingRows()
    first = growing.append(_rows(rng, 20, 8), _rows(rng, 3, 8))
    before = first.toarray()
    # An older matrix again (as after a load): the rows must not go over first's.
    other = growing.append(_rows(rng, 20, 8), _rows(rng, 5, 8))
    assert np.array_equal(first.toarray(), before)
    assert not np.shares_memory(other.data, first.data)
    again = growing.append(first, _rows(rng, 2, 9))
    assert np.array_equal(again.toarray()[:23, :8], before)


def _with_room(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """``matrix`` with its arrays at the fronts of larger ones, as a load reads them."""
    parts = []
    for part in (matrix.data, matrix.indices, matrix.indptr):
        front = with_room(len(part), part.dtype)
        front[:] = part
        parts.append(front)
    return sp.csr_matrix(tuple(parts), shape=matrix.shape)


def test_an_adopted_matrix_grows_into_the_room_it_was_read_with() -> None:
    rng = np.random.default_rng(6)
    loaded, new = _with_room(_rows(rng, 200, 12)), _rows(rng, 4, 14)
    expected = sp.vstack([_widened(loaded, 14), new], format="csr")
    growing = GrowingRows()
    growing.adopt(loaded)
    grown = growing.append(loaded, new)
    assert (grown != expected).nnz == 0 and grown.shape == expected.shape
    assert all(np.shares_memory(a, b) for a, b in ((grown.data, loaded.data),
                                                   (grown.indices, loaded.indices),
                                                   (grown.indptr, loaded.indptr)))
    # Arrays with no room past their ends are copied, and stay as they were.
    plain = _rows(rng, 200, 12)
    before = plain.toarray()
    growing.adopt(plain)
    copied = growing.append(plain, new)
    assert not np.shares_memory(copied.data, plain.data)
    assert np.array_equal(plain.toarray(), before)
    assert (copied != sp.vstack([_widened(plain, 14), new], format="csr")).nnz == 0


def test_the_first_add_after_a_load_writes_into_the_loaded_vectors(tmp_path: Path) -> None:
    articles = _corpus(seed=12, events=5, size=305)
    # Reports in two more languages, so that the cross-lingual anchors hold rows too.
    others = [Article.create(text, outlet="elsewhere", published=articles[0].published)
              for text in (_TEXTS["fr"], _TEXTS["de"])]
    kept = StoryIndex(backends=("lexical",)).fit([*others, *articles[:300]])
    save_index(kept, tmp_path / "index")
    kept.add(articles[300:302])
    save_index(kept, tmp_path / "index")  # a base and a delta, within the base's room
    loaded = load_index(tmp_path / "index")

    def vectors(index: StoryIndex) -> list[sp.csr_matrix]:
        lexical = index._lexical()
        assert lexical._anchors is not None
        return [lexical.vectors_, index.anchors_, lexical._anchors.vectors_]

    before = vectors(loaded)
    for index in (kept, loaded):
        index.add(articles[302:])
    for now, was, expected in zip(vectors(loaded), before, vectors(kept), strict=True):
        assert was.nnz and np.shares_memory(now.data, was.data) and np.shares_memory(now.indices,
                                                                         was.indices)
        assert now.shape == expected.shape and (now != expected).nnz == 0
    assert _partition(loaded) == _partition(kept)


_TEXTS = {
    "en": "The regional council approved the new budget for schools and hospitals on "
          "Tuesday after a long debate about the cost of the northern bridge in Karvel.",
    "fr": "Le conseil régional a approuvé mardi le nouveau budget des écoles et des "
          "hôpitaux après un long débat sur le coût du pont du nord à Karvel.",
    "de": "Der Regionalrat hat am Dienstag nach einer langen Debatte über die Kosten der "
          "nördlichen Brücke in Karvel den neuen Haushalt für Schulen und Kliniken gebilligt.",
}


def test_language_numbers_extended_by_adds_equal_numbering_every_row_again() -> None:
    anchors = CrossLingualAnchors().fit([_TEXTS["en"]] * 3)
    assert not anchors.crossing
    for batch in (["en", "en"], ["fr", "en"], ["fr"], ["de", "en"], ["en", "de", "fr"]):
        anchors.add([_TEXTS[lang] for lang in batch])
        extended, crossing = anchors._codes.copy(), anchors.crossing
        anchors._recode()  # every row numbered from scratch
        assert np.array_equal(extended, anchors._codes)
        assert crossing == anchors.crossing
    assert anchors.crossing
    assert set(anchors.languages_) == {"en", "fr", "de"}
    # Anchors are read once a second language is indexed: the French rows have some.
    french = [row for row, lang in enumerate(anchors.languages_) if lang == "fr"]
    assert anchors.vectors_[french].nnz > 0


def test_an_id_indexed_earlier_is_refused_across_adds_and_after_a_load(tmp_path: Path) -> None:
    articles = _corpus(seed=11, events=6, size=60)
    index = StoryIndex(backends=("lexical",)).fit(articles[:30])
    index.add(articles[30:40])
    index.add([articles[5], articles[35], *articles[40:45]])
    assert [r.item for r in index.rejected_] == [articles[5].id, articles[35].id]
    assert len(index.ids_) == 45
    save_index(index, tmp_path / "index")
    loaded = load_index(tmp_path / "index")
    loaded.add([articles[44], *articles[45:]])
    assert [r.item for r in loaded.rejected_] == [articles[44].id]
    assert len(loaded.ids_) == len(set(loaded.ids_)) == 60
    whole = StoryIndex(backends=("lexical",)).fit(articles[:30])
    whole.add(articles[30:45])
    whole.add(articles[45:])
    assert _partition(loaded) == _partition(whole.remerge())


def test_a_refit_lets_go_of_the_room_its_adds_grew() -> None:
    texts = [f"Ferry {n} left Harbour {n % 7} late on Monday after a storm." for n in range(60)]
    backend = LexicalBackend(crosslingual=False).fit(texts[:40])
    backend.add(texts[40:])
    grown = backend.vectors_.data  # a view of the room the add wrote into
    backend.fit(texts[:10])
    assert not np.shares_memory(backend._grown._data, grown)
    backend.add(texts[10:20])  # and grows its own rows again
    assert backend.vectors_.shape[0] == 20

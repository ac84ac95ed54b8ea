"""What an add keeps from the adds before it instead of rebuilding from the whole index:
the vectors grow in place (similarity.growing), the rows' language numbers are extended,
and the set of indexed ids is kept. Each must give what rebuilding gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.sparse as sp

from launderlens.rewrites.cluster import StoryIndex
from launderlens.rewrites.index_store import load_index, save_index
from launderlens.rewrites.similarity.crosslingual import CrossLingualAnchors
from launderlens.rewrites.similarity.growing import GrowingRows
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

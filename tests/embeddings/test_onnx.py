"""The ONNX Runtime encoder against the torch one it was exported from: the packaged MiniLM
is exported once per session into a temporary folder, and its int8 and fp32 vectors are
compared with sentence-transformers' on varied news sentences."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from launderlens.embeddings.encoder import default_model_path, load_encoder
from launderlens.errors import ConfigError

pytest.importorskip("onnxruntime")
pytest.importorskip("tokenizers")

# Written for these tests: headlines, quotes, figures, dates, names, questions, very short
# and long sentences, other scripts; the kinds of sentence compare embeds.
NEWS = [
    "The central bank raised its main interest rate by half a point on Thursday.",
    "Police said a 34-year-old man was arrested near the harbour late on Sunday.",
    "Flooding forced about 2,300 residents from their homes in the river valley.",
    "The minister denied that the contract had been awarded without a tender.",
    "Shares in the carmaker fell 7% after it cut its forecast for the year.",
    "“We will not negotiate under threat,” the prime minister told parliament.",
    "Health officials confirmed 41 new cases of measles in the region this week.",
    "The court postponed the hearing until 14 March at the request of the defence.",
    "A spokesperson for the company declined to comment.",
    "Protesters blocked the main road to the airport for several hours.",
    "The agreement, signed in Geneva, ends a dispute that lasted nine years.",
    "Inflation slowed to 2.1 percent in October, the statistics office said.",
    "Rescue teams were still searching for two fishermen missing since Friday.",
    "The opposition accused the government of hiding the true cost of the project.",
    "Was the vote rigged? Observers from the mission said they saw no evidence of fraud.",
    "The senator, who chairs the budget committee, voted against the bill.",
    "Wildfires have burned more than 120,000 hectares since the start of July.",
    "The vaccine was approved for children aged five to eleven.",
    "Exports of grain through the port resumed after a three-week halt.",
    "Analysts expect the merger to be cleared by regulators early next year.",
    "The mayor said the new tram line would open in the autumn, a year late.",
    "Two soldiers were killed and four wounded when their vehicle hit a mine.",
    "The report found that a third of hospitals lacked enough nurses at night.",
    "Unemployment rose for the third month in a row.",
    "The striking workers demand a 12% pay rise and shorter shifts.",
    "Officials said the dam was not at risk, despite the heavy rain.",
    "An earthquake of magnitude 6.2 struck off the coast shortly after midnight.",
    "The newspaper retracted the story and apologised to its readers.",
    "According to leaked documents, the ministry knew of the risks in 2019.",
    "The former president is expected to testify before the committee on Monday.",
    "Oil prices climbed above $90 a barrel for the first time since April.",
    "Teachers in the capital walked out in protest over unpaid wages.",
    "The company said the data breach affected 1.2 million customers.",
    "Lawmakers passed the bill by 212 votes to 198.",
    "Climate negotiators failed to agree on a deadline for phasing out coal.",
    "Residents say the water has smelled of chemicals for weeks.",
    "The army denied reports that it had shelled the village.",
    "Ticket prices will rise by an average of 4.5% from January.",
    "The coach was sacked after a run of seven defeats.",
    "Scientists warned that the glacier could collapse within decades.",
    "Breaking: explosion reported downtown.",
    "Sources close to the negotiations, who spoke on condition of anonymity because they "
    "were not authorised to discuss the talks, said that a draft text covering the "
    "ceasefire, the exchange of prisoners and the reopening of the border crossings had "
    "been circulated among the delegations late on Wednesday night.",
    "The agency's director, Ilse Varga, resigned on Tuesday.",
    "Voters in the province rejected the referendum on independence.",
    "The airline cancelled 340 flights because of the strike by air traffic controllers.",
    "Investigators have not ruled out sabotage.",
]
# Where int8 loses most: other languages (MiniLM saw little of them) and one-word
# fragments, whose few token vectors carry the whole mean.
HARDER = [
    "Le gouvernement a annoncé une hausse des impôts sur les grandes entreprises.",
    "Die Regierung will die Steuern für große Unternehmen erhöhen.",
    "Не все жители согласны с решением властей.",
    "No.",
]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1))


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged MiniLM exported to ONNX, fp32 and int8, once per session."""
    pytest.importorskip("onnx")
    pytest.importorskip("onnxscript")
    pytest.importorskip("torch")
    if default_model_path() is None:
        pytest.skip("the packaged model is not installed")
    from launderlens.embeddings.onnx import export_onnx

    folder = tmp_path_factory.mktemp("minilm-onnx")
    export_onnx(None, folder)
    return folder


@pytest.fixture(scope="session")
def torch_vectors(exported: Path) -> np.ndarray:
    encoder = load_encoder(required=True, backend="torch")
    assert encoder is not None
    return encoder.encode(NEWS + HARDER)


@pytest.mark.slow
@pytest.mark.parametrize(("precision", "floor", "harder_floor"),
                         [("int8", 0.985, 0.96), ("fp32", 0.999, 0.999)])
def test_onnx_vectors_match_torch(exported: Path, torch_vectors: np.ndarray,
                                  precision: str, floor: float, harder_floor: float) -> None:
    from launderlens.embeddings.onnx import OnnxEncoder

    encoder = OnnxEncoder(exported, precision=precision)
    texts = NEWS + HARDER
    vectors = encoder.encode(texts)
    assert vectors.shape == torch_vectors.shape and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = _cosines(vectors, torch_vectors)
    news, harder = cosines[:len(NEWS)], cosines[len(NEWS):]
    assert news.min() >= floor, sorted(zip(news, NEWS, strict=True))[:3]
    assert harder.min() >= harder_floor, sorted(zip(harder, HARDER, strict=True))
    assert cosines.mean() >= 0.99


@pytest.mark.slow
def test_rows_keep_input_order_across_length_sorted_batches(exported: Path) -> None:
    from launderlens.embeddings.onnx import OnnxEncoder

    # Small batches so that sorting by length reorders texts across several of them.
    encoder = OnnxEncoder(exported, precision="fp32", batch_size=4)
    texts = NEWS[::-1]
    batched = encoder.encode(texts)
    alone = np.vstack([encoder.encode([text]) for text in texts])
    np.testing.assert_allclose(batched, alone, atol=2e-5)
    # And each row is nearest to its own text among all of them.
    assert (np.argmax(batched @ alone.T, axis=1) == np.arange(len(texts))).all()


@pytest.mark.slow
def test_empty_input_and_empty_text(exported: Path) -> None:
    from launderlens.embeddings.onnx import OnnxEncoder

    encoder = OnnxEncoder(exported)
    assert encoder.encode([]).shape == (0, 384)
    vectors = encoder.encode(["", "x" * 5000])  # nothing, and more than 256 tokens
    assert vectors.shape == (2, 384) and np.isfinite(vectors).all()


@pytest.mark.slow
def test_names_differ_between_backends_and_precisions(exported: Path) -> None:
    from launderlens.embeddings.onnx import OnnxEncoder

    torch_encoder = load_encoder(required=True, backend="torch")
    assert torch_encoder is not None
    names = {torch_encoder.name, OnnxEncoder(exported, precision="int8").name,
             OnnxEncoder(exported, precision="fp32").name}
    assert len(names) == 3


def _copy(folder: Path, target: Path) -> Path:
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns("model.onnx"))
    manifest = json.loads((target / "manifest.json").read_text())
    del manifest["files"]["model.onnx"]
    (target / "manifest.json").write_text(json.dumps(manifest))
    return target


@pytest.mark.slow
@pytest.mark.parametrize("name", ["model-int8.onnx", "tokenizer.json", "pooling.json"])
def test_a_tampered_file_is_refused(exported: Path, tmp_path: Path, name: str) -> None:
    from launderlens.embeddings.onnx import OnnxEncoder

    folder = _copy(exported, tmp_path / "copy")
    OnnxEncoder(folder)  # the untouched copy loads
    data = bytearray((folder / name).read_bytes())
    data[len(data) // 2] ^= 0x01
    (folder / name).write_bytes(bytes(data))
    with pytest.raises(ConfigError, match="sha256"):
        OnnxEncoder(folder)


@pytest.mark.slow
def test_a_model_missing_from_the_manifest_is_refused(exported: Path, tmp_path: Path) -> None:
    from launderlens.embeddings.onnx import OnnxEncoder

    folder = _copy(exported, tmp_path / "copy")
    shutil.copyfile(exported / "model.onnx", folder / "model.onnx")  # present, not listed
    with pytest.raises(ConfigError, match="does not list"):
        OnnxEncoder(folder, precision="fp32")


@pytest.mark.slow
def test_load_encoder_takes_an_exported_folder_by_path(exported: Path) -> None:
    encoder = load_encoder(exported, required=True)
    assert encoder is not None and encoder.name.endswith("+onnx-int8")
    with pytest.raises(ConfigError):
        load_encoder(default_model_path(), required=True, backend="onnx")

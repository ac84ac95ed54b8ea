"""The optional NLI model: loading a local sequence-classification folder, reading its
labels, batched inference in input order, and its use by the verdicts and by
``compare --nli-model``. The model is a tiny BERT the tests build and save themselves (random
weights: what is checked is the plumbing, against the model called directly)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from click.testing import CliRunner  # noqa: E402

from launderlens.cli import main  # noqa: E402
from launderlens.errors import ConfigError  # noqa: E402
from launderlens.rewrites.align import align_sentences  # noqa: E402
from launderlens.rewrites.changes import alignment_changes  # noqa: E402
from launderlens.rewrites.nli import load_entailment_model  # noqa: E402
from launderlens.rewrites.verdicts import sentence_verdicts  # noqa: E402

WORDS = " ".join((
    "the council approved a budget of two million euros on tuesday mayor said it will fund",
    "new libraries and longer opening hours in six branches opposition voted against plan",
    "three people were hurt fire destroyed warehouse port")).split(" ")


def _build(folder: Path, id2label: dict[int, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=128, num_labels=len(id2label),
        id2label=id2label, label2id={v: k for k, v in id2label.items()})
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def nli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("nli"),
                  {0: "contradiction", 1: "neutral", 2: "entailment"})


def test_scores_match_the_model_called_pair_by_pair(nli_dir: Path) -> None:
    model = load_entailment_model(nli_dir, batch_size=2)
    premises = ["the council approved a budget", "fire destroyed a warehouse in the port",
                "", "the mayor said it will fund new libraries and longer opening hours"]
    hypotheses = ["the council voted against the plan", "three people were hurt",
                  "the plan", "opposition voted against"]
    got = model.scores(premises, hypotheses)
    assert got.shape == (4, 3)
    assert np.allclose(got.sum(axis=1), 1.0, atol=1e-5)
    raw = transformers.AutoModelForSequenceClassification.from_pretrained(nli_dir)
    tok = transformers.AutoTokenizer.from_pretrained(nli_dir)
    for k, (p, h) in enumerate(zip(premises, hypotheses, strict=True)):
        with torch.inference_mode():
            logits = raw(**tok(p or " ", h, return_tensors="pt")).logits[0].numpy()
        soft = np.exp(logits - logits.max())
        soft /= soft.sum()
        # columns: [entailment, neutral, contradiction] from labels (contradiction, neutral,
        # entailment)
        assert np.allclose(got[k], soft[[2, 1, 0]], atol=1e-4)
    assert model.scores([], []).shape == (0, 3)
    assert model.name == f"nli:{nli_dir.name}"


def test_labels_are_read_in_any_case_or_given(tmp_path: Path) -> None:
    upper = _build(tmp_path / "upper", {0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"})
    assert load_entailment_model(upper).labels == ("ENTAILMENT", "NEUTRAL", "CONTRADICTION")
    anonymous = _build(tmp_path / "anon", {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ConfigError, match="labels"):
        load_entailment_model(anonymous)
    named = load_entailment_model(anonymous, labels=("entailment", "neutral", "contradiction"))
    assert named.scores(["a b"], ["a b"]).shape == (1, 3)
    pair = _build(tmp_path / "pair", {0: "not_paraphrase", 1: "paraphrase"})
    probs = load_entailment_model(pair).scores(["the plan"], ["the budget"])
    assert probs[0, 2] == 0.0 and np.isclose(probs[0, :2].sum(), 1.0)


def test_a_folder_that_is_no_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"config\.json"):
        load_entailment_model(tmp_path)
    with pytest.raises(ConfigError, match=r"config\.json"):
        load_entailment_model("some-org/some-hub-model")


class _Scorer:
    """Contradiction for every pair whose hypothesis names 'three'; entailment otherwise."""

    name = "nli:rule"

    def scores(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        return np.array([[0.05, 0.05, 0.9] if "three" in h or "three" in p else [0.9, 0.05, 0.05]
                         for p, h in zip(premises, hypotheses, strict=True)], dtype=np.float32)


def test_a_contradiction_changes_a_retold_sentence_and_entailment_is_recorded() -> None:
    source = ["The council approved a budget for public libraries on Tuesday.",
              "Nobody was hurt when the fire destroyed a warehouse in the port."]
    copy = ["The council approved a budget for public libraries on Tuesday.",
            "The fire destroyed a warehouse in the port and three people were hurt."]
    alignment = align_sentences(source, copy)
    assert alignment.sources_of(1) == (1,)
    verdicts = sentence_verdicts(alignment, source, copy,
                                 alignment_changes(alignment, source, copy), nli=_Scorer())
    assert verdicts[0].verdict == "supported" and verdicts[0].entailment == pytest.approx(0.9)
    assert verdicts[1].verdict == "changed"
    assert verdicts[1].contradiction == pytest.approx(0.9)


def test_compare_takes_a_local_nli_model(nli_dir: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The council approved a budget of two million euros on Tuesday. "
                 "The mayor said it will fund new libraries.", encoding="utf-8")
    b.write_text("On Tuesday the council approved a budget of two million euros. "
                 "It will fund new libraries, the mayor said.", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--json", "--no-semantic",
                                       "--nli-model", str(nli_dir)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["method"] == f"lexical+nli:{nli_dir.name}"
    retold = [v for v in out["verdicts"] if v["a"]]
    assert retold and all(0.0 <= v["entailment"] <= 1.0 for v in retold)
    missing = CliRunner().invoke(main, ["compare", str(a), str(b), "--nli-model",
                                        str(tmp_path / "nope")])
    assert missing.exit_code == 2

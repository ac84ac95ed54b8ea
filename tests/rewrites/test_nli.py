"""The optional NLI model: loading a local sequence-classification folder, reading its
labels, batched inference in input order, hostile text, and its use by the verdicts and by
``compare --nli-model``. The models are tiny BERTs the tests build and save themselves: one
trained for a few seconds on a synthetic task (a repeat is entailment, the same sentence
with its number changed a contradiction, another sentence neutral) so that wrong label
mapping or a shuffled batch shows in its answers, and untrained ones for the label variants."""

from __future__ import annotations

import inspect
import json
import os
import random
import socket
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from click.testing import CliRunner  # noqa: E402

from launderlens.cli import main  # noqa: E402
from launderlens.errors import ConfigError  # noqa: E402
from launderlens.rewrites.align import align_sentences  # noqa: E402
from launderlens.rewrites.changes import alignment_changes  # noqa: E402
from launderlens.rewrites.nli import (  # noqa: E402
    contradiction_of,
    entailment_of,
    load_entailment_model,
)
from launderlens.rewrites.verdicts import sentence_verdicts  # noqa: E402

NUMBERS = ("two", "three", "four", "five", "six", "seven")
TEMPLATES = ("{n} people were hurt", "the budget is {n} million", "police arrested {n} men",
             "{n} schools will close", "the company cut {n} jobs", "the storm hit {n} towns")
# Words of the untrained models' test sentences, so they are not all [UNK].
EXTRA_TEXT = ("the council approved a budget of euros on tuesday mayor said it will fund new "
              "libraries and longer opening hours in branches opposition voted against plan "
              "fire destroyed warehouse port")
CONTRADICTION, NEUTRAL, ENTAILMENT = 0, 1, 2
LABELS = {CONTRADICTION: "contradiction", NEUTRAL: "neutral", ENTAILMENT: "entailment"}


def _vocab() -> list[str]:
    words = {w for t in TEMPLATES for w in t.replace("{n}", "").split()} | set(NUMBERS)
    words |= set(EXTRA_TEXT.split())
    return ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *sorted(words)]


def _tokenizer(folder: Path) -> Any:
    vocab = _vocab()
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    # transformers 5 renamed the argument; an ignored one would leave a vocabulary of [UNK].
    params = inspect.signature(transformers.BertTokenizerFast.__init__).parameters
    key = "vocab_file" if "vocab_file" in params else "vocab"
    tokenizer = transformers.BertTokenizerFast(**{key: str(folder / "vocab.txt")})
    assert len(tokenizer) == len(vocab)
    return tokenizer


def _config(id2label: dict[int, str], hidden: int = 16) -> Any:
    return transformers.BertConfig(
        vocab_size=len(_vocab()), hidden_size=hidden, num_hidden_layers=2,
        num_attention_heads=2, intermediate_size=2 * hidden, max_position_embeddings=64,
        num_labels=len(id2label), id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)


def _build(folder: Path, id2label: dict[int, str]) -> Path:
    """An untrained model: enough for label reading and for the plumbing."""
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = _tokenizer(folder)
    torch.manual_seed(0)
    transformers.BertForSequenceClassification(_config(id2label)).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


# --- the trained model -------------------------------------------------------------------

SENTENCES = [(t, n) for t in TEMPLATES for n in NUMBERS]
random.Random(5).shuffle(SENTENCES)
TEST, VALID, TRAIN = SENTENCES[:9], SENTENCES[9:14], SENTENCES[14:]


def _pairs(rng: random.Random, pool: Sequence[tuple[str, str]], k: int
           ) -> list[tuple[str, str, int]]:
    out = []
    for _ in range(k):
        template, n = rng.choice(pool)
        premise = template.format(n=n)
        kind = rng.randrange(3)
        if kind == ENTAILMENT:
            out.append((premise, premise, ENTAILMENT))
        elif kind == CONTRADICTION:
            other = rng.choice([m for m in NUMBERS if m != n])
            out.append((premise, template.format(n=other), CONTRADICTION))
        else:
            unrelated = rng.choice([t for t in TEMPLATES if t != template])
            out.append((premise, unrelated.format(n=rng.choice(NUMBERS)), NEUTRAL))
    return out


def _train(tokenizer: Any, seed: int) -> Any:
    torch.manual_seed(seed)
    config = _config(LABELS, hidden=64)
    model = transformers.BertForSequenceClassification(config)
    # Start the first layer's attention matching identical tokens (query = key = identity,
    # large embeddings, segment embeddings as large so a token's twin in the other sentence
    # is visible): a tiny model trained for seconds does not find "same word?" unaided.
    attention = model.bert.encoder.layer[0].attention.self
    with torch.no_grad():
        for linear in (attention.query, attention.key):
            linear.weight.copy_(torch.eye(config.hidden_size) * 2.0)
            linear.bias.zero_()
        model.bert.embeddings.word_embeddings.weight.normal_(0.0, 1.0)
        model.bert.embeddings.token_type_embeddings.weight.normal_(0.0, 1.0)
    train = _pairs(random.Random(seed), TRAIN, 600)
    encoded = tokenizer([p for p, _, _ in train], [h for _, h, _ in train], padding=True,
                        return_tensors="pt")
    gold = torch.tensor([label for *_, label in train])
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    model.train()
    for _ in range(30):
        order, total = torch.randperm(len(train)), 0.0
        for start in range(0, len(train), 16):
            rows = order[start:start + 16]
            loss = model(**{k: v[rows] for k, v in encoded.items()}, labels=gold[rows]).loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(rows)
        if total / len(train) < 0.01:
            break
    return model.eval()


def _accuracy(model: Any, tokenizer: Any, pairs: Sequence[tuple[str, str, int]]) -> float:
    encoded = tokenizer([p for p, _, _ in pairs], [h for _, h, _ in pairs], padding=True,
                        return_tensors="pt")
    with torch.inference_mode():
        guess = model(**encoded).logits.argmax(-1).tolist()
    return float(np.mean([g == label for g, (*_, label) in zip(guess, pairs, strict=True)]))


@pytest.fixture(scope="module")
def trained_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny NLI model, picked on validation sentences that neither training nor the
    tests use; a seed whose run does not learn the task is replaced by the next."""
    folder = tmp_path_factory.mktemp("trained")
    tokenizer = _tokenizer(folder)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: more threads only contend on a shared CI box
    try:
        valid = _pairs(random.Random(99), VALID, 150)
        for seed in range(4):
            model = _train(tokenizer, seed)
            if _accuracy(model, tokenizer, valid) >= 0.9:
                break
        else:
            pytest.skip("the tiny NLI model did not learn its task on this platform")
    finally:
        torch.set_num_threads(threads)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.mark.slow
def test_a_trained_model_reads_entailment_and_contradiction_on_held_out_pairs(
        trained_dir: Path) -> None:
    model = load_entailment_model(trained_dir, batch_size=8)
    held_out = _pairs(random.Random(7), TEST, 120)
    probs = model.scores([p for p, _, _ in held_out], [h for _, h, _ in held_out])
    assert probs.shape == (len(held_out), 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    gold = np.array([label for *_, label in held_out])
    repeats, changed = probs[gold == ENTAILMENT], probs[gold == CONTRADICTION]
    assert len(repeats) > 20 and len(changed) > 20
    # columns are [entailment, neutral, contradiction] whatever the model's order
    assert np.mean(repeats[:, 0] > repeats[:, 2]) >= 0.9
    assert np.mean(changed[:, 2] > changed[:, 0]) >= 0.9
    unrelated = probs[gold == NEUTRAL]
    assert np.mean(unrelated.argmax(axis=1) == 1) >= 0.9


@pytest.mark.slow
def test_results_come_back_in_input_order_whatever_the_lengths(trained_dir: Path) -> None:
    template, n = TEST[0]
    other = next(m for m in NUMBERS if m != n)
    short = template.format(n=n)
    long = " ".join([short] * 6)
    premises = [long, short, short, long, short]
    hypotheses = [long, template.format(n=other), TEMPLATES[0].format(n=n)
                  if template != TEMPLATES[0] else TEMPLATES[1].format(n=n), short, short]
    batched = load_entailment_model(trained_dir, batch_size=2)
    got = batched.scores(premises, hypotheses)
    one = load_entailment_model(trained_dir, batch_size=1)
    for k, (p, h) in enumerate(zip(premises, hypotheses, strict=True)):
        assert np.allclose(got[k], one.scores([p], [h])[0], atol=1e-4)
    assert got[1, 2] > got[1, 0]  # the changed number, sorted first by length
    assert got[4, 0] > got[4, 2]  # the short repeat
    assert entailment_of(batched, [short], short) > entailment_of(
        batched, [short], template.format(n=other))
    assert contradiction_of(batched, [short], template.format(n=other)) > contradiction_of(
        batched, [short], short)
    assert entailment_of(batched, [], short) == 0.0


@pytest.mark.slow
def test_hostile_text_is_scored_not_fatal(trained_dir: Path) -> None:
    model = load_entailment_model(trained_dir, max_length=32)
    premises = ["", "two people were hurt " * 2000, "\ud800 lone surrogate", "\x00\u202e"]
    hypotheses = ["two people were hurt", "", "two people were hurt " * 2000, "   "]
    probs = model.scores(premises, hypotheses)
    assert probs.shape == (4, 3) and np.isfinite(probs).all()
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert model.scores([], []).shape == (0, 3)
    with pytest.raises(ValueError):
        model.scores(["a"], [])


# --- loading and labels ------------------------------------------------------------------

@pytest.fixture(scope="module")
def nli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("nli"), LABELS)


def test_scores_match_the_model_called_pair_by_pair(nli_dir: Path) -> None:
    model = load_entailment_model(nli_dir, batch_size=2)
    premises = ["the council approved a budget", "fire destroyed a warehouse in the port",
                "", "the mayor said it will fund new libraries and longer opening hours"]
    hypotheses = ["the council voted against the plan", "three people were hurt",
                  "the plan", "opposition voted against"]
    got = model.scores(premises, hypotheses)
    raw = transformers.AutoModelForSequenceClassification.from_pretrained(nli_dir)
    tok = transformers.AutoTokenizer.from_pretrained(nli_dir)
    for k, (p, h) in enumerate(zip(premises, hypotheses, strict=True)):
        with torch.inference_mode():
            logits = raw(**tok(p or " ", h, return_tensors="pt")).logits[0].numpy()
        soft = np.exp(logits - logits.max())
        soft /= soft.sum()
        # the model's order is (contradiction, neutral, entailment)
        assert np.allclose(got[k], soft[[2, 1, 0]], atol=1e-4)
    assert model.name == f"nli:{nli_dir.name}"
    assert model.labels == ("contradiction", "neutral", "entailment")


def test_labels_are_read_in_any_case_or_given(tmp_path: Path) -> None:
    upper = load_entailment_model(
        _build(tmp_path / "upper", {0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"}))
    assert upper.labels == ("ENTAILMENT", "NEUTRAL", "CONTRADICTION")
    assert upper.columns == {"entailment": 0, "neutral": 1, "contradiction": 2}
    anonymous = _build(tmp_path / "anon", {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ConfigError, match="labels"):
        load_entailment_model(anonymous)
    named = load_entailment_model(anonymous, labels=("contradiction", "neutral", "entail"))
    assert named.columns == {"contradiction": 0, "neutral": 1, "entailment": 2}
    assert named.scores(["two people"], ["two people"]).shape == (1, 3)
    with pytest.raises(ConfigError, match="classes"):
        load_entailment_model(anonymous, labels=("entailment", "contradiction"))
    pair = load_entailment_model(_build(tmp_path / "pair", {0: "not_paraphrase",
                                                            1: "paraphrase"}))
    probs = pair.scores(["the plan"], ["the budget"])
    assert pair.columns == {"entailment": 1, "neutral": 0}
    assert probs[0, 2] == 0.0 and np.isclose(probs[0, :2].sum(), 1.0)
    single = load_entailment_model(_build(tmp_path / "one", {0: "score"}))
    probs = single.scores(["the plan"], ["the budget"])
    assert probs[0, 2] == 0.0 and np.isclose(probs[0, :2].sum(), 1.0)
    with pytest.raises(ConfigError, match="entailment"):
        load_entailment_model(_build(tmp_path / "odd", {0: "sports", 1: "politics",
                                                        2: "weather"}))


def test_a_folder_that_is_no_model_is_refused(tmp_path: Path, nli_dir: Path) -> None:
    with pytest.raises(ConfigError, match=r"config\.json"):
        load_entailment_model(tmp_path)
    with pytest.raises(ConfigError, match=r"config\.json"):
        load_entailment_model("some-org/some-hub-model")
    config_only = tmp_path / "config-only"
    config_only.mkdir()
    (config_only / "config.json").write_text((nli_dir / "config.json").read_text())
    with pytest.raises(ConfigError, match="cannot load"):
        load_entailment_model(config_only)
    with pytest.raises(ConfigError, match="device"):
        load_entailment_model(nli_dir, device="no-such-device")


def test_nothing_is_fetched_from_the_network(nli_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    model = load_entailment_model(nli_dir)
    assert model.scores(["two people"], ["three people"]).shape == (1, 3)
    with pytest.raises(ConfigError):
        load_entailment_model("bert-base-uncased")


# --- the verdicts and the CLI ------------------------------------------------------------

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

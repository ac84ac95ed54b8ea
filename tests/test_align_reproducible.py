"""The same two articles get the same alignment, to the last bit, in every process.

A Spark executor runs Python with one BLAS thread and its own hash seed; the driver, the
CLI and the web app run with several threads and another seed. Sums that added their
terms in a set's order, or in the order a threaded BLAS product chose, once scored a copy
sentence a rounding apart in the two (0.5375 against 0.5376), and the Spark job's
alignments then differed from the local path's. Here the link model's raw probabilities
and features for every pair of the demo's articles are hashed in two fresh processes that
differ in both, and must agree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import hashlib, sys, tempfile
from pathlib import Path

from launderlens.demo import demo_corpus
from launderlens.ingest import ingest
from launderlens.rewrites.align import align_sentences
from launderlens.rewrites.evidence import PairEvidence, link_model
from launderlens.store import open_store

with tempfile.TemporaryDirectory() as folder, demo_corpus() as demo:
    store = open_store(str(Path(folder) / "demo.db"))
    assert ingest([demo], store, workers=0).ok
    texts = [[s.text for s in store.sentences(a.id)]
             for a in sorted(store.iter_articles(), key=lambda a: a.id)]
digest = hashlib.sha256()
for a in texts:
    for b in texts:
        if a is b:
            continue
        prob, features = link_model(PairEvidence.build(a, b, None))
        digest.update(prob.tobytes())
        digest.update(features.tobytes())
        digest.update(repr(align_sentences(a, b).best).encode())
print(len(texts), digest.hexdigest())
"""


def _run(seed: str, threads: str) -> str:
    env = {k: v for k, v in os.environ.items()
           if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    env["PYTHONHASHSEED"] = seed
    if threads:
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[name] = threads
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                          text=True, timeout=300, cwd=Path(__file__).parent)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_link_probabilities_do_not_depend_on_hash_seed_or_threads() -> None:
    one = _run("0", "1")
    other = _run("12345", "")
    assert one.split()[0] == "9"  # every demo article was read
    assert one == other

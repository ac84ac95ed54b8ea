"""An English verb in -ing in; the finite forms it may stand for out ("leaking": leaked,
leaks; "meeting": met), so that a denied act in -ing meets the act stated plainly; for
an irregular verb, the -ing form any of its forms stands for ("paid", "pay": paying), and
whether a word is one of its past forms ("paid", "held")."""

from __future__ import annotations

__all__ = ["finite_forms", "irregular_gerund", "irregular_past"]


def finite_forms(gerund: str) -> frozenset[str]:
    """The past and present forms an -ing word may stand for: "leaking" leaked and leaks,
    "using" used, "stopping" stopped, "meeting" met."""
    base = gerund[:-3]
    stems = {base, base + "e"} | ({base[:-1]} if base[-1:] == base[-2:-1] else set())
    return frozenset(stem + end for stem in stems for end in ("ed", "d", "s", "es")) \
        | _IRREGULAR.get(gerund, frozenset())


_IRREGULAR = {gerund: frozenset(forms.split()) for gerund, forms in (
    ("meeting", "met meets"), ("paying", "paid pays"), ("taking", "took takes"),
    ("giving", "gave gives"), ("selling", "sold sells"), ("buying", "bought buys"),
    ("leaving", "left leaves"), ("leading", "led leads"), ("making", "made makes"),
    ("telling", "told tells"), ("keeping", "kept keeps"), ("holding", "held holds"),
    ("sending", "sent sends"), ("bringing", "brought brings"), ("seeing", "saw sees"),
    ("getting", "got gets"), ("stealing", "stole steals"), ("hitting", "hit hits"),
    ("speaking", "spoke speaks"), ("writing", "wrote writes"), ("having", "had has"))}


def irregular_gerund(word: str) -> str | None:
    """The -ing form of the irregular verb that ``word`` is a form of ("pay", "paid",
    "pays": "paying"), so that "did not pay" meets "paid"; None for other words (a regular
    verb's forms share their stem already)."""
    if word in _IRREGULAR:
        return word
    if word in _FORM_OF:
        return _FORM_OF[word]
    bases = (word, word[:-1] if word.endswith("e") else "", word + word[-1:])
    return next((f"{base}ing" for base in bases if base and f"{base}ing" in _IRREGULAR), None)


_FORM_OF = {form: gerund for gerund, forms in _IRREGULAR.items() for form in forms}


def irregular_past(word: str) -> bool:
    """Whether ``word`` is the past form of an irregular verb ("paid", "held", "hit", "cut"):
    after "was" or "had" it states the act, where a base form ("was pay day") does not."""
    return word in _PAST_AS_BASE or (word in _FORM_OF and not word.endswith("s"))


#: Verbs whose past form is their base form: "was cut", "has bid" state the act, as
#: "was paid" does, though the word is no other than the base form.
_PAST_AS_BASE = frozenset({"cut", "put", "set", "let", "shut", "hit", "hurt", "cost", "bid",
                           "quit", "spread", "split", "bet", "burst", "cast", "broadcast",
                           "shed", "upset"})

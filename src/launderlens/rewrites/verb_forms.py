"""An English verb in -ing in; the finite forms it may stand for out ("leaking": leaked,
leaks; "meeting": met), so that a denied act in -ing meets the act stated plainly."""

from __future__ import annotations

__all__ = ["finite_forms"]


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

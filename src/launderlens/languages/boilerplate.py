"""A scraped page's text in; the part a reader would read out: lines and sentences of page
furniture (paywall, ad-blocker and robot walls, cookie and newsletter notices, "Anzeige",
share buttons, copyright lines) left out, in the languages the anchors read.

Scraped news comes with such text, and pages that are nothing else (a rate-limit wall in
Polish, a Chinese ad-blocker notice) tell nothing of the story: two such pages read alike to
any encoder, and a real article reads unlike them whatever it reports. The cross-lingual
story score reads heads through :func:`readable_head` (see
:mod:`launderlens.rewrites.similarity.crosslingual`).

The rules look at one piece at a time (a line, or a sentence of a line) and only at short
ones (:data:`PIECE_CHARS`): a notice is short, so a long sentence about cookies or privacy
law is kept. Words that news also uses ("subscribers", "suscribió un acuerdo", "подпишет
закон", "cookies" in a recipe, "police use cookies as bait", "Insolvenz anmelden", "sign up
to the pact", "users sign up, log in and pay", "login data") count only in a notice's call
to the reader ("subscribe now", "suscríbete", "подпишитесь", "accept cookies", "we use
cookies", "log in to continue", "jetzt anmelden"); a short news sentence that still
uses a notice's phrase ("the hackers hid their IP address") is left out with the notices:
the rules read words, not meaning, and the story score, which reads the head as a whole,
loses a sentence of it.
"""

from __future__ import annotations

import re

__all__ = ["PIECE_CHARS", "is_boilerplate", "pieces", "readable_head"]

#: Pieces longer than this are never taken for page furniture: notices are short, and a
#: long sentence that names a newsletter is more likely news about one.
PIECE_CHARS = 300

# Each alternative names one kind of notice, in the languages of the anchors and the
# SemEval-2022 Task 8 pairs (en de fr es it pl ru zh); written from how such notices read.
_NOTICE = re.compile("|".join([
    # ad blockers
    r"ad ?-?block|屏蔽广告|广告拦截|werbeblocker|bloqueur de pub",
    # paywalls, subscriptions, log-in prompts
    r"subscribe (?:now|today|for|to (?:our|the|read|continue))|subscription (?:required|offer)"
    r"|subscribers? only|already (?:a )?subscriber|abonnez-vous|jetzt abonnieren"
    r"|abonnieren sie|suscr[ií]bete|suscr[ií]base|hazte suscriptor|iscriviti|zapisz si[eę]"
    r"|zaprenumeruj|wykup prenumerat|подпишитесь|подписывайтесь|оформите подписку|订阅|訂閱"
    r"|登录|connectez-vous|identifiez-vous|zaloguj si[eę]|войдите|зарегистрируйтесь"
    r"|complimentary access|limit for free access|continue (?:reading|viewing)|weiterlesen"
    r"|seguir leyendo|continua a leggere",
    # cookie and privacy notices
    r"\bcookies?\b.{0,60}\b(?:accept|consent|polic|settings|zustimm|akzept|richtlin|utilis"
    r"|acept|accett|akcept|используем)|(?:accept|akzeptier|acepta|accett)\w*\W+(?:\w+\W+){0,3}?"
    r"cookies?\b|datenschutz(?:erkl|richtlin|hinweis|einstell|bestimm)"
    r"|privacy (?:policy|settings|notice)|politique de confidentialit"
    r"|pol[ií]tica de privacidad|политик\w* конфиденциальн",
    # robot and rate-limit walls
    r"not a robot|nie jestem robotem|kein roboter|pas un robot|no soy un robot|не робот"
    r"|captcha|\bIP[ -]?(?:address|adres|adresse|地址)|adres\w* IP|adresse IP|IP-Adresse",
    # newsletters and alerts
    r"newsletter|news alerts|e-?mail (?:address|alerts|notification)|电子邮件|邮件通知",
    # copyright lines
    r"all rights reserved|alle rechte vorbehalten|todos los derechos|tous droits"
    r"|tutti i diritti|wszelkie prawa|все права защищены|版权所有",
    # browser requirements
    r"javascript|your browser|ihr browser|votre navigateur|su navegador",
    # navigation
    r"\b(?:previous|next) (?:post|article)\b|if you want to see more|si deseas ver m[aá]s"
    r"|если вы хотите увидеть больше|send breaking news|we'?ll send you",
]), re.IGNORECASE)
# A site telling the reader it uses cookies: the verb and "cookies" with the site or "we"
# in the piece ("We use cookies", "Diese Website verwendet Cookies", "Usamos cookies"), not
# news of someone else using them ("Police use cookies as bait").
_COOKIE_USE = re.compile(
    r"(?:\buse|\busing|verwende|utilis|usamos|utilizz|używa|использ)\w*\W+(?:\w+\W+){0,3}?"
    r"cookies?\b", re.IGNORECASE)
_SITE = re.compile(
    r"\b(?:we|our|site|website|web|page|wir|unsere?|webseite|seite|nous|notre|nosotros"
    r"|nuestr[oa]s?|sitio|usamos|utilizamos|noi|nostr[oi]|sito|utilizziamo|używamy|nasz\w*"
    r"|stron\w*|мы|наш\w*|сайт\w*)\b", re.IGNORECASE)
# Words for an account that news also uses ("Insolvenz anmelden", "countries sign up to the
# pact", "login data leaked", "el Senado inicia sesión"): they count only in a call to the
# reader, as the piece's opening word with nothing after it but a call's words ("Log in",
# "Jetzt anmelden"), after a call's lead-in ("please", "bitte", "you must be", "already
# have an account"), or before what the account is for ("sign up for our newsletter",
# "anmelden und weiterlesen").
_ACCOUNT_EN = r"(?:sign ?up|sign ?in|log ?in)"
_ACCOUNT_VERB = (rf"(?:{_ACCOUNT_EN}|anmelden|einloggen|registrieren|inicia sesi[oó]n"
                 r"|reg[ií]strate)")
_ACCOUNT = re.compile("|".join([
    rf"^\W*(?:please |bitte |jetzt |hier |or |oder |o )?{_ACCOUNT_VERB}"
    r"(?=\W*$|\s+(?:now|today|here|and|or|und|oder|jetzt|hier|mit|para|con|o|y|ahora"
    rf"|aqu[ií])\b|\W+{_ACCOUNT_VERB})",
    r"\bplease (?:sign|log) ?(?:in|up)\b|\bor (?:sign|log) ?(?:in|up)\W*$"
    r"|\b(?:log|sign) ?in or register\b"
    r"|\bby (?:logging|signing) (?:in|up)\b"
    r"|\byou(?:'ll| will)? (?:must|need to|have to)(?: first)? (?:be )?(?:sign|log)(?:ged)?"
    r" ?(?:in|up)\b|\balready (?:have an account|registered|a member)\s*\?",
    r"\b(?:jetzt|hier|bitte|kostenlos|gratis) (?:anmelden|einloggen|registrieren)(?=\W*$|\s*[:!]"
    r"|\s+(?:und|oder|mit)\b)"
    r"|\bmelden sie sich (?:\w+ ){0,2}an\b|\b(?:anmelden|einloggen) und (?:weiter ?)?lesen"
    r"|\binicia sesi[oó]n (?:o reg[ií]strate|para (?:seguir|continuar|leer|ver|acceder"
    r"|comentar))",
]), re.IGNORECASE)
# Account words that are a call only where a call stands (:func:`_at_call`): a row of
# prompts ("Log In Sign Up"), a free sign-up, an account verb before what the account is
# for ("Log in to comment", "sign up for free", "sign in with Google"). Behind a subject,
# a modal or "to" they are news: "users sign up, log in and pay", "customers sign up for
# free trials", "millions sign up now", "customers could not log in to view their accounts".
_ACCOUNT_CALL = re.compile(
    rf"\b{_ACCOUNT_VERB}\W+(?:{_ACCOUNT_VERB}|register\b)|\bfree sign ?up\b"
    rf"|\b{_ACCOUNT_EN} (?:now|today|here|for free|free|to (?:read|continue"
    r"|access|comment|view|see|unlock|keep|get|receive|save|follow|manage|join|your)|for (?:our"
    r"|free|full|unlimited|updates|alerts|the newsletter|(?:a|an) (?:free |digital )?(?:\w+ )?"
    r"(?:account|subscription|trial|membership))|with (?:google|facebook|apple|twitter"
    r"|linkedin|e-?mail|your))\b",
    re.IGNORECASE)
# A piece that is only one of these words (an ad label, a share button, a separator).
# The trailing \W* sits inside the optional group: two \W* side by side would try every
# split of a long run of punctuation before giving up on the word after it.
_LABEL = re.compile(
    r"^\W*(?:(?:anzeige|advertisement|werbung|publicidad|pubblicit[aà]|reklama|реклама|广告"
    r"|publicit[ée]|sponsored|facebook|twitter|google|whatsapp|e-?mail|share|teilen"
    r"|compartir|condividi|partager)\W*)?$", re.IGNORECASE)
# Pieces: lines, runs of two spaces (a scraper's line break) and sentence ends.
_PIECE = re.compile(r"(?<=[.!?。！？])\s+|\s*\n\s*|\s{2,}")


def pieces(text: str) -> list[str]:
    """``text`` cut at line breaks and sentence ends, blank pieces left out."""
    return [piece for piece in _PIECE.split(text) if piece.strip()]


def is_boilerplate(piece: str) -> bool:
    """Whether one line or sentence is page furniture rather than text of the article."""
    piece = piece.strip()
    if _LABEL.match(piece):
        return True
    if len(piece) > PIECE_CHARS:
        return False
    return bool(_NOTICE.search(piece) or _ACCOUNT.search(piece) or _at_call(piece)
                or (_COOKIE_USE.search(piece) and _SITE.search(piece)))


def _at_call(piece: str) -> bool:
    """Whether one of :data:`_ACCOUNT_CALL`'s phrases stands where a call does: with
    nothing but punctuation before it in the piece ("Never miss a story: sign up now",
    "Home | Log In | Sign Up"), or as a button ending the piece, each word capitalised
    ("Never miss our top stories Free Sign Up"); not behind a subject ("users sign up")."""
    for match in _ACCOUNT_CALL.finditer(piece):
        before, after = piece[: match.start()].rstrip(), piece[match.end():]
        if not before or not before[-1].isalnum():
            return True
        button = all(word[0].isupper() for word in match.group().split())
        if button and not any(char.isalnum() for char in after):
            return True
    return False


def readable_head(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text`` without its page furniture (its pieces
    joined by single spaces); empty when nothing readable is left."""
    kept = [piece.strip() for piece in pieces(text[: chars * 2]) if not is_boilerplate(piece)]
    return " ".join(kept)[:chars]

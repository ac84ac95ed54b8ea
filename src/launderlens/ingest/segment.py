"""Article text in, sentences out: character spans of the sentences of news prose, and a
repair for scraped text whose lines were broken inside sentences.

Every decision goes through one predicate, :func:`is_boundary`, which looks at the
whitespace between two pieces of text and at a few characters either side of it. The
segmenter asks it about each candidate gap; :func:`rejoin_broken_lines` asks it about each
line break. Because both ask the same question the same way, segmenting a rejoined text
splits it exactly where the rejoined lines say it should.

The rules, in the order they are tried:

- A blank line always ends a sentence (``segment``); a blank line inside a sentence is a
  scraping artefact that only ``rejoin_broken_lines`` repairs.
- A new line that starts with a bullet (``-``, ``*``, ``•``) or is a rule (``-----``)
  starts a new sentence.
- ``.``, ``?``, ``!`` and ellipses, optionally followed by closing quotes or brackets,
  end a sentence unless the next word starts in lower case, the next token is a closing
  mark standing alone, or a ``/TASS/``-style agency tag follows a dateline. A link
  (``https://...``) after final punctuation always starts a new sentence.
- A period after an abbreviation decides by the kind of abbreviation: titles before a name
  (``Dr.``, ``Gen.``) never end one; ``No.`` and month names continue into a number;
  country-style acronyms (``U.S.``) and company suffixes (``Inc.``) continue into an office
  or institution (``U.S. President``) and end otherwise; ``a.m.``/``p.m.`` continue into a
  weekday or time zone; initials (``John F. Kennedy``), ``St.``, ``Jr.`` and ``Sr.``
  continue unless a word that usually opens a sentence follows. A dash after a period
  continues a dateline on the same line ("BANGOR, Maine. — Officers ...") and starts a
  signature on a new one.
- A line break without final punctuation ends a sentence when the line reads as a
  headline (or ends on a colon) and the next line starts in upper case; a line that ends
  on a comma, a function word, or on a name running into the next line (``French
  President`` / ``Emmanuel Macron``) continues, and so does one before a lower-case line.

Line breaks are ``\n``, ``\r\n`` or ``\r``.

Other languages (:func:`segment` reads ``article.language``): Russian, Ukrainian and
Belarusian lines are split by razdel, which knows their abbreviations ("г.", "ул.", "т.е.");
text in scripts written without spaces between sentences (Chinese, Japanese) and Arabic
script also ends a sentence after ``。！？`` and ``؟ ۔``. English, unknown and other
languages take the rules above unchanged.
"""

from __future__ import annotations

import re

from ..model import Article, Sentence

__all__ = ["is_boundary", "language_spans", "rejoin_broken_lines", "segment",
           "sentence_spans"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TERMINALS = ".!?…"
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
_STRAY_CLOSERS = frozenset({")", "]", '"', "'", "”", "’"})
_DASHES = "-–—"
_LINE_CONTINUES = ",;-–—/&(+="
_BULLETS = frozenset({"-", "*", "+"})
_BULLET_MARKS = frozenset("•·‣▪◦")
_URL_STARTS = ("http://", "https://", "www.")
# A line of dashes, stars or underscores that separates parts of a page.
_RULE_LINE = re.compile(r"[-–—_*=~#•·]{3,}")
_BLOCK_STARTS = frozenset("-–—_*=~#+") | _BULLET_MARKS

# Only whitespace after final punctuation (and closing marks), or whitespace holding a line
# break, can be a boundary. Restricting the candidates this way keeps the Python-level work
# to about one decision per sentence instead of one per word; starting every match with one
# character class lets the regex engine skip plain letters quickly (3-4 times faster than an
# alternation of two patterns). Group 1 is the whitespace after the punctuation.
_CANDIDATE = re.compile(r"[.!?…\n\r](?:(?<=[\n\r])|[.!?…\"'”’»)\]]*(?=\s))(\s*)")

# Tokens are looked at through a window of this many characters; no abbreviation is
# longer, and a bound keeps a megabyte without spaces from costing a megabyte per gap.
_TOKEN_WINDOW = 64
# A line is judged on at most its last this-many characters (a headline is shorter), so
# that a megabyte-long line or paragraph costs linear time, here and in rejoining.
_LINE_WINDOW = 320
_FIRST_TOKEN = re.compile(rf"\S{{1,{_TOKEN_WINDOW}}}")
_LEADING_WORD = re.compile(r"[^\W\d_]+")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.){1,4}[A-Za-z]")

# Titles and other abbreviations that stand before what they qualify: never sentence-final.
_NEVER_FINAL = _words("""
    Mr Mrs Ms Messrs Mmes Mx Dr Drs Prof Profs Gen Gens Sen Sens Rep Reps Gov Govs Lt Col
    Capt Cpt Sgt Maj Adm Cmdr Cdr Brig Cpl Pvt Rev Revd Hon Pres Supt Insp Atty Amb Fr Msgr
    Mt Ft Rt vs v cf viz approx e.g i.e E.g I.e
""")

# Abbreviations that usually precede a number ("No. 10", "Sept. 4", "Art. 5").
_BEFORE_NUMBER = _words("""
    No Nos no nos Art art Sec sec Vol vol Ch ch Fig fig p pp para Para Ref ref Nr nr n nn
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""")

# Abbreviations that often end a sentence but also run on into a title or an institution.
_SUFFIXES = _words("""
    Inc Corp Ltd Co Cos LLC Llc PLC Plc Bros etc al Dept Govt Univ Assn Intl Ave Blvd
""")

# Before a name or at the end of one: "St. Louis" but "Main St.", "Sr. Maria" (a nun) but
# "John Hale Sr.", "Jr. High" but "Tom Hale Jr.".
_BEFORE_OR_AFTER_NAME = frozenset({"St", "Ste", "Sts", "Sr", "Jr"})

_ABBREVIATIONS = _NEVER_FINAL | _BEFORE_NUMBER | _SUFFIXES | _BEFORE_OR_AFTER_NAME

_CLOCK = frozenset({"a.m", "p.m", "A.M", "P.M"})

# What may follow a.m./p.m. inside a sentence: "at 5 p.m. Tuesday", "10 a.m. GMT".
_AFTER_CLOCK = _words("""
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs
    Fri Sat Sun ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT UTC BST CET CEST EET EEST
    MSK IST JST AEST Eastern Central Pacific Mountain Atlantic Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec January February March April May June July August September October
    November December
""")

# Offices and institutions that follow an acronym inside a sentence: "U.S. President",
# "U.N. Security Council", "U.K. Foreign Secretary", "Acme Inc. Chief Executive".
_CONTINUATIONS = _words("""
    President Presidents Vice Secretary Secretaries Senator Senators Sen Sens Rep Reps
    Representative Representatives Congressman Congresswoman Congress Senate House
    Ambassador Ambassadors Envoy Envoys Special Attorney Attorneys General Gen Adm Admiral
    Army Navy Air Marine Marines Military Forces Troops Defense Defence State States
    Department Departments Treasury Trade Commerce Justice Embassy Embassies Consulate
    Supreme Court Courts Federal Central Command Government Administration Intelligence
    Coast Border Customs Mission Security Council Assembly Commission Commissioner Agency
    Parliament Prime Minister Ministers Foreign Chancellor Chief Director Officials Official
    Spokesman Spokeswoman Spokesperson Lawmakers Diplomats Diplomat Sanctions
    Dollar Dollars Treasuries Bureau Office Coalition Delegation Delegate Delegates Leader
    Leaders Lt Col Capt Maj Gov Ceo Cfo Chairman Chairwoman Chair Executive Board Judge
    Judges District Circuit Constitution Constitutional Code Immigration Citizenship
    Conference Bishops Bishop Catholic Communist Joint National Presidential Election
    Elections Mint Postal Patent Census Capitol Marshal Marshals Secret Agriculture Energy
    Labor Interior Homeland Health Education Transportation Veterans Virgin Nuclear Naval
    Armed Space Olympic Open Bank Chamber Cabinet Party Delegation Forces Force
""")

# Words that usually open a sentence; after an initial or "St." they tip the balance
# towards a boundary ("... was Plan B. The minister ...").
_STARTERS = _words("""
    The A An This That These Those He She It They We I You His Her Its Their Our My But And
    Or So Yet In On At As If When While After Before Since Although Though However
    Meanwhile According There Here What Why How Who Some Many Most All One Both Each Still
    Also Earlier Later Last Now Then Such Other Another For With Without During Under Over
""")

# Lower-case words a sentence does not end on, so a line ending on one is a hard wrap.
_FUNCTION_WORDS = _words("""
    a an the of to in on at for with by from into onto over under about after before
    between during against among through and or but nor as than that which who whom whose
    its his her their our my your is are was were be been being has have had do does did
    not will would shall should can could may might must this these those such including
    like per via
""")


def is_boundary(left: str, gap: str, right: str) -> bool:
    """Whether a sentence ends between ``left`` and ``right``, which ``gap`` separates.

    ``left`` is the text before the gap, back at least to the start of its line (a line
    break is judged on the whole line); ``right`` is the text after it, at least its
    first word; ``gap`` is whitespace. An empty side is a boundary.
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return True
    if not gap or not gap.isspace():
        gap = " "
    return _boundary_at(left + gap + right, len(left), len(left) + len(gap))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, in order.

    Spans do not overlap, hold no leading or trailing whitespace, and together cover every
    non-whitespace character of ``text``.
    """
    stop = len(text.rstrip())
    start = len(text) - len(text.lstrip())
    if start >= stop:
        return []
    spans: list[tuple[int, int]] = []
    for candidate in _CANDIDATE.finditer(text, start, stop):
        gap_start, gap_end = candidate.span(1)
        if text[candidate.start()] in "\n\r":
            gap_start = candidate.start()
            while text[gap_start - 1].isspace():  # spaces before the line break
                gap_start -= 1
        if _boundary_at(text, gap_start, gap_end):
            spans.append((start, gap_start))
            start = gap_end
    spans.append((start, stop))
    return spans


def segment(article: Article) -> list[Sentence]:
    """The sentences of ``article``, each with its offsets into ``article.text``, split by
    the rules of its language (see the module docstring)."""
    text = article.text
    return [
        Sentence(article.id, index, start, end, text[start:end])
        for index, (start, end) in enumerate(language_spans(text, article.language))
    ]


# Languages razdel segments: East Slavic, whose abbreviations the English rules split at.
_RAZDEL_LANGUAGES = frozenset({"ru", "uk", "be"})
# Full stops of scripts that need no space after them, and Arabic-script ones.
_UNSPACED_STOP = re.compile(r"[。！？؟۔][」』”\"）)]*")
_LINE_BREAKS = re.compile(r"\s*(?:\r\n?|\n)\s*")


def language_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    """:func:`sentence_spans` for ``language`` (a lower-case ISO 639-1 code or None)."""
    primary = (language or "").split("-")[0].lower()
    if primary in _RAZDEL_LANGUAGES:
        return _razdel_spans(text)
    spans = sentence_spans(text)
    if primary in ("", "en") or not _UNSPACED_STOP.search(text):
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for stop in _UNSPACED_STOP.finditer(text, start, end):
            piece_end = stop.end()
            rest = len(text[piece_end:end]) - len(text[piece_end:end].lstrip())
            if piece_end + rest < end and start < piece_end:
                out.append((start, piece_end))
                start = piece_end + rest
        out.append((start, end))
    return out


def _razdel_spans(text: str) -> list[tuple[int, int]]:
    """razdel's sentences of each line of ``text`` (a line break always ends one)."""
    from razdel import sentenize  # type: ignore[import-untyped]

    spans: list[tuple[int, int]] = []
    start = 0
    for match in [*_LINE_BREAKS.finditer(text), None]:
        end = match.start() if match else len(text)
        line = text[start:end]
        if line.strip():
            spans.extend((start + piece.start, start + piece.stop) for piece in sentenize(line))
        if match:
            start = match.end()
    return [(a, b) for a, b in spans if b > a]


def rejoin_broken_lines(text: str) -> str:
    """Repair text whose lines were broken inside sentences.

    The result has paragraphs separated by exactly one blank line. Inside a paragraph, a
    line break that falls inside a sentence becomes a single space, and a line break
    between two sentences is kept as ``"\\n"``, so one-sentence-per-line text keeps its
    lines and its offsets stay close to the source. A blank line is removed only where the
    evidence that the sentence goes on is strong: an abbreviation that does not end a
    sentence here ("U.S." before "President"), a comma or dash, or a next line in lower
    case. Each line is stripped of surrounding whitespace.
    """
    paragraphs: list[str] = []
    finished: list[str] = []  # lines of the current paragraph
    current: list[str] = []  # pieces of the line being built, to be joined by spaces
    tail = ""  # the end of that line: all the boundary predicate ever looks at
    after_blank = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            after_blank = bool(current)
            continue
        if current and after_blank and not _continues_across_blank_line(tail, line):
            paragraphs.append("\n".join([*finished, " ".join(current)]))
            finished, current = [], []
        elif current and not after_blank and is_boundary(tail, "\n", line):
            finished.append(" ".join(current))
            current = []
        tail = f"{tail} {line}"[-_LINE_WINDOW:] if current else line[-_LINE_WINDOW:]
        current.append(line)
        after_blank = False
    if current:
        paragraphs.append("\n".join([*finished, " ".join(current)]))
    return "\n\n".join(paragraphs)


def _continues_across_blank_line(left: str, right: str) -> bool:
    # A blank line is strong evidence of a boundary: a headline stands above a blank
    # line, so the headline heuristics of a single line break are not enough to join.
    if is_boundary(left, "\n", right):
        return False
    first = right.lstrip(_OPENERS)
    return (
        left[-1] in _TERMINALS
        or left[-1] in _LINE_CONTINUES
        or (bool(first) and first[0].islower())
    )


def _boundary_at(text: str, gap_start: int, gap_end: int) -> bool:
    """Whether the whitespace ``text[gap_start:gap_end]`` ends a sentence."""
    gap = text[gap_start:gap_end]
    line_breaks = gap.count("\n") or gap.count("\r")
    if line_breaks >= 2:
        return True
    window = text[max(0, gap_start - _TOKEN_WINDOW):gap_start].rsplit(None, 1)
    last = window[-1] if window else ""
    match = _FIRST_TOKEN.match(text, gap_end)
    first = match.group() if match else ""
    if line_breaks and first[0] in _BLOCK_STARTS and _opens_block(first):
        return True
    core = last.rstrip(_CLOSERS)
    if core and core[-1] in _TERMINALS:
        return _ends_after_punctuation(core, len(core) < len(last), first, line_breaks > 0)
    if not line_breaks:
        return False
    window_start = max(0, gap_start - _LINE_WINDOW)
    line_start = max(text.rfind("\n", window_start, gap_start),
                     text.rfind("\r", window_start, gap_start)) + 1
    return _line_reads_as_headline(text[max(line_start, window_start):gap_start], first)


def _ends_after_punctuation(core: str, closed: bool, first: str, new_line: bool) -> bool:
    """Decide a gap after final punctuation; ``core`` is the last token without closers."""
    if first[0] in ")]" or first in _STRAY_CLOSERS:
        # A closing mark that drifted away from its sentence; curly quotes only when alone,
        # because bad typography opens quotations with them too.
        return False
    following = first.lstrip(_OPENERS)
    if not following or following.startswith(_URL_STARTS):
        return True
    if following[0].islower() or following[0] == "/":
        # "/" opens a news-agency tag that belongs to the dateline: "October 14. /TASS/."
        return False
    word = core[:-1].lstrip(_OPENERS)
    if not word and not closed and core[0] in _OPENERS:
        return False  # an ellipsis opening a quotation: “… and then
    if closed or core[-1] != "." or core.endswith("..."):
        return True
    if following[0] in _DASHES:
        # "NORFOLK, Va. — Officers said" is a dateline; a new line "— Ann Roe" a signature.
        return new_line
    return _period_ends_sentence(word, following)


def _period_ends_sentence(word: str, following: str) -> bool:
    """Whether ``word.`` ends a sentence before ``following`` (which is not lower case)."""
    if not word:
        return True
    if "." not in word and len(word) > 1 and word not in _ABBREVIATIONS:
        return True  # the common case: an ordinary word ends the sentence
    if word in _NEVER_FINAL:
        return False
    if word in _BEFORE_NUMBER:
        return not following[0].isdigit()
    match = _LEADING_WORD.match(following)
    head = match.group() if match else ""
    if word in _CLOCK:
        return head not in _AFTER_CLOCK
    if word in _SUFFIXES or _ACRONYM.fullmatch(word):
        # Capitalised so that "U.S. ARMY" reads like "U.S. Army".
        return not (following[0].isdigit() or head.capitalize() in _CONTINUATIONS)
    if word in _BEFORE_OR_AFTER_NAME or (len(word) == 1 and word.isupper()):
        return head in _STARTERS
    return True


def _line_reads_as_headline(line: str, first: str) -> bool:
    """Whether a line without final punctuation ends a sentence before the next line."""
    line = line.rstrip()
    if _RULE_LINE.fullmatch(line):
        return True
    following = first.lstrip(_OPENERS)
    if not following or not (following[0].isupper() or following.startswith(_URL_STARTS)):
        return False
    if line[-1] in _LINE_CONTINUES:
        return False
    if line[-1] == ":":
        return True  # "... the minister wrote:" above a quotation or a list
    last_word = line.rsplit(None, 1)[-1].strip(_OPENERS + _CLOSERS)
    if last_word in _FUNCTION_WORDS:
        return False
    if last_word[:1].isupper():
        # "French President" / "Emmanuel Macron": a name running over a hard wrap, unless
        # the whole line is in title case or the next word usually opens a sentence.
        match = _LEADING_WORD.match(following)
        head = match.group() if match else ""
        return head in _STARTERS or _is_title_case(line)
    return True


def _opens_block(first: str) -> bool:
    """Whether a line starting with ``first`` is a list item or a separator rule."""
    return first in _BULLETS or first[0] in _BULLET_MARKS or bool(_RULE_LINE.fullmatch(first))


def _is_title_case(line: str) -> bool:
    words = [word for word in line.split() if len(word) >= 4 and word[0].isalpha()]
    if not words:
        return True
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised >= 0.6 * len(words)

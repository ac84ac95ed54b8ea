"""An article's text and sentences in; ``machine_residue`` findings out: what a language
model or its operator left behind when an article was machine-rewritten.

Laundering networks publish LLM output unread, and some of it still carries the request
("Please rewrite this article taking a conservative stance"), the model's refusals and
disclaimers ("As an AI language model, I cannot ..."), its chatter around the answer
("Sure! Here's the rewritten article:"), template slots nobody filled ("[Insert quote]",
"{city}", "XX%") and chat markup a news page never shows ("**bold**", "### Heading",
"Title:" before the headline). Each is one kind of :data:`launderlens.findings.ResidueKind`.

Near-zero false alarms on ordinary news come first, so every pattern is specific: several
words a newsroom does not write in that order, placeholders anchored to their brackets,
markup anchored to the start of a line, "Note:" only when the note speaks of the text as a
rewrite or a fiction. Each :class:`ResiduePattern` says why its words are not ordinary news
language. News about chatbots quotes their refusals, so a match inside quotation marks, or
in a sentence that names a chatbot, keeps a lower confidence and says why.

Patterns run over the whole text (a residue such as "Sure! Here's ..." spans sentences);
each match is placed in the sentence its first character falls in. The text read is capped
at :data:`MAX_CHARS` and every pattern is bounded, so hostile text costs linear time.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..findings import Evidence, Finding, ResidueKind, Severity
from ..model import Article, Sentence

__all__ = ["MAX_CHARS", "PATTERNS", "ResidueMatch", "ResiduePattern", "find_residue",
           "residue_findings"]

#: Only this much of an article is searched: residue sits in what was published, and a
#: longer "article" is a dump whose cost must stay bounded.
MAX_CHARS = 200_000

_EXCERPT_CHARS = 120  # evidence quotes the match, cut so a runaway match stays readable

_SEVERITY: dict[ResidueKind, Severity] = {
    # A prompt, refusal or chatter left in print shows the text came from a model, unread:
    "prompt": "high", "refusal": "high", "chatter": "high",
    # an empty slot shows a template; markup may also come from a careless scrape
    "placeholder": "medium", "markup": "low",
}


@dataclass(frozen=True, slots=True)
class ResiduePattern:
    """One kind of leftover: ``regex`` finds it, ``why`` says why news does not read so."""

    name: str
    kind: ResidueKind
    regex: re.Pattern[str]
    why: str
    confidence: float


@dataclass(frozen=True, slots=True)
class ResidueMatch:
    """Pattern ``pattern`` matched ``text`` at characters ``start:end`` of the article."""

    pattern: ResiduePattern
    start: int
    end: int
    text: str


def _p(name: str, kind: ResidueKind, confidence: float, why: str, regex: str,
       flags: int = re.IGNORECASE) -> ResiduePattern:
    return ResiduePattern(name, kind, re.compile(regex, flags | re.MULTILINE), why, confidence)


# Words shared by several patterns. Bounded repeats ({0,n}) keep every pattern linear.
_REWRITE = r"(?:re-?write|paraphrase|rephrase|reword|re-?frame|restyle|revise|summari[sz]e)"
_TEXT = r"(?:news\s+)?(?:article|text|story|passage|paragraph|piece|content|report|post)"
_SELF = r"(?:an?\s+)?(?:AI|artificial\s+intelligence)(?:\s+language)?\s+(?:model|assistant)"
_TONE = (r"(?:conservative|liberal|progressive|right-wing|left-wing|pro-\w{2,20}|anti-\w{2,20}|"
         r"sensational(?:ist)?|emotional(?:ly\s+(?:triggering|charged))?|neutral|objective|"
         r"critical|positive|negative|alarmist|persuasive|biased|partisan|tabloid|dramatic|"
         r"inflammatory|patriotic|nationalist)")
_OPEN = r"(?:^|(?<=[.!?:\n])[ \t]*|(?<=[.!?][\"'”’])[ \t]*)"  # a sentence or line starts

PATTERNS: tuple[ResiduePattern, ...] = (
    # -- prompts: the operator's request, printed with the answer ---------------------------
    _p("rewrite_request", "prompt", 0.95,
       "an imperative addressed to a writer or model to rewrite a text; news reports on "
       "requests, it does not print them as orders",
       rf"{_OPEN}(?:please[ ,]+|now[ ,]+|can\s+you\s+|could\s+you\s+)?{_REWRITE}\s+"
       rf"(?:this|the\s+following|the\s+above|the\s+below|my|the)\s+(?:\w+\s+){{0,2}}{_TEXT}\b"),
    _p("please_rewrite", "prompt", 0.95,
       "\"please\" before a rewrite verb and a text: the wording of a request to a model",
       rf"\bplease\s+{_REWRITE}\s+(?:it|this|that|the\s+following)\b"),
    _p("style_instruction", "prompt", 0.85,
       "a rewrite verb with an instructed stance, tone or house style: the order that made a "
       "rewrite, echoed; reporting uses past tense and names who asked",
       rf"\b{_REWRITE}\b[^.\n]{{0,80}}?\b(?:in\s+the\s+(?:style|voice|tone)\s+of|"
       rf"(?:taking|adopting|using|with|in)\s+an?\s+(?:more\s+|very\s+|strongly\s+)?{_TONE}\s+"
       rf"(?:stance|tone|slant|angle|perspective|style|voice|framing|spin))"),
    _p("tone_instruction", "prompt", 0.8,
       "an instructed stance spelled as an order (\"make it\", \"taking a ... stance\") at the "
       "start of a sentence: the tail of a prompt",
       rf"{_OPEN}(?:make\s+it\s+(?:sound\s+)?(?:more\s+)?{_TONE}\b|"
       rf"(?:taking|adopting)\s+an?\s+(?:more\s+)?{_TONE}\s+(?:stance|tone|slant|angle|"
       rf"perspective)\s*[.:]?\s*$)"),
    _p("length_instruction", "prompt", 0.8,
       "a rewrite or writing order with a word budget: a prompt's constraint",
       rf"\b(?:{_REWRITE}|write)\b[^.\n]{{0,60}}?\b(?:in|within|under|to|no\s+more\s+than|"
       rf"at\s+most|about|around)\s+\d{{2,4}}\s+words\b"),
    _p("role_prompt", "prompt", 0.85,
       "the role line that opens a prompt (\"You are a journalist. Rewrite ...\")",
       r"\byou\s+are\s+an?\s+(?:\w+\s+){0,2}(?:journalist|news\s+writer|reporter|copywriter|"
       r"editor)\s*[.,]\s*(?:re-?write|paraphrase|rephrase|write|your\s+task)\b"),
    # -- refusals and disclaimers: the model speaking about itself ---------------------------
    _p("ai_self_reference", "refusal", 0.95,
       "a text that calls its writer an AI model or assistant: no reporter describes "
       "themself so",
       rf"\b(?:as|I\s+am|I'm|I\s+am\s+just|I'm\s+just|being)\s+{_SELF}\b"),
    _p("cannot_fulfil", "refusal", 0.95,
       "a first-person refusal of a request or task: the model declining the prompt",
       r"\bI(?:\s+cannot|\s+can't|\s+can\s+not|\s+am\s+unable\s+to|'m\s+unable\s+to|"
       r"\s+am\s+not\s+able\s+to|'m\s+not\s+able\s+to|\s+won't\s+be\s+able\s+to)\s+"
       r"(?:fulfil+|complete|comply\s+with|assist\s+with|help\s+with|generate|create|produce|"
       r"rewrite|write|provide|continue)\s+(?:this|that|your|the|such\s+an?)\s+(?:\w+\s+){0,2}"
       r"(?:request|task|prompt|article|content|story|rewrite|instructions?)\b"),
    _p("sorry_refusal", "refusal", 0.9,
       "\"I'm sorry, but\" followed by a refusal of a request or by the model naming itself",
       r"\bI(?:'m|\s+am)\s+(?:sorry|afraid),?\s+but\s+(?:as\s+an?\s+AI\b|I\s+(?:cannot|can't|"
       r"can\s+not|am\s+unable|'m\s+unable|am\s+not\s+able|'m\s+not\s+able)\b[^.\n]{0,40}?"
       r"\b(?:request|task|prompt|generate|rewrite|create|produce|fulfil+|comply))"),
    _p("policy_refusal", "refusal", 0.9,
       "a refusal that cites a model's guidelines or policy",
       r"\b(?:against|violates?|violate)\s+(?:my|OpenAI's|OpenAI|the)\s+(?:\w+\s+)?"
       r"(?:guidelines|content\s+polic(?:y|ies)|usage\s+polic(?:y|ies)|programming)\b"),
    _p("knowledge_cutoff", "refusal", 0.9,
       "a model's training date, which only a model speaks of",
       r"\b(?:my\s+(?:knowledge|training)\s+(?:cut-?off|data)|as\s+of\s+my\s+(?:last\s+)?"
       r"(?:knowledge\s+|training\s+)?(?:update|cut-?off))\b"),
    _p("generated_disclaimer", "refusal", 0.75,
       "a disclaimer that the text is fictional or model-made; honest newsrooms disclose AI "
       "use too, so the confidence is lower",
       r"\b(?:this|the\s+(?:above|following))\s+(?:article|text|story|content|piece|news|"
       r"rewrite|version)\s+"
       r"(?:is|was|has\s+been)\s+(?:entirely\s+|purely\s+)?(?:a\s+)?(?:fictional|fabricated|"
       r"hypothetical|(?:generated|written|created|produced)\s+(?:by|using|with)\s+"
       r"(?:an?\s+)?(?:AI|artificial\s+intelligence|ChatGPT|GPT|a\s+language\s+model|"
       r"language\s+model))\b"),
    # -- chatter: the model talking to whoever asked ----------------------------------------
    _p("here_is_rewrite", "chatter", 0.95,
       "the model presenting its answer (\"Here is the rewritten article\")",
       r"\bhere(?:'s|\s+is|\s+are)\s+(?:a|an|the|your|my)\s+(?:\w+\s+){0,2}?(?:rewritten|"
       r"re-written|paraphrased|rephrased|reworded|reframed|restyled|sensationali[sz]ed)\s+"
       r"(?:\w+\s+){0,2}?(?:version|article|text|story|piece|draft|headline|content|rewrite)s?\b"),
    _p("here_is_version", "chatter", 0.85,
       "the model presenting its answer with a colon (\"Here's a revised version:\"); without "
       "the colon, \"here is the new version\" is ordinary speech",
       r"\bhere(?:'s|\s+is|\s+are)\s+(?:a|an|the|your|my)\s+(?:\w+\s+){0,2}?(?:revised|"
       r"requested|modified|edited|updated|new|possible|alternative)\s+(?:\w+\s+){0,2}?"
       r"(?:version|article|text|story|piece|draft)s?(?:\s+of\s+(?:the|this|your)\s+"
       r"(?:\w+\s+){0,2}?(?:article|text|story|news|piece))?\s*:"),
    _p("sure_here", "chatter", 0.9,
       "an assistant's opening (\"Sure! Here's\", \"Certainly, I'd be happy to\")",
       rf"{_OPEN}(?:sure|certainly|of\s+course|absolutely)\s*[!,.]\s*(?:here(?:'s|\s+is|\s+are)\b|"
       rf"I(?:'d|\s+would|'ll|\s+will|\s+can)\s+(?:be\s+(?:happy|glad)\s+to|help|rewrite|"
       rf"paraphrase))"),
    _p("model_note", "chatter", 0.9,
       "a \"Note:\" in which the text speaks of itself as a rewrite, a fiction or a model's "
       "work; newsroom notes say what was corrected or updated",
       r"\b(?:note|disclaimer|please\s+note)\s*:\s*(?:this|the\s+(?:above|following))\s+"
       r"(?:\w+\s+){0,2}?(?:article|text|story|version|rewrite|piece|content)\s+"
       r"(?:is|was|has\s+been|contains|includes|does\s+not)\s+(?:\w+\s+){0,2}?(?:rewritten|"
       r"paraphrased|rephrased|reworded|generated|fictional|fabricated|hypothetical|satirical|"
       r"for\s+illustrative|intended\s+(?:for|as)|based\s+on\s+the\s+(?:original|provided|given)|"
       r"reflect)"),
    _p("note_self", "chatter", 0.9,
       "a \"Note:\" written in the first person by the model (\"Note: I have ...\")",
       r"\b(?:note|disclaimer)\s*:\s*(?:I\s+(?:have|had|was|cannot|can't|am|added|changed|"
       r"removed|kept|used|made|tried)|as\s+an?\s+AI)\b"),
    _p("help_offer", "chatter", 0.9,
       "the model's closing offer of more help, addressed to whoever asked",
       r"\b(?:I\s+hope\s+this\s+(?:helps|meets\s+your|works)|let\s+me\s+know\s+if\s+you\s+"
       r"(?:need|would\s+like|want|have)\s+(?:any\s+)?(?:further|more|other|additional)?\s*"
       r"(?:changes|edits|revisions|adjustments|modifications|help|assistance))\b"),
    _p("rewrite_label", "chatter", 0.9,
       "a label introducing the output (\"Rewritten article:\", \"Original text:\")",
       rf"{_OPEN}[*#]*(?:rewritten|paraphrased|rephrased|reworded|revised|reframed|restyled|"
       rf"original|modified)\s+(?:article|text|version|story|news)\s*:"),
    _p("in_this_version", "chatter", 0.85,
       "the model explaining its own rewrite (\"In this rewritten version, ...\")",
       r"\bin\s+(?:this|the\s+above)\s+(?:rewritten|revised|paraphrased|rephrased|reworded|"
       r"reframed|restyled)\s+"
       r"(?:version|article|text)\b"),
    # -- placeholders: a template's empty slots ---------------------------------------------
    _p("bracket_slot", "placeholder", 0.9,
       "a capitalised slot name alone in square brackets; editors' brackets in quotes hold "
       "words of the sentence (\"[the minister]\"), not a slot to fill",
       r"\[(?i:insert|add|include|enter)\b[^\[\]\n]{0,60}\]|"
       r"\[(?i:(?:your|reporter's|author's|journalist's|writer's|source's|expert's|official's|"
       r"company's|spokesperson's)\s+(?:name|title|quote|organi[sz]ation))\]|"
       r"\[(?:Name|NAME|Full Name|First Name|Last Name|Author|AUTHOR|Date|DATE|City|CITY|"
       r"Location|LOCATION|Country|State|Quote|QUOTE|Source|SOURCE|Link|LINK|URL|Number|"
       r"Reporter|Company|Company Name|Organization|Organisation|Title|Headline|HEADLINE|"
       r"Expert|Official|Spokesperson|Percentage|Amount|Year|Month|Day|Time|Place|Outlet|"
       r"News Outlet|Publication|Website|Phone Number|Email)(?:\s+\d{1,2})?\]",
       flags=0),
    _p("brace_slot", "placeholder", 0.8,
       "a template variable in braces (\"{city}\"); news text has no braces around a word",
       r"\{\{?\s*[A-Za-z][A-Za-z0-9_]{1,30}\s*\}\}?"),
    _p("x_figure", "placeholder", 0.85,
       "a figure written as X's (\"XX%\", \"$X million\"): a number slot left unfilled",
       r"(?<![A-Za-z0-9])(?:\$\s?X{1,3}(?:[.,]X{1,3})*(?:\s+(?:million|billion|thousand)\b)?|"
       r"X{1,3}(?:[.,]X{1,3})*\s?(?:%|per\s?cent\b)|(?:19|20)XX\b)(?![A-Za-z])",
       flags=0),
    _p("lorem_ipsum", "placeholder", 0.95,
       "filler text of page templates",
       r"\blorem\s+ipsum\b"),
    # -- markup: chat formatting a news page does not show ----------------------------------
    _p("title_label", "markup", 0.8,
       "a line that opens with \"Title:\" or \"Headline:\": the model labelling its output",
       r"^[ \t*#]*(?:title|headline|sub-?headline|subtitle)\s*:[ \t]*[^\s:][^\n]{0,200}"),
    _p("markdown_bold", "markup", 0.7,
       "words between double asterisks: markdown bold that was never rendered (asterisks "
       "inside a word censor it: \"f***ing\" is not matched)",
       r"(?<![\w*])\*\*(?=[^\s*])[^*\n]{1,150}(?<=[^\s*])\*\*(?![\w*])"),
    _p("markdown_heading", "markup", 0.7,
       "a line opening with hashes and a space before a capitalised word: a markdown "
       "heading (a press release's closing \"###\" stands alone and is not matched)",
       r"^[ \t]*#{1,6}[ \t]+[A-Z\"'“][^\n]{0,150}", flags=0),
    _p("html_tag", "markup", 0.6,
       "an HTML tag left in the text (\"<br>\", \"</p>\"); readers strip real markup, so a "
       "tag that survives was written into the text",
       r"<\s*/?\s*(?:br|p|b|i|strong|em|h[1-6]|div|span|ul|li)\s*/?\s*>"),
    _p("paragraph_label", "markup", 0.8,
       "a line or sentence that opens with \"Paragraph 2:\": the model numbering its output "
       "(\"Section 2:\" is left out: laws and reports number their sections so)",
       rf"{_OPEN}(?:paragraph|para)\s+\d{{1,2}}\s*:"),
)

_QUOTES = "\"“”"
_CHATBOT = re.compile(r"\b(?:chat\s?gpt|chatbots?|gpt-?\d|openai|bard|gemini|claude|copilot|"
                      r"llama|language\s+models?|AI\s+(?:model|assistant|tool|system)s?)\b",
                      re.IGNORECASE)
_QUOTABLE: frozenset[ResidueKind] = frozenset({"prompt", "refusal", "chatter"})


def find_residue(text: str) -> list[ResidueMatch]:
    """Every residue pattern's matches in ``text`` (its first :data:`MAX_CHARS`
    characters), by position. Overlapping matches are one leftover ("Sure! Here's the
    rewritten article" meets two patterns): they merge into one match, named by the most
    confident of their patterns."""
    text = text[:MAX_CHARS]
    found: list[tuple[int, int, ResiduePattern]] = []
    for pattern in PATTERNS:
        for m in pattern.regex.finditer(text):
            start, end = _trimmed(text, m.start(), m.end())
            if end > start:
                found.append((start, end, pattern))
    found.sort(key=lambda f: (f[0], -f[1]))
    merged: list[tuple[int, int, ResiduePattern]] = []
    for start, end, pattern in found:
        if merged and start < merged[-1][1]:
            first, last, best = merged[-1]
            merged[-1] = (first, max(last, end),
                          pattern if pattern.confidence > best.confidence else best)
        else:
            merged.append((start, end, pattern))
    return [ResidueMatch(p, start, end, text[start:end]) for start, end, p in merged]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without the blanks at its ends (a pattern anchored at a sentence
    start takes the space before it)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def residue_findings(article: Article, sentences: Sequence[Sentence]) -> list[Finding]:
    """``machine_residue`` findings for ``article``, each placed in its sentence."""
    starts = [s.start for s in sentences]
    findings = []
    for match in find_residue(article.text):
        index = _sentence_at(sentences, starts, match.start)
        sentence = sentences[index] if index is not None else None
        findings.append(_finding(match, sentence))
    return findings


def _sentence_at(sentences: Sequence[Sentence], starts: list[int], offset: int) -> int | None:
    """The sentence holding ``offset``, else the next one (the match began in the gap
    between two sentences), else the last."""
    if not sentences:
        return None
    at = bisect.bisect_right(starts, offset) - 1
    if at >= 0 and offset < sentences[at].end:
        return at
    return min(at + 1, len(sentences) - 1)


def _finding(match: ResidueMatch, sentence: Sentence | None) -> Finding:
    pattern = match.pattern
    confidence = pattern.confidence
    reason = ""
    if sentence is not None and pattern.kind in _QUOTABLE:
        before = sentence.text[:max(0, match.start - sentence.start)]
        quoted = (before.count('"') % 2 == 1
                  or before.count("“") > before.count("”"))
        rest = sentence.text.replace(match.text, " ")
        if quoted or _CHATBOT.search(rest):
            confidence *= 0.5  # reporting on a chatbot quotes exactly these words
            reason = (" The words may be quoted: they stand inside quotation marks or in a "
                      "sentence about a chatbot, so the confidence is halved.")
    excerpt = " ".join(match.text.split())[:_EXCERPT_CHARS]
    label = {"prompt": "a leftover prompt", "refusal": "a model's refusal or disclaimer",
             "chatter": "a model's chatter", "placeholder": "an unfilled placeholder",
             "markup": "a markup artefact"}[pattern.kind]
    message = (f"Machine-rewrite residue, {label}: \u201c{excerpt}\u201d. Why it is not "
               f"news language: {pattern.why}.{reason}")
    index = sentence.index if sentence is not None else None
    evidence = (Evidence("sentence", excerpt, None, index),
                Evidence("computation", f"residue pattern {pattern.name} ({pattern.kind})"))
    return Finding("machine_residue", _SEVERITY[pattern.kind], round(confidence, 3), message,
                   index, match.start, match.end, evidence, residue=pattern.kind)

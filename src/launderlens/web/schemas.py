"""The REST API's request and response bodies as pydantic models: what /openapi.json
describes. Responses are built by the library's own ``as_dict`` methods (so ``POST
/api/analyze`` answers exactly what ``launderlens analyze --json`` prints); these models
describe those dicts, and the tests check every answer against them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel
from pydantic.json_schema import SkipJsonSchema

MAX_TEXT = 2_000_000
MAX_FIELD = 4096

ReadFormat = Literal["auto", "text", "html", "json", "csv", "feed", "warc", "wacz"]
CatalogueFormat = Literal["claimreview", "factcheck-api", "csv", "jsonl"]
#: An RFC 3339 datetime, or a date (YYYY-MM-DD), or another ISO 8601 spelling that
#: ``datetime.fromisoformat`` reads; a naive time is UTC. A string, not a datetime, in the
#: models: pydantic would also take a number as a Unix time, which is not documented.
PUBLISHED_DOC = {"format": "date-time"}
#: Years 2 to 9998: at year 1 or 9999 an offset can move the instant out of the range a
#: datetime holds (0001-01-01T00:00+05:00 is in year 0), which the endpoint must refuse.
PUBLISHED_YEAR = (r"^(000[2-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-8][0-9]{3}|9[0-8][0-9]{2}"
                  r"|99[0-8][0-9]|999[0-8])")
Published = Annotated[str, Field(max_length=64, pattern=PUBLISHED_YEAR,
                                 json_schema_extra=PUBLISHED_DOC,
                                 description="ISO 8601 date or datetime, in the years 2 to "
                                 "9998; naive is UTC")]
_ARTICLE_FIELDS = "text|title|url|outlet|domain|section|byline|author|published|language|id"
#: A character that no whitespace rule in play calls space: not JSON Schema's (ECMA) \s,
#: not pydantic's (Unicode White_Space) and not what Python's str.strip() removes, which
#: adds the separators \x1c-\x1f and \x85. A schema-valid value is then never found
#: blank by the endpoint.
VISIBLE = r"[^\s\x1c-\x1f\x85]"
_MAP_ENTRY = rf"[ \t\r\n]*({_ARTICLE_FIELDS})[ \t\r\n]*=[^,=]*[^,=\s\x1c-\x1f\x85][^,=]*"
#: ``text=body,title=headline``: article fields on the left, the file's names on the right.
ARTICLE_MAP = rf"^{_MAP_ENTRY}(,{_MAP_ENTRY})*$"
# The pattern on the string itself: on the field of a ``str | None`` union, pydantic leaves
# it out of the JSON schema, and the description would allow any map.
ArticleMap = Annotated[str, Field(pattern=ARTICLE_MAP, max_length=1000)]
#: An article's text: not blank (the pattern finds one visible character anywhere).
ArticleText = Annotated[str, Field(min_length=1, max_length=MAX_TEXT, pattern=VISIBLE,
                                   description="The article's text; not blank")]


class _Request(BaseModel):
    # A misspelt field would otherwise vanish silently.
    model_config = ConfigDict(extra="forbid")


# -- errors -------------------------------------------------------------------------------------

class ErrorDetail(BaseModel):
    where: str
    problem: str


class ErrorBody(BaseModel):
    code: str = Field(description="A stable machine-readable name: not_found, too_large, ...")
    message: str = Field(description="What went wrong, for a person.")
    details: list[ErrorDetail] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody


# -- requests -----------------------------------------------------------------------------------

class AnalyzeRequest(_Request):
    """One article to analyse. ``published`` is ISO 8601; a naive time is taken as UTC."""

    text: ArticleText
    title: str | None = Field(default=None, max_length=MAX_FIELD)
    outlet: str | None = Field(default=None, max_length=MAX_FIELD)
    url: str | None = Field(default=None, max_length=MAX_FIELD)
    published: Published | None = None


class AnalyzeUpload(BaseModel):
    """A file holding the article (text, HTML, JSON, CSV, feed, WARC or WACZ); its first
    article is analysed. The other fields fill in what the file does not say. (A form
    field is absent or a value, never null, hence the skipped nulls.) A file that holds
    no article is answered 422 ``unusable_input`` with the reader's reason."""

    file: bytes = Field(json_schema_extra={"format": "binary"})
    format: ReadFormat = Field(default="auto", description="auto: detected from the file")
    map: ArticleMap | SkipJsonSchema[None] = Field(
        default=None,
        description="JSON field or CSV column names, as in text=body,title=headline")
    title: str | SkipJsonSchema[None] = Field(default=None, max_length=MAX_FIELD)
    outlet: str | SkipJsonSchema[None] = Field(default=None, max_length=MAX_FIELD)
    url: str | SkipJsonSchema[None] = Field(default=None, max_length=MAX_FIELD)
    published: Published | SkipJsonSchema[None] = None


class StoredSide(_Request):
    """A stored article: its id, or a unique prefix of it (4 hex digits or more)."""

    id: str = Field(pattern=r"^[0-9a-fA-F]{4,64}$")


class TextSide(_Request):
    """A text to compare, with what is known of it."""

    text: ArticleText
    title: str | None = Field(default=None, max_length=MAX_FIELD)
    outlet: str | None = Field(default=None, max_length=MAX_FIELD)
    published: Published | None = None


CompareSide = StoredSide | TextSide


class CompareRequest(_Request):
    """``b`` (the copy) is aligned onto ``a`` (the source)."""

    a: CompareSide
    b: CompareSide


class IngestArticle(BaseModel):
    """One article to store; unknown fields are kept in ``meta``. A record without its
    text (``text``, or the field the ``map`` names) is not refused: it is listed in the
    answer's ``rejected`` with the reason, and the other records are stored."""

    model_config = ConfigDict(extra="allow")

    # Collected exports vary: a field may be a number, a schema.org {"name": ...} object
    # or a list, and the reader makes text of it. Which field holds the text depends on
    # ``map``; a record whose text is missing or not a string is rejected, not refused.
    text: Any = Field(default=None, description="The article's text (a string)")
    title: Any = None
    url: Any = None
    outlet: Any = None
    domain: Any = None
    section: Any = None
    byline: Any = None
    published: Any = Field(default=None, description="ISO 8601, RFC 2822, or Unix time; "
                           "one that does not parse is kept in meta")
    language: Any = None


class IngestBatch(BaseModel):
    articles: list[IngestArticle]


class IngestRequest(RootModel[IngestArticle | list[IngestArticle] | IngestBatch]):
    """One article, a list of them, or ``{"articles": [...]}``."""


class IngestUpload(BaseModel):
    """A file of articles (JSON, JSON Lines, CSV, text, HTML, feed, WARC or WACZ). A CSV
    file's article text is in the column ``text`` unless ``map`` names another."""

    file: bytes = Field(json_schema_extra={"format": "binary"})
    format: ReadFormat = Field(default="auto", description="auto: detected from the file")
    map: ArticleMap | SkipJsonSchema[None] = Field(
        default=None,
        description="JSON field or CSV column names, as in text=body,title=headline")


class NarrativeImportUpload(BaseModel):
    """A file of fact-checks or narratives for the catalogue. ``map`` applies to csv and
    jsonl (for the other formats it is ignored, and the answer's ``notes`` say so); it
    must map ``claim``, each field once, to columns the file has: a map or file that
    breaks this is answered 422 ``unusable_input`` with the reason."""

    file: bytes = Field(json_schema_extra={"format": "binary"})
    format: CatalogueFormat
    map: str | SkipJsonSchema[None] = Field(default=None, max_length=4096,
                                            description="For csv/jsonl: claim=title,id=id")
    list_sep: str | SkipJsonSchema[None] = Field(
        default=None, max_length=8, description="Separator inside list cells (empty: ;)")


# -- responses ----------------------------------------------------------------------------------

class SentenceOut(BaseModel):
    index: int
    text: str
    start: int
    end: int


class AnalyzedArticle(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    reference_date: str | None
    reference_date_source: str
    sentences: list[SentenceOut]


class ClaimOut(BaseModel):
    sentence: int
    score: float
    type: str
    check_worthy: bool
    features: list[str]


class AttributionOut(BaseModel):
    sentence: int
    source: str | None
    kind: str
    affiliation: str | None
    start: int | None
    end: int | None


class EvidenceOut(BaseModel):
    kind: str
    text: str
    source: str | None
    sentence: int | None


class FindingOut(BaseModel):
    kind: str
    severity: str
    confidence: float
    message: str
    sentence: int | None
    start: int | None
    end: int | None
    evidence: list[EvidenceOut]
    residue: str | None = None  # set on machine_residue findings only: what was left over
    technique: str | None = None  # set on propaganda_technique findings only: its label


class KnowledgeBaseOut(BaseModel):
    as_of: str | None


class AnalysisOut(BaseModel):
    """What ``launderlens analyze --json`` prints for one article."""

    article: AnalyzedArticle
    claims: list[ClaimOut]
    attributions: list[AttributionOut]
    findings: list[FindingOut]
    errors: list[str]
    knowledge_base: KnowledgeBaseOut
    #: Elapsed-time claims about dated events against the KB dates.
    timeline: list[dict[str, Any]] = []
    #: What ran: claims (cues, model, +embeddings), narrative_matching (bm25, bm25+encoder),
    #: techniques (cues, cues+encoder, model).
    provenance: dict[str, str | None] = {}


class ComparedSide(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    sentences: list[SentenceOut]


class PairOut(BaseModel):
    a: list[int]
    b: list[int]
    relation: str
    score: float


class ChangeOut(BaseModel):
    a: int
    b: int
    kind: str
    a_text: str
    b_text: str


class CoverageOut(BaseModel):
    a: float
    b: float


class AnchorsOut(BaseModel):
    overlap: float
    shared: list[str]


class ComparisonOut(BaseModel):
    """What ``launderlens compare --json`` prints."""

    a: ComparedSide
    b: ComparedSide
    similarity: float
    same_story: bool
    story_score: float
    coverage: CoverageOut
    anchors: AnchorsOut
    method: str
    pairs: list[PairOut]
    added: list[int]
    dropped: list[int]
    changes: list[ChangeOut]


class RejectionOut(BaseModel):
    item: str
    reason: str


class IngestOut(BaseModel):
    """What ``launderlens ingest --json`` prints: ids stored, ids already there, and each
    rejected item with its reason (also recorded in the store)."""

    stored: list[str]
    duplicates: list[str]
    rejected: list[RejectionOut]


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    section: str | None
    published: str | None
    url: str | None


class ArticleList(BaseModel):
    articles: list[ArticleSummary]
    limit: int
    offset: int


class ArticleDetail(BaseModel):
    """Every stored field with the sentences (what ``launderlens show --json`` prints)."""

    id: str
    url: str | None
    outlet: str | None
    domain: str | None
    section: str | None
    title: str | None
    byline: str | None
    published: str | None
    language: str | None
    source_format: str
    meta: dict[str, Any]
    text: str
    sentences: list[SentenceOut]


class StorySummary(BaseModel):
    """A story as ``launderlens stories --json`` lists it."""

    id: str
    members: list[str]
    origin: str
    origin_reason: str
    origin_evidence: str
    first_published: str | None
    last_published: str | None
    similarity: list[float]
    cohesion: float
    key_terms: list[str]
    origin_title: str | None


class StoryList(BaseModel):
    stories: list[StorySummary]


class StoryDetail(BaseModel):
    """What ``launderlens story --json`` prints: members compared with the origin."""

    model_config = ConfigDict(extra="allow")

    id: str
    origin: str
    origin_reason: str
    origin_evidence: str
    first_published: str | None
    key_terms: list[str]
    members: list[dict[str, Any]]
    skeleton: list[dict[str, Any]]
    missing_articles: list[str]


class ReportOut(RootModel[dict[str, Any]]):
    """A report, schema launderlens.report/1 (launderlens/report/schema.json describes it)."""


class NarrativeOut(BaseModel):
    id: str
    claim: str
    title: str | None
    phrasings: list[str]
    rating: str | None
    summary: str | None
    urls: list[str]
    first_seen: str | None
    debunked: str | None
    language: str | None
    tags: list[str]
    publisher: str | None
    claimant: str | None
    origin: str | None


class NarrativeList(BaseModel):
    total: int
    records: list[NarrativeOut]


class MatchOut(BaseModel):
    record: str
    score: float
    shared_terms: int
    phrasing_terms: int
    fused: float
    bm25: float
    cosine: float | None
    retriever: str
    phrasing: str
    claim: str
    title: str | None
    rating: str | None
    publisher: str | None
    summary: str | None
    urls: list[str]
    origin: str | None


class NarrativeSearch(BaseModel):
    query: str
    threshold: float
    results: list[MatchOut]


class ImportProblemOut(BaseModel):
    position: str
    reason: str


class NarrativeImportOut(BaseModel):
    added: int
    updated: int
    unchanged: int
    problems: list[ImportProblemOut]
    catalogue_size: int
    notes: list[str] = Field(description="What was done other than asked, and why (a "
                             "field map ignored for a format that takes none)")


INVALID_422 = "invalid_request: the request breaks this description"
_ERROR_DESCRIPTIONS = {
    400: "Bad argument or malformed JSON", 401: "Missing or wrong token",
    403: "Refused as cross-site", 404: "Not found", 413: "Request body over the size cap",
    415: "Unsupported Content-Type",
    422: INVALID_422,
    503: "The store cannot answer",
}
#: The 422 of an operation that reads what it is sent: a request may follow this description
#: and still hold nothing usable, which no schema can say in advance.
UNUSABLE_422 = ("invalid_request: the request breaks this description; unusable_input: it "
                "follows the description, but what it sends cannot be used (the message "
                "says why: a file that holds no article, a field map the file's columns do "
                "not fit)")


def error_responses(*statuses: int, unusable: bool = False
                    ) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, each an :class:`ErrorOut`; with
    ``unusable``, the 422 also documents ``unusable_input`` (:data:`UNUSABLE_422`)."""
    responses: dict[int | str, dict[str, Any]] = {
        status: {"model": ErrorOut, "description": _ERROR_DESCRIPTIONS[status]}
        for status in statuses}
    if unusable:
        responses[422] = {"model": ErrorOut, "description": UNUSABLE_422}
    return responses

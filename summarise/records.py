"""Typed records that flow through the pipeline.

Every record is a frozen dataclass. Offsets (``start``/``end``) are character offsets into
``Article.body`` (the cleaned article text) so that any sentence, summary sentence or claim can be
traced back to the words of the source.

This module imports nothing of ours: every other room may use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Claim kinds. Keep in step with summarise.claims.
CLAIM_KINDS = ("person", "organisation", "place", "nationality", "number", "date", "quote", "other")


@dataclass(frozen=True)
class Dropped:
    """A line of the raw input that segmentation left out of the body, and why."""

    text: str
    reason: str
    line: int  # 0-based line number in the decoded input


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int  # index into Article.paragraphs
    index: int  # position in Article.sentences


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive article sentences that fits a model's input budget."""

    sentence_indices: tuple[int, ...]
    text: str
    n_tokens: int


@dataclass(frozen=True)
class Article:
    """A segmented article: clean body, metadata, paragraphs and sentences."""

    body: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    language: str  # ISO 639-1 code, e.g. "en", "ar"
    path: str | None = None
    title: str | None = None
    standfirst: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    dateline: str | None = None
    captions: tuple[str, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    encoding: str = "utf-8"
    language_score: float | None = None
    input_format: str = "text"  # "text", "markdown" or "html"
    # Indices into ``paragraphs`` of subheadings. They stay in the body (they are the author's words);
    # a summariser may skip them.
    headings: tuple[int, ...] = ()
    # Line numbers (as in Dropped.line) of the input lines whose text is in the body.
    body_lines: tuple[int, ...] = ()
    # What reading the input had to repair that the reader should know (invalid bytes replaced, ...).
    input_warnings: tuple[str, ...] = ()

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence whose span covers ``offset`` in the body, if any."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


@dataclass(frozen=True)
class SummarySentence:
    text: str
    # Indices of the article sentences this sentence was taken or generated from. For extractive
    # summaries this is the one sentence it copies (two when the first announces the second: "He said:"
    # and the quotation); for abstractive ones, the sentences of the chunk(s) that produced it.
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class Summary:
    language: str
    sentences: tuple[SummarySentence, ...]
    model: str  # registry name
    method: str  # "extractive" or "abstractive"
    coverage: float = 1.0  # share of the article's sentences the model saw (0..1)
    chunks: int = 1
    repairs: tuple[str, ...] = ()  # human-readable notes of repairs made by the claim checker
    backend: str | None = None  # how its generator ran ("ctranslate2 int8 cpu"); None: no generator

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(s.text for s in self.sentences)


@dataclass(frozen=True)
class Translation:
    source_language: str
    target_language: str
    sentences: tuple[str, ...]  # aligned one-to-one with the sentences translated
    model: str
    backend: str | None = None  # how its generator ran ("ctranslate2 int8 cpu")


@dataclass(frozen=True)
class Unavailable:
    """A half of the brief that could not be produced, and how the user gets it."""

    language: str
    task: str  # "summarise" or "translate"
    reason: str
    model: str | None = None  # registry name that would provide it
    pull_command: str | None = None


@dataclass(frozen=True)
class Claim:
    """A checkable fact: a name, number, date or quote, with where it was found."""

    text: str
    kind: str  # one of CLAIM_KINDS
    key: str  # normalised form used for matching
    in_source: bool
    in_en: bool | None = None  # None: not checkable in that language (or no such brief)
    in_ar: bool | None = None
    start: int | None = None  # offsets into Article.body, when found in the source
    end: int | None = None
    speaker: str | None = None  # for quotes
    origin: str = "source"  # "source" or the language of the brief sentence it was found in
    sentence: int | None = None  # index of the article sentence holding it
    value: str | None = None  # resolved value: "2000", "4500000000 USD", "2025-06-02", "16:00"
    brief_sentence: int | None = None  # index of the brief sentence that states it, when one does
    brief_spans: tuple[tuple[int, int, int], ...] = ()  # (brief sentence, start, end): each place it is stated
    salient: bool = False  # a key claim of the article (lead entity, number, quote): counts for coverage
    in_round_trip: bool | None = None  # found again after translating the other brief back; None: not run
    note: str | None = None  # why a claim is unsupported or not carried over, in words
    # Languages whose brief says something else where the article has this claim (the brief's 3,000 where
    # the article says 2,000), and what it says: "contradicted", where in_<language> False alone means
    # only that the brief leaves the claim out.
    contradicted_in: tuple[str, ...] = ()
    contradicted_by: str | None = None
    dropped_in: tuple[str, ...] = ()  # languages whose translation lost a claim the summary states

    def status(self, language: str) -> str | None:
        """How the brief in ``language`` holds this claim: "stated"; "contradicted" (it says something
        else in its place); "dropped in translation"; "not in brief" (a claim of the article this brief
        leaves out, which is no error: a brief is short); None when not checked in that language."""
        found = self.in_en if language == "en" else self.in_ar if language == "ar" else None
        if found is None:
            return None
        if found:
            return "stated"
        if language in self.contradicted_in:
            return "contradicted"
        if language in self.dropped_in:
            return "dropped in translation"
        return "not in brief"


@dataclass(frozen=True)
class ModelUse:
    """Which model did a job, for the brief's provenance."""

    role: str  # "summariser", "translator:en-ar", "ner", ...
    name: str
    hub_id: str | None = None
    revision: str | None = None
    licence: str | None = None
    commercial_use: bool = True
    path: str | None = None
    backend: str | None = None  # how a generator ran: "ctranslate2 int8 cpu", "transformers float32 cuda"


@dataclass(frozen=True)
class Brief:
    article: Article
    summary: Summary
    translations: tuple[Translation, ...] = ()
    claims: tuple[Claim, ...] = ()
    models: tuple[ModelUse, ...] = ()
    unavailable: tuple[Unavailable, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def sentences(self, language: str) -> tuple[str, ...] | None:
        """The brief's sentences in ``language``, or None when that half is unavailable."""
        if self.summary.language == language:
            return self.summary.texts
        for translation in self.translations:
            if translation.target_language == language:
                return translation.sentences
        return None

    def translation(self, language: str) -> Translation | None:
        for translation in self.translations:
            if translation.target_language == language:
                return translation
        return None

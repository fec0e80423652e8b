"""Pydantic classes passed between the stages: ingest -> extract -> rdf.

Every extracted fact carries a :class:`Span`, character offsets into
``Document.text``, so a user can jump from the graph back to the source.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

Language = Literal["en", "zh-Hans", "zh-Hant"]
DateMethod = Literal["explicit", "inferred", "missing"]
Measure = Literal["level", "change"]
Unit = Literal["person", "CNY", "percent", "count"]
Qualifier = Literal["more_than", "about", "less_than"]
SpeakerKind = Literal["official", "moderator", "reporter", "narrator"]
ProgrammeKind = Literal["campaign", "policy", "programme", "system", "pilot"]


class Span(BaseModel):
    """A stretch of the document text: ``text == document.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Document(BaseModel):
    """One briefing file, decoded, with the metadata ingest could find."""

    id: str  # file stem
    path: str
    sha256: str
    encoding: str
    format: Literal["txt", "md", "html"]
    language: Language
    title: str | None = None
    date: dt.date | None = None
    date_method: DateMethod = "missing"
    text: str


class Observation(BaseModel):
    """A figure measuring an indicator, as stated in one sentence."""

    indicator: str | None  # catalogue key (skos:notation); None = uncatalogued
    label: str  # the quantity as the text names it, e.g. "new urban jobs"
    measure: Measure = "level"
    period: str  # gold form: 2023 | 2023-03 | 2023-01/2023-03 | 2013/2022
    value: float
    unit: Unit
    qualifier: Qualifier | None = None
    evidence: Span  # the sentence
    value_span: Span | None = None  # the number as written


class Person(BaseModel):
    """An official (or other named person) as the document names them."""

    name: str  # pinyin, family name first as English reports write it
    name_zh: str | None = None


class Post(BaseModel):
    """A person's role in an organization, dated by the document's event."""

    person: str  # Person.name
    role: str  # lower case, as stated: "vice minister", "spokesperson"
    organization: str  # organization key from ontology/organizations.ttl, or its English name if uncatalogued
    date: dt.date | None = None
    evidence: Span | None = None


class Statement(BaseModel):
    """What one speaker said: a transcript turn, or the part of a news report
    that a named spokesperson presented."""

    speaker: str | None  # Person.name for officials/moderators; None when unknown
    kind: SpeakerKind
    outlet: str | None = None  # for reporters: the media outlet
    span: Span


class Event(BaseModel):
    """The press conference (or release) a document reports."""

    type: Literal["press_conference"] = "press_conference"
    date: dt.date | None
    organizer: str | None  # organization key
    title: str | None = None
    series: str | None = None
    moderator: str | None = None  # Person.name
    speakers: list[str] = []  # Person.name, in order of appearance


class ProgrammeMention(BaseModel):
    """A named policy, programme, campaign, pilot or system in one sentence."""

    name: str  # canonical English name (catalogue prefLabel) or the text's own
    key: str | None = None  # programme catalogue key; None = not catalogued
    name_zh: str | None = None
    kind: ProgrammeKind
    action: Literal["launched", "extended", "expanded", "piloted", "planned", "implemented"] | None = None
    evidence: Span


class Extraction(BaseModel):
    """Everything extracted from one document; rdf.py turns it into quads."""

    document: Document
    event: Event | None = None
    persons: list[Person] = []
    posts: list[Post] = []
    statements: list[Statement] = []
    observations: list[Observation] = []
    programmes: list[ProgrammeMention] = []

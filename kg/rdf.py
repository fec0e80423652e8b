"""Extraction -> quads. Every IRI kg mints is built here, deterministically from the input."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from functools import cache
from urllib.parse import quote

import pyoxigraph as ox

from kg import catalog
from kg.model import Extraction, Span, Statement
from kg.namespaces import DCT, FOAF, ID, KG, OA, ORG, PROV, QB, RDF, RDFS, SCHEMA, SDMX_ATT, SDMX_DIM, SDMX_MEAS, SKOS, TIME, XSD

CATALOG_GRAPH = ox.NamedNode(ID + "graph/catalog")
# Facts that follow from an IRI alone (a person's name and key, an event's date and organizer, a
# period's bounds, a role's label) are written once here rather than into every document graph that
# mentions the entity: Oxigraph's union default graph keeps one copy per graph, and queries would
# see each such fact once per document. A build drops entities no document refers to any more.
ENTITY_GRAPH = ox.NamedNode(ID + "graph/entities")
DATASET = ox.NamedNode(ID + "dataset/briefings")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _t(prefix: str):
    """A factory of NamedNodes in one namespace, cached per local name."""
    return cache(lambda local: ox.NamedNode(prefix + local))


kg, rdf, rdfs, dct, prov, org, schema, oa, skos, time, qb, foaf = (
    _t(p) for p in (KG, RDF, RDFS, DCT, PROV, ORG, SCHEMA, OA, SKOS, TIME, QB, FOAF))
A = rdf("type")
_XSD_DATE = _n(XSD + "date")
_XSD_DECIMAL = _n(XSD + "decimal")
_XSD_INT = _n(XSD + "integer")


def slug(text: str) -> str:
    """A readable IRI path segment: lower case, hyphens; non-ASCII letters are kept (IRIs allow them)."""
    s = re.sub(r"[^\w]+", "-", text.strip().lower()).strip("-")
    return quote(s or "x", safe="-_")


def doc_iri(doc_id: str) -> ox.NamedNode:
    return _n(f"{ID}doc/{quote(doc_id, safe='-_.')}")


def person_iri(name: str) -> ox.NamedNode:
    from kg.text.names import person_key

    return _n(f"{ID}person/{quote(person_key(name), safe='-_')}")


def org_iri(key_or_name: str) -> ox.NamedNode:
    if entry := catalog.by_key("organizations").get(key_or_name):
        return _n(entry.iri)
    return _n(f"{ID}org/{slug(key_or_name)}")


def indicator_iri(key: str) -> ox.NamedNode:
    return _n(f"{ID}indicator/{quote(key, safe='-_')}")


def programme_iri(key: str | None, name: str) -> ox.NamedNode:
    return _n(f"{ID}programme/{quote(key, safe='-_') if key else slug(name)}")


def event_iri(organizer: str | None, date: dt.date | None, sha256: str) -> ox.NamedNode:
    """One event per organizer and date; without both, one per source text (copies of a file share it)."""
    if organizer and date:
        return _n(f"{ID}event/{slug(organizer)}/{date.isoformat()}")
    return _n(f"{ID}event/source/{sha256[:16]}")


def period_iri(period: str) -> ox.NamedNode:
    return _n(f"{ID}period/{period.replace('/', '_')}")


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a normalised period (2023, 2023-03, 2023-01/2023-03, 2013/2022)."""
    start, _, end = period.partition("/")
    return _first_day(start), _last_day(end or start)


def _first_day(p: str) -> dt.date:
    y, _, m = p.partition("-")
    return dt.date(int(y), int(m or 1), 1)


def _last_day(p: str) -> dt.date:
    y, _, m = p.partition("-")
    month = int(m or 12)
    return dt.date(int(y), month, calendar.monthrange(int(y), month)[1])


def _lit(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


def _date(d: dt.date) -> ox.Literal:
    return ox.Literal(d.isoformat(), datatype=_XSD_DATE)


def _int(i: int) -> ox.Literal:
    return ox.Literal(str(i), datatype=_XSD_INT)


def _decimal(x: float) -> ox.Literal:
    text = repr(float(x))
    if "e" in text or "E" in text:
        text = f"{x:.10f}".rstrip("0")
    return ox.Literal(text if "." in text else text + ".0", datatype=_XSD_DECIMAL)


_QUALIFIERS = {"more_than": "MoreThan", "about": "About", "less_than": "LessThan"}
_UNITS = {"person": "unit_person", "CNY": "unit_CNY", "percent": "unit_percent", "count": "unit_count"}


class _Graph:
    """Collects the quads of one document: its own named graph, and shared entity facts."""

    def __init__(self, graph: ox.NamedNode):
        self.graph = graph
        self.quads: list[ox.Quad] = []
        self._shared: dict[ox.Quad, None] = {}

    def add(self, s, p, o) -> None:
        self.quads.append(ox.Quad(s, p, o, self.graph))

    def shared(self, s, p, o) -> None:
        """A fact that follows from the subject's IRI alone, for the entity graph."""
        self._shared[ox.Quad(s, p, o, ENTITY_GRAPH)] = None

    def all(self) -> list[ox.Quad]:
        return self.quads + list(self._shared)

    def evidence(self, subject: ox.NamedNode, span: Span, doc: ox.NamedNode, prop: str = "evidence") -> None:
        ev = _n(subject.value + ("/evidence" if prop == "evidence" else "/" + prop))
        self.add(subject, kg(prop), ev)
        self.add(ev, A, kg("Evidence"))
        self.add(ev, oa("start"), _int(span.start))
        self.add(ev, oa("end"), _int(span.end))
        self.add(ev, oa("exact"), _lit(span.text))
        self.add(ev, dct("isPartOf"), doc)


def extraction_quads(ex: Extraction) -> list[ox.Quad]:
    """All quads of one document: its named graph, plus the entity facts it relies on (see ENTITY_GRAPH)."""
    from kg.text.names import person_key

    d = ex.document
    doc = doc_iri(d.id)
    g = _Graph(doc)
    lang = "en" if d.language == "en" else d.language
    g.add(doc, A, kg("Document"))
    g.add(doc, dct("identifier"), _lit(d.id))
    g.add(doc, kg("sourcePath"), _lit(d.path))
    g.add(doc, kg("sha256"), _lit(d.sha256))
    g.add(doc, kg("encoding"), _lit(d.encoding))
    g.add(doc, dct("format"), _lit(d.format))
    g.add(doc, dct("language"), _lit(d.language))
    g.add(doc, kg("dateMethod"), _lit(d.date_method))
    if d.title:
        g.add(doc, dct("title"), _lit(d.title, lang))
    if d.date:
        g.add(doc, dct("date"), _date(d.date))

    event = None
    if ex.event:
        e = ex.event
        event = event_iri(e.organizer, e.date, d.sha256)
        g.shared(event, A, kg("PressConference"))
        g.add(doc, schema("about"), event)
        g.add(event, schema("subjectOf"), doc)
        if e.date and e.organizer:  # both are in the event's IRI
            g.shared(event, schema("startDate"), _date(e.date))
            g.shared(event, schema("organizer"), org_iri(e.organizer))
        elif e.date:
            g.add(event, schema("startDate"), _date(e.date))
        if e.title:
            g.add(event, dct("title"), _lit(e.title, lang))
        if e.series:
            g.add(event, kg("series"), _lit(e.series))
        if e.moderator:
            g.add(event, kg("moderator"), person_iri(e.moderator))
        for name in e.speakers:
            g.add(event, kg("speaker"), person_iri(name))

    for p in ex.persons:
        person = person_iri(p.name)
        g.shared(person, A, foaf("Person"))
        g.shared(person, rdfs("label"), _lit(p.name, "en"))
        g.shared(person, foaf("name"), _lit(p.name, "en"))
        g.shared(person, kg("nameKey"), _lit(person_key(p.name)))
        if p.name_zh:
            g.add(person, rdfs("label"), _lit(p.name_zh, "zh" if d.language == "en" else d.language))
        g.add(doc, schema("mentions"), person)

    orgs = catalog.by_key("organizations")
    for i, post in enumerate(ex.posts):
        m = _n(f"{doc.value}/post/{i}")
        organization = org_iri(post.organization)
        role = _n(f"{ID}role/{slug(post.role)}")
        g.add(m, A, org("Membership"))
        g.add(m, org("member"), person_iri(post.person))
        g.add(m, org("organization"), organization)
        g.add(m, org("role"), role)
        g.shared(role, A, org("Role"))
        g.shared(role, rdfs("label"), _lit(post.role, "en"))
        if post.organization not in orgs:
            g.shared(organization, A, org("Organization"))
            g.shared(organization, rdfs("label"), _lit(post.organization, "en"))
        if post.date:
            g.add(m, kg("attestedOn"), _date(post.date))
        g.add(m, prov("wasDerivedFrom"), doc)
        if post.evidence:
            g.evidence(m, post.evidence, doc)

    statements = sorted(ex.statements, key=lambda s: s.span.start)
    starts = [s.span.start for s in statements]
    statement_iris = [_n(f"{doc.value}/statement/{i}") for i in range(len(statements))]
    for st, iri in zip(statements, statement_iris):
        g.add(iri, A, kg("Statement"))
        g.add(iri, dct("isPartOf"), doc)
        g.add(iri, kg("speakerRole"), _lit(st.kind))
        g.add(iri, schema("text"), _lit(st.span.text))
        g.add(iri, oa("start"), _int(st.span.start))
        g.add(iri, oa("end"), _int(st.span.end))
        if st.speaker and st.kind != "reporter":
            g.add(iri, prov("wasAttributedTo"), person_iri(st.speaker))
        if st.outlet:
            g.add(iri, kg("outlet"), _lit(st.outlet))
        if event:
            g.add(iri, prov("wasGeneratedBy"), event)

    def provenance(subject: ox.NamedNode, span: Span) -> None:
        """Link a fact to the statement containing its evidence, hence speaker and event."""
        i = bisect.bisect_right(starts, span.start) - 1
        st: Statement | None = statements[i] if i >= 0 and span.start < statements[i].span.end else None
        if st is not None:
            g.add(subject, prov("wasDerivedFrom"), statement_iris[i])
            if st.speaker and st.kind in ("official", "moderator", "narrator"):
                g.add(subject, prov("wasAttributedTo"), person_iri(st.speaker))
        else:
            g.add(subject, prov("wasDerivedFrom"), doc)
        if event:
            g.add(subject, prov("wasGeneratedBy"), event)

    for i, ob in enumerate(ex.observations):
        o = _n(f"{doc.value}/obs/{i}")
        period = period_iri(ob.period)
        g.add(o, A, qb("Observation"))
        g.add(o, qb("dataSet"), DATASET)
        if ob.indicator:
            g.add(o, kg("indicator"), indicator_iri(ob.indicator))
        else:
            g.add(o, A, kg("UncataloguedObservation"))
        g.add(o, kg("quantityLabel"), _lit(ob.label, lang))
        g.add(o, kg("measure"), kg("Level" if ob.measure == "level" else "Change"))
        g.add(o, _n(SDMX_DIM + "refPeriod"), period)
        g.add(o, _n(SDMX_MEAS + "obsValue"), _decimal(ob.value))
        g.add(o, _n(SDMX_ATT + "unitMeasure"), kg(_UNITS[ob.unit]))
        if ob.qualifier:
            g.add(o, kg("qualifier"), kg(_QUALIFIERS[ob.qualifier]))
        g.evidence(o, ob.evidence, doc)
        if ob.value_span:
            g.evidence(o, ob.value_span, doc, "valueEvidence")
        provenance(o, ob.evidence)
        _period(g, period, ob.period)

    by_sentence: dict[int, list] = {}
    for ob in ex.observations:
        if ob.indicator and ob.indicator not in {o.indicator for o in by_sentence.get(ob.evidence.start, [])}:
            by_sentence.setdefault(ob.evidence.start, []).append(ob)
    for i, pm in enumerate(ex.programmes):
        m = _n(f"{doc.value}/mention/{i}")
        programme = programme_iri(pm.key, pm.name)
        g.add(m, A, kg("ProgrammeMention"))
        g.add(m, kg("programme"), programme)
        g.add(m, dct("isPartOf"), doc)
        if pm.action:
            g.add(m, kg("action"), _lit(pm.action))
        g.evidence(m, pm.evidence, doc)
        provenance(m, pm.evidence)
        if pm.key is None:
            g.shared(programme, A, kg("Programme"))
            g.shared(programme, skos("prefLabel"), _lit(pm.name, "en" if d.language == "en" else None))
            g.shared(programme, kg("programmeKind"), _lit(pm.kind))
        if pm.name_zh:
            g.add(m, kg("mentionedAs"), _lit(pm.name_zh, d.language if d.language != "en" else "zh"))
        for j, ob in enumerate(by_sentence.get(pm.evidence.start, [])):  # a figure in the same sentence
            link = _n(f"{m.value}/link/{j}")
            g.add(link, A, kg("MeasurementLink"))
            g.add(link, kg("programme"), programme)
            g.add(link, kg("indicator"), indicator_iri(ob.indicator))
            g.add(link, kg("linkType"), kg("Textual"))
            g.add(link, prov("wasDerivedFrom"), m)
            g.evidence(link, pm.evidence, doc)
    return g.all()


def _period(g: _Graph, node: ox.NamedNode, period: str) -> None:
    start, end = period_bounds(period)
    g.shared(node, A, kg("Period"))
    g.shared(node, skos("notation"), _lit(period))
    g.shared(node, kg("startDate"), _date(start))
    g.shared(node, kg("endDate"), _date(end))
    for prop, day in (("hasBeginning", start), ("hasEnd", end)):
        instant = _n(f"{ID}instant/{day.isoformat()}")
        g.shared(node, time(prop), instant)
        g.shared(instant, A, time("Instant"))
        g.shared(instant, time("inXSDDate"), _date(day))


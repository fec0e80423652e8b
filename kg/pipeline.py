"""One document through every extractor: Document -> Extraction -> N-Quads."""

from __future__ import annotations

from pathlib import Path

from kg.model import Document, Extraction


def extract(doc: Document) -> Extraction:
    """Run every extractor over one document."""
    from kg.extract.events import extract_event
    from kg.extract.observations import extract_observations
    from kg.extract.people import extract_people
    from kg.extract.programmes import extract_programmes

    persons, posts = extract_people(doc)
    event, statements = extract_event(doc, persons, posts)
    return Extraction(
        document=doc,
        event=event,
        persons=persons,
        posts=posts,
        statements=statements,
        observations=extract_observations(doc),
        programmes=extract_programmes(doc),
    )


def to_nquads(ex: Extraction) -> bytes:
    """The document's named graph as N-Quads."""
    import pyoxigraph as ox

    from kg.rdf import extraction_quads

    return ox.serialize(extraction_quads(ex), format=ox.RdfFormat.N_QUADS)


def process(path: str) -> tuple[str, bytes | None, dict | str]:
    """Worker entry point: read one file and return (doc id, N-Quads, summary), or (doc id, None, reason)
    when it is unusable (unreadable, gone, undecodable ...).

    Never raises: a bad file is a reason in the report, not a crash of the build.
    """
    from kg.ingest import IngestError, load_document

    p = Path(path)
    try:
        doc = load_document(p)
        ex = extract(doc)
        nquads = to_nquads(ex)
    except IngestError as e:
        return p.stem, None, str(e)
    except Exception as e:  # an extractor bug must not sink the other files
        return p.stem, None, f"extraction failed: {type(e).__name__}: {e}"
    summary = {
        "language": doc.language, "date": doc.date.isoformat() if doc.date else None,
        "date_method": doc.date_method, "encoding": doc.encoding, "chars": len(doc.text),
        "observations": len(ex.observations), "persons": len(ex.persons), "statements": len(ex.statements),
        "programmes": len(ex.programmes), "quads": nquads.count(b"\n"),
    }
    return doc.id, nquads, summary

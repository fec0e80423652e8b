"""kg: government press briefings to an RDF knowledge graph."""

__version__ = "0.1.0"

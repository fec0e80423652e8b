"""IRI namespaces: the W3C vocabularies kg reuses and kg's own.

All IRIs kg mints live under :data:`ID` and are built in :mod:`kg.rdf`.
"""

KG = "https://w3id.org/kg/ns#"  # kg's own ontology terms (ontology/kg.ttl)
ID = "https://w3id.org/kg/id/"  # instances: documents, people, events, observations ...

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
QB = "http://purl.org/linked-data/cube#"
PROV = "http://www.w3.org/ns/prov#"
TIME = "http://www.w3.org/2006/time#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
OA = "http://www.w3.org/ns/oa#"
SDMX_DIM = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_MEAS = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_ATT = "http://purl.org/linked-data/sdmx/2009/attribute#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "kg": KG, "id": ID, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS,
    "org": ORG, "qb": QB, "prov": PROV, "time": TIME, "dct": DCT, "schema": SCHEMA,
    "foaf": FOAF, "oa": OA, "sdmx-dimension": SDMX_DIM, "sdmx-measure": SDMX_MEAS,
    "sdmx-attribute": SDMX_ATT,
}

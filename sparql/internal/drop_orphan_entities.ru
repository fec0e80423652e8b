# Drop facts of the entity graph whose subject nothing else refers to any more (after documents were
# replaced or removed). Instants of a dropped period go on the next run.
DELETE { GRAPH <https://w3id.org/kg/id/graph/entities> { ?s ?p ?o } }
WHERE {
  GRAPH <https://w3id.org/kg/id/graph/entities> { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?g { ?x ?y ?s } FILTER(?x != ?s) }
}

// Lineage graph schema. Idempotent (IF NOT EXISTS): applied on every start, pasteable into Neo4j Browser.
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type);
CREATE INDEX entity_first_year IF NOT EXISTS FOR (e:Entity) ON (e.firstYear);
CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.nameKey);
CREATE INDEX paper_year IF NOT EXISTS FOR (p:Paper) ON (p.year);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases]
  OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };
// Titles only: indexing every abstract cost a third of writing a paper, and search reads titles.
CREATE FULLTEXT INDEX paper_titles IF NOT EXISTS FOR (p:Paper) ON EACH [p.title]
  OPTIONS { indexConfig: { `fulltext.analyzer`: 'english' } };
CREATE INDEX evidence_key IF NOT EXISTS FOR (ev:Evidence) ON (ev.key);
// One node holding the graph's version (graph/queries/version.ts).
CREATE CONSTRAINT lineage_meta_id IF NOT EXISTS FOR (m:LineageMeta) REQUIRE m.id IS UNIQUE;
// Corrections people made (graph/queries/curation.ts): kept apart from the extracted graph.
CREATE CONSTRAINT curation_id IF NOT EXISTS FOR (c:Curation) REQUIRE c.id IS UNIQUE;

// An entity's papers per year as a share of the corpus's papers that year, from Neo4j: what
// answers while the in-memory copy of the graph (graph/analytics/view.ts entityYears) loads.
import { readRows, type Db } from '../driver.js';
import { yearsView, type YearsView } from '../analytics/view.js';
import { NotFoundError } from './errors.js';

const CORPUS_YEARS = `
MATCH (p:Paper) WHERE p.year IS NOT NULL
RETURN p.year AS year, count(p) AS papers`;

const ENTITY_YEARS = `
MATCH (e:Entity {id: $id})
OPTIONAL MATCH (p:Paper)-[:MENTIONS]->(e)
RETURN e.name AS name, p.year AS year, count(p) AS papers`;

export async function entityYearsFromDb(
	db: Db,
	id: string,
	options: { timeoutMs?: number } = {}
): Promise<YearsView> {
	const [totals, rows] = await Promise.all([
		readRows<{ year: number; papers: number }>(db, CORPUS_YEARS, {}, options),
		readRows<{ name: string; year: number | null; papers: number }>(
			db,
			ENTITY_YEARS,
			{ id },
			options
		)
	]);
	if (rows.length === 0) throw new NotFoundError('entity', id);
	const counts = new Map<number, number>();
	let all = 0;
	let withoutYear = 0;
	for (const r of rows) {
		all += r.papers;
		if (r.year === null) withoutYear += r.papers;
		else counts.set(r.year, r.papers);
	}
	return yearsView(
		id,
		rows[0]!.name,
		new Map(totals.map((t) => [t.year, t.papers])),
		counts,
		all,
		withoutYear
	);
}

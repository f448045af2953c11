// relationEvidence(source, type, target): every sentence behind one relation, one per paper
// stating it, best first, a page at a time — what a click on an edge opens.
import { readRows, type Db } from '../driver.js';
import type { RelationType } from '../model.js';
import type { Curated, GraphNode, RelationEvidence } from '../views.js';
import { inYears, type YearRange } from './entity.js';
import { NotFoundError } from './errors.js';
import { evidenceOf, matchById, nodeView, relPattern, supportInYears } from './shared.js';

// $source, $target, $offset, $limit (, $from, $to) → both ends, the relation's support (of the
// year range when there is one) and one page of its evidence, read from every paper stating it.
function evidenceQuery(rel: string, years: boolean): string {
	return `
${matchById('a', '$source')}
MATCH (a)-[r:${rel}]->(b:Entity {id: $target})
${years ? supportInYears('r', 'support') : 'WITH a, b, r, r.support AS support'}
${evidenceOf('r', '$limit', { complete: true, years, skip: '$offset' })}
RETURN ${nodeView('a')} AS source, ${nodeView('b')} AS target, support, evidence, r.curated AS curated`;
}

export interface EvidenceOptions extends YearRange {
	offset?: number;
	limit?: number;
	timeoutMs?: number;
}

export async function relationEvidence(
	db: Db,
	source: string,
	type: RelationType,
	target: string,
	options: EvidenceOptions = {}
): Promise<RelationEvidence> {
	const offset = options.offset ?? 0;
	const [row] = await readRows<
		Omit<RelationEvidence, 'type' | 'offset' | 'curated'> & { curated: Curated | null }
	>(
		db,
		evidenceQuery(relPattern([type]), inYears(options)),
		{
			source,
			target,
			offset,
			limit: options.limit ?? 10,
			from: options.fromYear ?? null,
			to: options.toYear ?? null
		},
		{ timeoutMs: options.timeoutMs }
	);
	if (!row) throw new NotFoundError('relation', `${source}|${type}|${target}`);
	return {
		source: row.source as GraphNode,
		target: row.target as GraphNode,
		type,
		support: row.support,
		offset,
		evidence: row.evidence,
		...(row.curated ? { curated: row.curated } : {})
	};
}

// How extraction results cross from a worker thread to the main thread. Loader facts are plain
// JSON data (strings, finite numbers, null, arrays and plain objects: see ingest/load/facts.ts);
// as one JSON string they cost about 15 % less CPU in all than a structured clone of the objects,
// and the main thread — which also reads input and talks to Neo4j — less than half.
// Failures stay objects: they are rare, and a Paper may hold `undefined` fields JSON would drop.
// The job types live here, not in the worker, so pool → wire ← worker has no cycle.
import type { PaperFacts } from '../../../graph/rows.js';
import type { Paper } from '../../types.js';

export interface ExtractJob {
	id: number;
	papers: Paper[];
}

export interface ExtractJobResult {
	id: number;
	facts: PaperFacts[];
	failures: { paper: Paper; reason: string }[];
}

export interface WireResult {
	id: number;
	facts: string;
	failures: ExtractJobResult['failures'];
}

export function encodeResult(result: ExtractJobResult): WireResult {
	return { id: result.id, facts: JSON.stringify(result.facts), failures: result.failures };
}

export function decodeResult(wire: WireResult): ExtractJobResult {
	return {
		id: wire.id,
		facts: JSON.parse(wire.facts) as ExtractJobResult['facts'],
		failures: wire.failures
	};
}

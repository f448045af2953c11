// The analytics' input (compute.ts) read off a GraphSnapshot: entities renumbered 0 … n-1,
// their relations and each paper's mentions as typed arrays, which a worker thread receives
// without copying object graphs.
import { NODE_TYPES } from '../model.js';
import type { GraphSnapshot } from '../projection/snapshot.js';
import type { AnalyticsInput } from './compute.js';

const PAPER = NODE_TYPES.indexOf('Paper');

export interface SnapshotAnalyticsInput {
	input: AnalyticsInput;
	/** entity k is snapshot node entities[k] */
	entities: Uint32Array;
}

export function analyticsInput(snap: GraphSnapshot): SnapshotAnalyticsInput {
	const nodes = snap.nodeCount;
	const local = new Int32Array(nodes).fill(-1);
	const paperLocal = new Int32Array(nodes).fill(-1);
	const entityList: number[] = [];
	let papers = 0;
	for (let i = 0; i < nodes; i++) {
		if (snap.types[i] === PAPER) paperLocal[i] = papers++;
		else local[i] = entityList.push(i) - 1;
	}
	const n = entityList.length;
	const df = new Uint32Array(n);
	const relFrom: number[] = [];
	const relTo: number[] = [];
	const relType: number[] = [];
	const relSupport: number[] = [];
	// Mentions per paper, from the entity → papers lists.
	const perPaper = new Uint32Array(papers + 1);
	for (let k = 0; k < n; k++) {
		const i = entityList[k]!;
		const by = snap.mentionedBy.get(i);
		df[k] = by?.length ?? 0;
		if (by) for (const p of by) perPaper[paperLocal[p]! + 1]!++;
		for (let h = snap.start[i]!; h < snap.outEnd[i]!; h++) {
			const o = local[snap.other[h]!]!;
			if (o < 0) continue;
			relFrom.push(k);
			relTo.push(o);
			relType.push(snap.relType[h]!);
			relSupport.push(snap.support[h]!);
		}
	}
	for (let p = 0; p < papers; p++) perPaper[p + 1]! += perPaper[p]!;
	const paperStart = perPaper;
	const fill = paperStart.slice(0, papers);
	const paperEntities = new Uint32Array(paperStart[papers]!);
	for (let k = 0; k < n; k++) {
		const by = snap.mentionedBy.get(entityList[k]!);
		if (by) for (const p of by) paperEntities[fill[paperLocal[p]!]!++] = k;
	}
	const paperYear = new Uint16Array(papers);
	for (let i = 0; i < nodes; i++) {
		const p = paperLocal[i]!;
		if (p >= 0) paperYear[p] = Math.max(0, snap.years[i]!);
	}
	return {
		entities: Uint32Array.from(entityList),
		input: {
			n,
			df,
			papers,
			relFrom: Uint32Array.from(relFrom),
			relTo: Uint32Array.from(relTo),
			relType: Uint8Array.from(relType),
			relSupport: Uint32Array.from(relSupport),
			paperYear,
			paperStart,
			paperEntities,
			idRank: Uint32Array.from(entityList, (i) => snap.idRank[i]!)
		}
	};
}

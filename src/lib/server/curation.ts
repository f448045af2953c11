// Corrections on the server: what a merged-away id stands for now (read endpoints answer for the
// entity it was merged into), and who may write them. Writes need the access token when
// LINEAGE_API_TOKEN is set (checked for every /api request in hooks.server.ts; the corrections
// carry LINEAGE_API_TOKEN_NAME, default "api", as who made them), and come only from this
// machine when it is not.
import { appDb } from './db.js';
import type { RequestEvent } from '@sveltejs/kit';
import { serverConfig } from './config.js';
import { CurationState, type CurationRecord } from '../../../graph/curation.js';
import { curationToken, listCurations } from '../../../graph/queries/curation.js';
import { currentVersion, forgetVersion } from './graph-version';

let known: { graph: string; token: string | null; state: CurationState } | undefined;

async function state(): Promise<CurationState> {
	const graph = await currentVersion();
	if (known?.graph === graph) return known.state;
	const token = await curationToken(appDb(), { timeoutMs: 2000 });
	if (known && known.token === token) {
		known = { ...known, graph };
		return known.state;
	}
	const records = token === null ? [] : await listCurations(appDb(), { timeoutMs: 5000 });
	known = { graph, token, state: new CurationState(records, token) };
	return known.state;
}

/** The id an entity id stands for now: itself, or the entity it was merged into. */
export async function resolveId(id: string): Promise<string> {
	const s = await state();
	return s.mergedInto.size === 0 ? id : s.resolve(id);
}

export async function resolveIds(ids: string[]): Promise<string[]> {
	const s = await state();
	return s.mergedInto.size === 0 ? ids : [...new Set(ids.map((id) => s.resolve(id)))];
}

/** Corrections of an entity the explorer shows: what an entity in the detail's card came to be. */
const ENTITY_KINDS = new Set(['merge', 'rename', 'retype', 'alias']);
const MAX_SHOWN = 20;

/**
 * The corrections in force that made entity `id` (a kept id) what it is: entities merged into it
 * (through chains too), renames, retypes, alias edits. Oldest first, the last 20.
 */
export async function curationsOf(id: string): Promise<CurationRecord[]> {
	const s = await state();
	if (s.records.length === 0) return [];
	const touching = s.records.filter((r) => {
		if (!ENTITY_KINDS.has(r.kind)) return false;
		const a = r.args;
		const subject = a.kind === 'merge' ? a.keep : 'id' in a ? a.id : null;
		return subject != null && s.resolve(subject) === id;
	});
	return touching.slice(-MAX_SHOWN);
}

export class WriteForbiddenError extends Error {}

/**
 * After a correction or an undo: the graph version is read afresh at the next request, so this
 * server's cached answers and its copy of the corrections are not a second late — the person who
 * made the change reloads the view at once and must see it.
 */
export function written(): void {
	forgetVersion();
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Who writes: the token's name when LINEAGE_API_TOKEN is set (the hook has checked the token),
 * else `by` as sent, and then only from this machine.
 */
export function writer(event: RequestEvent, by: string | undefined): string {
	if (serverConfig().apiToken) return serverConfig().apiTokenName;
	let client: string;
	try {
		client = event.getClientAddress();
	} catch {
		client = '';
	}
	if (!LOOPBACK.test(client))
		throw new WriteForbiddenError(
			'Corrections can be made from other machines only with an access token: set LINEAGE_API_TOKEN on the server and send "Authorization: Bearer <token>".'
		);
	return by || 'local';
}

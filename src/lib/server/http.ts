// One place where errors become HTTP answers: 400 names the bad parameter, 404 the missing id,
// 503 says how to bring the database back, 504 a query that ran out of time.
import { json } from '@sveltejs/kit';
import { Neo4jError } from 'neo4j-driver';
import { z } from 'zod';
import { ForbiddenQueryError, NotFoundError } from '../../../graph/queries/errors.js';
import { CurationError } from '../../../graph/curation.js';
import { PathTimeoutError } from '../../../graph/queries/path-rank.js';
import { WriteForbiddenError } from './curation.js';
import { AnalyticsNotReadyError } from '../../../graph/analytics/view.js';
import type { ApiError } from '../types.js';
import { isUnavailable, unavailableMessage } from './db.js';
import { serverConfig } from './config.js';

export class BadRequestError extends Error {
	constructor(
		message: string,
		readonly param?: string
	) {
		super(message);
	}
}

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const issue = result.error.issues[0]!;
	// `types.0` is the first item of `types`: name the parameter the caller sent.
	const param = issue.path.length > 0 ? String(issue.path[0]) : undefined;
	throw new BadRequestError(
		param ? `Invalid parameter "${param}": ${issue.message}` : issue.message,
		param
	);
}

function errorBody(status: number, body: ApiError): Response {
	return json(body, { status, headers: { 'cache-control': 'no-store' } });
}

function isTimeout(err: unknown): boolean {
	return (
		err instanceof Neo4jError &&
		/TransactionTimedOut|Transaction.*Terminated|timed out/i.test(`${err.code} ${err.message}`)
	);
}

export function errorResponse(err: unknown): Response {
	if (err instanceof BadRequestError)
		return errorBody(400, { error: err.message, code: 'bad_request', param: err.param });
	if (err instanceof RangeError) return errorBody(400, { error: err.message, code: 'bad_request' });
	if (err instanceof NotFoundError)
		return errorBody(404, { error: err.message, code: 'not_found' });
	if (err instanceof ForbiddenQueryError || err instanceof WriteForbiddenError)
		return errorBody(403, { error: err.message, code: 'forbidden' });
	if (err instanceof CurationError)
		return errorBody(err.status, {
			error: err.message,
			code: err.status === 404 ? 'not_found' : 'bad_request',
			param: err.param
		});
	if (err instanceof AnalyticsNotReadyError)
		return json({ error: err.message, code: 'not_ready' } satisfies ApiError, {
			status: 503,
			headers: { 'cache-control': 'no-store', 'retry-after': '5' }
		});
	if (isUnavailable(err))
		return errorBody(503, { error: unavailableMessage(), code: 'unavailable' });
	if (err instanceof DeadlineError) {
		return errorBody(503, {
			error: `${unavailableMessage()} (It did not answer within ${Math.round(deadlineMs() / 1000)} s: it may still be starting.)`,
			code: 'unavailable'
		});
	}
	// A path question that found nothing in time: the message says what to narrow.
	if (err instanceof PathTimeoutError)
		return errorBody(504, { error: err.message, code: 'timeout' });
	if (isTimeout(err)) {
		return errorBody(504, {
			error: 'The query took too long and was stopped. Narrow it down and try again.',
			code: 'timeout'
		});
	}
	if (err instanceof Neo4jError && err.code.startsWith('Neo.ClientError.')) {
		return errorBody(400, {
			error: err.message.split('\n')[0] ?? err.message,
			code: 'bad_request'
		});
	}
	console.error(err);
	return errorBody(500, { error: 'Something went wrong on the server.', code: 'internal' });
}

/** A request that outlived the server's own query timeout: the database is not answering. */
export class DeadlineError extends Error {}

/**
 * How long an endpoint may take in all: the query timeout plus a margin. A Neo4j that accepts
 * connections but is still starting (or stuck) would otherwise keep requests waiting for
 * connections and retries well past the query timeout.
 */
export function deadlineMs(): number {
	return serverConfig().queryTimeoutMs + 2_000;
}

/** Wraps an endpoint body: its value becomes JSON, its errors the answers above. */
export async function answer<T>(
	work: () => Promise<T>,
	headers: Record<string, string> = {},
	status = 200
): Promise<Response> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new DeadlineError()), deadlineMs());
	});
	try {
		return json(await Promise.race([work(), deadline]), { headers, status });
	} catch (err) {
		return errorResponse(err);
	} finally {
		clearTimeout(timer);
	}
}

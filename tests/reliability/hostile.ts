// Hostile requests: every parameter of every API endpoint with injection payloads (Cypher,
// Lucene, path traversal, oversized values, Unicode oddities), and every kind of write attempt
// through the Cypher console. No answer may be a 5xx other than 503/504 with a reason, no write
// may get through, and the stored graph must be exactly what it was.

export interface Payload {
	name: string;
	/** Sent percent-encoded, unless `raw` (already URL syntax: malformed or non-UTF-8 bytes). */
	value: string;
	raw?: boolean;
}

const MiB = 1 << 20;

export const PAYLOADS: Payload[] = [
	{ name: 'cypher quote', value: "' OR 1=1 //" },
	{ name: 'cypher close brace', value: '"}) MATCH (n) DETACH DELETE n //' },
	{ name: 'cypher backtick', value: 'x` DETACH DELETE n //' },
	{ name: 'cypher union', value: "x' UNION MATCH (n) RETURN n //" },
	{ name: 'cypher parameter', value: '$id' },
	{ name: 'cypher comment', value: '/* */ CREATE (:Evil) //' },
	{ name: 'lucene match all', value: '*:*' },
	{ name: 'lucene field', value: 'name:* OR aliases:*' },
	{ name: 'lucene fuzzy', value: 'SDXL~0.0001' },
	{ name: 'lucene boolean', value: '"SDXL" AND NOT "x"' },
	{ name: 'lucene regex', value: '/.*/' },
	{ name: 'lucene range', value: '[a TO z]' },
	{ name: 'lucene boost', value: 'a^1000000' },
	{ name: 'lucene leading wildcard', value: '*a*?' },
	{ name: 'lucene unbalanced', value: '(((("' },
	{ name: 'lucene escape', value: '\\' },
	{ name: 'path traversal', value: '../../../../etc/passwd' },
	{ name: 'path traversal (encoded twice)', value: '..%2F..%2F..%2Fetc%2Fpasswd' },
	{ name: 'path traversal (raw dots)', value: '..%2f..%2f..%2fetc%2fpasswd', raw: true },
	{ name: 'windows traversal', value: '..\\..\\windows\\win.ini' },
	{ name: 'html', value: '<script>alert(1)</script><img src=x onerror=alert(2)>' },
	{ name: 'json operator', value: '{"$ne": null}' },
	{ name: 'prototype', value: '__proto__' },
	{ name: 'number huge', value: '99999999999999999999999' },
	{ name: 'number exponent', value: '1e309' },
	{ name: 'number negative', value: '-1' },
	{ name: 'number float', value: '1.5' },
	{ name: 'NaN', value: 'NaN' },
	{ name: 'hex', value: '0x10' },
	{ name: 'empty', value: '' },
	{ name: 'whitespace', value: ' \t\n ' },
	{ name: 'commas', value: ',,,,' },
	{ name: 'NUL', value: 'SD\u0000XL' },
	{ name: 'control characters', value: '\u0001\u0007\u001b[31mred' },
	{ name: 'RTL override', value: '\u202eLXDS\u202c' },
	{ name: 'combining marks', value: 'S\u0301\u0302\u0303\u0304D\u0305\u0306XL\u0334\u0335' },
	{ name: 'zero width', value: 'S\u200bD\u200dX\ufeffL' },
	{ name: 'fullwidth', value: 'ＳＤＸＬ' },
	{ name: 'emoji ZWJ', value: '👩‍🔬🧪' },
	{ name: 'lone high surrogate (CESU bytes)', value: 'x%ED%A0%80y', raw: true },
	{ name: 'lone low surrogate (CESU bytes)', value: '%ED%B0%80', raw: true },
	{ name: 'invalid UTF-8', value: '%FF%FE%C0%AF', raw: true },
	{ name: 'truncated UTF-8', value: 'a%E2%82', raw: true },
	{ name: 'malformed percent', value: '%', raw: true },
	{ name: 'malformed percent 2', value: '%zz%E0%A4%A', raw: true },
	{ name: 'encoded NUL', value: '%00', raw: true },
	{ name: '10 KB', value: 'a'.repeat(10_000) },
	{ name: '1 MB', value: 'b'.repeat(MiB) }
];

/** The lone surrogates themselves (JSON may carry them, UTF-8 cannot). */
export const LONE_SURROGATES = ['\ud800', 'x\udfffy', '\udc00\ud800'];

export interface Endpoint {
	name: string;
	/** The request with one parameter replaced by an already-encoded value. */
	paths: (ids: Ids) => Record<string, (encoded: string) => string>;
}

export interface Ids {
	entity: string;
	other: string;
	paper: string;
}

const e = encodeURIComponent;

/** Every endpoint and parameter (README's API table, src/routes/api/**), each with sane others. */
export const ENDPOINTS: Endpoint[] = [
	{
		name: 'search',
		paths: () => ({
			q: (v) => `/api/search?q=${v}&types=Model&limit=5`,
			types: (v) => `/api/search?q=sdxl&types=${v}&limit=5`,
			limit: (v) => `/api/search?q=sdxl&types=Model&limit=${v}`
		})
	},
	{
		name: 'entities/:id',
		paths: () => ({ id: (v) => `/api/entities/${v}` })
	},
	{
		name: 'papers/:id',
		paths: () => ({ id: (v) => `/api/papers/${v}` })
	},
	{
		name: 'neighbourhood',
		paths: (ids) => {
			const base = {
				ids: e(ids.entity),
				depth: '1',
				rel: 'BUILDS_ON,USES',
				types: 'Model,Technique',
				from: '2018',
				to: '2025',
				minSupport: '1',
				limit: '10'
			};
			return Object.fromEntries(
				Object.keys(base).map((k) => [
					k,
					(v: string) =>
						'/api/neighbourhood?' +
						Object.entries({ ...base, [k]: v })
							.map(([p, x]) => `${p}=${x}`)
							.join('&')
				])
			);
		}
	},
	{
		name: 'paths',
		paths: (ids) => {
			const base = {
				from: e(ids.entity),
				to: e(ids.other),
				k: '2',
				maxLength: '3',
				rel: 'BUILDS_ON,VARIANT_OF',
				directed: 'false'
			};
			return Object.fromEntries(
				Object.keys(base).map((k) => [
					k,
					(v: string) =>
						'/api/paths?' +
						Object.entries({ ...base, [k]: v })
							.map(([p, x]) => `${p}=${x}`)
							.join('&')
				])
			);
		}
	},
	{
		name: 'lineage/:id',
		paths: (ids) => ({
			id: (v) => `/api/lineage/${v}?direction=descendants&depth=2`,
			direction: (v) => `/api/lineage/${e(ids.entity)}?direction=${v}&depth=2`,
			depth: (v) => `/api/lineage/${e(ids.entity)}?direction=ancestors&depth=${v}`,
			rel: (v) => `/api/lineage/${e(ids.entity)}?rel=${v}`
		})
	},
	{
		name: 'builds-on/:id',
		paths: () => ({ id: (v) => `/api/builds-on/${v}` })
	},
	{
		name: 'overview',
		paths: () => ({ limit: (v) => `/api/overview?limit=${v}` })
	},
	{
		name: 'timeline',
		paths: () => ({ id: (v) => `/api/timeline?id=${v}` })
	},
	{
		name: 'stats',
		paths: () => ({ '(unknown)': (v) => `/api/stats?x=${v}` })
	},
	{
		name: 'health',
		paths: () => ({ '(unknown)': (v) => `/api/health?x=${v}` })
	},
	{
		name: 'openapi.json',
		paths: () => ({ '(unknown)': (v) => `/api/openapi.json?x=${v}` })
	}
];

/** Writes, file reads, administration and procedure calls: each must answer 400 or 403. */
export const WRITE_ATTEMPTS: string[] = [
	// plain writes
	"CREATE (n:Evil {id: 'evil'})",
	'CREATE (n:Evil) RETURN n',
	"MERGE (n:Evil {id: 'evil'}) RETURN n",
	'MATCH (n:Entity) WITH n LIMIT 1 SET n.pwned = true',
	"MATCH (n:Entity) WITH n LIMIT 1 SET n.name = 'pwned'",
	'MATCH (n:Entity) WITH n LIMIT 1 SET n:Evil',
	'MATCH (n:Entity) WITH n LIMIT 1 SET n += {pwned: true}',
	'MATCH (n:Entity) WITH n LIMIT 1 SET n = {}',
	'MATCH (n:Entity) WITH n LIMIT 1 REMOVE n.name',
	'MATCH (n:Entity) WITH n LIMIT 1 REMOVE n:Entity',
	'MATCH (n:Evidence) WITH n LIMIT 1 DELETE n',
	'MATCH (n) DETACH DELETE n',
	'MATCH ()-[r]->() WITH r LIMIT 1 DELETE r',
	'MATCH (a:Entity), (b:Entity) WITH a, b LIMIT 1 CREATE (a)-[:EVIL]->(b)',
	'MATCH (a:Entity), (b:Entity) WITH a, b LIMIT 1 MERGE (a)-[:EVIL]->(b)',
	'match (n) detach delete n',
	'MaTcH (n) DeTaCh DeLeTe n',
	'MATCH (n:Entity) WHERE n.id = $id SET n.name = $name',
	'OPTIONAL MATCH (n:Entity) WITH n LIMIT 1 SET n.x = 1 RETURN n',
	'RETURN 1 AS x UNION CREATE (n:Evil) RETURN 2 AS x',
	'UNWIND range(1, 3) AS i CREATE (:Evil {i: i})',
	'FOREACH (i IN [1] | CREATE (:Evil))',
	'MATCH (n:Entity) WITH collect(n)[..1] AS ns FOREACH (n IN ns | SET n.x = 1)',
	// subqueries and batched transactions
	'CALL () { CREATE (:Evil) }',
	'CALL { CREATE (:Evil) }',
	'MATCH (n) WITH n LIMIT 1 CALL (n) { SET n.x = 1 } RETURN 1',
	'UNWIND [1] AS x CALL (x) { CREATE (:Evil) } IN TRANSACTIONS RETURN 1',
	'UNWIND [1] AS x CALL { WITH x CREATE (:Evil) } IN TRANSACTIONS OF 1 ROW',
	'MATCH (n) CALL (n) { DETACH DELETE n } IN 2 CONCURRENT TRANSACTIONS',
	'OPTIONAL CALL () { CREATE (:Evil) } RETURN 1',
	'RETURN COUNT { CREATE (:Evil) } AS n',
	// procedures: db, dbms, apoc-style, back-ticked names
	"CALL db.createLabel('Evil')",
	"CALL db.createProperty('evil')",
	"CALL db.createRelationshipType('EVIL')",
	"CALL `db`.`createLabel`('Evil')",
	"CALL `db.createLabel`('Evil')",
	"WITH 1 AS x CALL db.createLabel('Evil') RETURN x",
	"CALL db.labels() YIELD label CALL db.createLabel(label + 'Evil') RETURN 1",
	"CALL db.index.fulltext.queryNodes('entity_names', 'sdxl') YIELD node SET node.x = 1",
	'CALL db.clearQueryCaches()',
	'CALL db.checkpoint()',
	'CALL db.prepareForReplanning()',
	'CALL db.resampleOutdatedIndexes()',
	"CALL db.resampleIndex('entity_names')",
	"CALL db.stats.collect('QUERIES')",
	"CALL db.stats.clear('QUERIES')",
	'CALL db.awaitIndexes(1)',
	"CALL db.index.fulltext.drop('entity_names')",
	"CALL db.index.fulltext.createNodeIndex('evil', ['Evil'], ['x'])",
	"CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
	'CALL dbms.listConfig()',
	'CALL dbms.listConnections()',
	"CALL dbms.killConnection('bolt-1')",
	"CALL dbms.security.createUser('evil', 'evil-password', false)",
	'CALL dbms.components()',
	'CALL tx.setMetaData({evil: true})',
	"CALL apoc.create.node(['Evil'], {})",
	"CALL apoc.cypher.runWrite('CREATE (:Evil)', {})",
	"CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
	"CALL apoc.load.json('file:///etc/passwd')",
	// file reads
	"LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
	"load csv from 'https://example.com/x.csv' as l return l",
	"LOAD/**/CSV FROM 'file:///etc/passwd' AS l RETURN l",
	"LOAD\nCSV WITH HEADERS FROM 'file:///etc/passwd' AS l RETURN l",
	"WITH 1 AS x LOAD CSV FROM 'file:///etc/hostname' AS l RETURN l",
	"RETURN 1 AS x UNION LOAD CSV FROM 'file:///etc/passwd' AS x RETURN x",
	// other databases
	'USE system SHOW USERS',
	'USE system SHOW DATABASES',
	'USE neo4j CREATE (:Evil)',
	'/* */ USE system SHOW DATABASES',
	'CALL () { USE system SHOW DATABASES YIELD name RETURN name } RETURN name',
	// administration
	'CREATE DATABASE evil',
	'DROP DATABASE neo4j',
	'STOP DATABASE neo4j',
	'START DATABASE neo4j',
	'ALTER DATABASE neo4j SET ACCESS READ ONLY',
	"CREATE USER evil SET PASSWORD 'evil-password-1'",
	"ALTER USER neo4j SET PASSWORD 'evil-password-1'",
	'DROP USER neo4j',
	'GRANT ROLE admin TO evil',
	'CREATE ALIAS evil FOR DATABASE neo4j',
	'SHOW USERS',
	'SHOW DATABASES',
	'SHOW TRANSACTIONS',
	'SHOW SETTINGS',
	'SHOW PROCEDURES',
	'SHOW INDEXES',
	'SHOW SERVERS',
	"TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
	'/* hidden */ SHOW TRANSACTIONS',
	'// hidden\nSHOW TRANSACTIONS',
	"/**/TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
	'/* */ SHOW SETTINGS YIELD name, value RETURN name, value',
	"/* */ CREATE USER evil SET PASSWORD 'evil-password-1'",
	// schema
	'CREATE INDEX evil FOR (n:Evil) ON (n.x)',
	'CREATE CONSTRAINT evil FOR (n:Evil) REQUIRE n.x IS UNIQUE',
	'CREATE FULLTEXT INDEX evil FOR (n:Evil) ON EACH [n.x]',
	'DROP INDEX paper_titles',
	'DROP CONSTRAINT entity_id',
	'/* */ CREATE INDEX evil2 FOR (n:Evil) ON (n.y)',
	'// x\nDROP INDEX paper_titles',
	// wrappers, prefixes, multiple statements
	'EXPLAIN CREATE (n:Evil)',
	'PROFILE CREATE (n:Evil)',
	'PROFILE MATCH (n) DETACH DELETE n',
	'explain match (n) return n',
	'/* */ PROFILE CREATE (n:Evil)',
	'CYPHER runtime=slotted CREATE (n:Evil)',
	'CYPHER 5 CREATE (n:Evil)',
	'CYPHER 25 CREATE (n:Evil)',
	'CYPHER planner=cost EXPLAIN CREATE (n:Evil)',
	'MATCH (n) RETURN n; CREATE (m:Evil)',
	'RETURN 1; MATCH (n) DETACH DELETE n',
	'RETURN 1;\nCREATE (:Evil)',
	// comments and odd spellings hiding keywords
	'/* RETURN */ CREATE (n:Evil)',
	'MATCH (n) /* */ DETACH /* */ DELETE n',
	'CREATE/**/(n:Evil)',
	'// RETURN 1\nCREATE (n:Evil)',
	'CR\\u0045ATE (n:Evil)',
	'ＣＲＥＡＴＥ (n:Evil)',
	'CREATE\u00a0(n:Evil)',
	'C\u200bREATE (n:Evil)',
	'CREATE\u2028(n:Evil)',
	'\ufeffCREATE (n:Evil)',
	'`CREATE` (n:Evil)',
	"RETURN 'x' AS x // \nCREATE (n:Evil)"
];

/** Reads that must still work (200): the console is not just refusing everything. */
export const CONSOLE_READS: string[] = [
	'MATCH (n:Entity) RETURN n LIMIT 3',
	"RETURN 'CREATE (n) DETACH DELETE n; LOAD CSV' AS harmless",
	'MATCH (n:Entity) WHERE n.name CONTAINS $q RETURN n.name LIMIT 5',
	'CALL db.labels()',
	"CALL db.index.fulltext.queryNodes('entity_names', 'sdxl') YIELD node RETURN node.name"
];

export interface Answer {
	status: number;
	ms: number;
	body: string;
}

async function send(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
	const start = performance.now();
	try {
		const res = await fetch(url, {
			...init,
			signal: AbortSignal.timeout(init.timeoutMs ?? 30_000)
		});
		const body = await res.text();
		return { status: res.status, ms: performance.now() - start, body };
	} catch (err) {
		return { status: 0, ms: performance.now() - start, body: String(err) };
	}
}

export interface Finding {
	request: string;
	status: number;
	problem: string;
}

export interface HostileReport {
	requests: number;
	statuses: Record<string, number>;
	/** 5xx other than 503/504 with a reason, no answer, leaked files or stack traces. */
	failures: Finding[];
	/** 503/504 answers with a reason: allowed, listed. */
	excused: Finding[];
	writeAttempts: number;
	/** Write attempts answered 200, or after which the graph was no longer the same. */
	writesThrough: Finding[];
	readsRefused: Finding[];
	graphUnchanged: boolean;
	seconds: number;
}

export interface HostileOptions {
	base: string;
	ids: Ids;
	/** The graph's fingerprint, taken before and after each write attempt. */
	fingerprint: () => Promise<string>;
	/** Only every n-th payload and write attempt (a quick sample for `npm test`). */
	every?: number;
	log?: (line: string) => void;
}

const short = (s: string) =>
	JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}…` : s).replace(/\\u0000/g, '\\0');

/** What an answer must never be; undefined when it is fine. */
function problemOf(a: Answer): string | undefined {
	if (a.status === 0) return `no answer (${a.body.slice(0, 80)})`;
	if (a.status >= 500) {
		let reason = '';
		try {
			reason = (JSON.parse(a.body) as { error?: string }).error ?? '';
		} catch {
			/* not JSON */
		}
		if (!((a.status === 503 || a.status === 504) && reason)) return `${a.status} ${reason}`.trim();
	}
	if (/root:x:0:0|\[extensions\]|at [\w.<>]+ \(?[^)]*\.[jt]s:\d+/.test(a.body))
		return 'the answer leaks a file or a stack trace';
	return undefined;
}

export async function runHostile(options: HostileOptions): Promise<HostileReport> {
	const log = options.log ?? (() => {});
	const every = options.every ?? 1;
	const started = performance.now();
	const statuses: Record<string, number> = {};
	const failures: Finding[] = [];
	const excused: Finding[] = [];
	let requests = 0;
	const record = (request: string, a: Answer) => {
		requests++;
		const cls = a.status === 0 ? 'none' : `${Math.floor(a.status / 100)}xx`;
		statuses[cls] = (statuses[cls] ?? 0) + 1;
		const problem = problemOf(a);
		if (problem) failures.push({ request, status: a.status, problem });
		else if (a.status >= 500)
			excused.push({ request, status: a.status, problem: a.body.slice(0, 120) });
		return a;
	};
	const before = await options.fingerprint();

	// 1. Every parameter of every endpoint with every payload (GET, and other methods once).
	const payloads = PAYLOADS.filter((_, i) => i % every === 0);
	for (const endpoint of ENDPOINTS) {
		for (const [param, build] of Object.entries(endpoint.paths(options.ids))) {
			for (const p of payloads) {
				const url = options.base + build(p.raw ? p.value : encodeURIComponent(p.value));
				record(`GET ${endpoint.name} ${param}=${p.name}`, await send(url));
			}
			// Repeated and array-style parameters.
			const twice = build('a') + `&${param}=b&${param}[]=c`;
			record(`GET ${endpoint.name} ${param} repeated`, await send(options.base + twice));
		}
		const sample = endpoint.paths(options.ids);
		const first = Object.values(sample)[0]!('x');
		for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
			record(
				`${method} ${endpoint.name}`,
				await send(options.base + first, { method, body: '{}' })
			);
		}
	}
	log(`  parameters: ${requests} requests`);

	// 2. The console: bodies that are not what it expects.
	const cypherUrl = `${options.base}/api/cypher`;
	const post = (body: string, type = 'application/json') =>
		send(cypherUrl, { method: 'POST', headers: { 'content-type': type }, body });
	const bodies: [string, string, string?][] = [
		['not JSON', 'CREATE (n)'],
		['empty', ''],
		['array', '[1,2]'],
		['null', 'null'],
		['query a number', '{"query": 1}'],
		['query empty', '{"query": "   "}'],
		['params an array', '{"query": "RETURN 1", "params": [1]}'],
		['params a string', '{"query": "RETURN 1", "params": "x"}'],
		['query 1 MB', JSON.stringify({ query: `RETURN '${'a'.repeat(MiB)}'` })],
		[
			'param 1 MB',
			JSON.stringify({ query: 'RETURN size($x) AS n', params: { x: 'a'.repeat(MiB) } })
		],
		[
			'param deeply nested',
			`{"query": "RETURN $x AS x", "params": {"x": ${'['.repeat(5000)}${']'.repeat(5000)}}}`
		],
		['query with NUL', JSON.stringify({ query: 'RETURN "a\u0000b" AS x' })],
		['query with RTL', JSON.stringify({ query: 'RETURN "\u202eabc" AS x' })],
		['text/plain', JSON.stringify({ query: 'RETURN 1' }), 'text/plain'],
		['form', 'query=CREATE+(n)', 'application/x-www-form-urlencoded'],
		['__proto__ params', '{"query": "RETURN $x AS x", "params": {"__proto__": {"x": 1}}}'],
		...LONE_SURROGATES.map((s, i): [string, string] => [
			`lone surrogate ${i + 1}`,
			JSON.stringify({ query: `RETURN '${s}' AS x, $p AS p`, params: { p: s } })
		])
	];
	for (const [name, body, type] of bodies.filter((_, i) => i % every === 0)) {
		record(`POST cypher body ${name}`, await post(body, type));
	}

	// 3. Write attempts: each refused, and the graph untouched after each.
	const writesThrough: Finding[] = [];
	const attempts = WRITE_ATTEMPTS.filter((_, i) => i % every === 0);
	let last = before;
	for (const query of attempts) {
		const a = record(
			`POST cypher ${short(query)}`,
			await post(JSON.stringify({ query, params: { id: options.ids.entity, name: 'pwned' } }))
		);
		if (a.status === 200)
			writesThrough.push({ request: query, status: 200, problem: 'answered 200' });
		else if (a.status !== 400 && a.status !== 403)
			failures.push({ request: query, status: a.status, problem: 'neither 400 nor 403' });
		const now = await options.fingerprint();
		if (now !== last) {
			writesThrough.push({ request: query, status: a.status, problem: 'the graph changed' });
			last = now;
		}
	}
	const readsRefused: Finding[] = [];
	for (const query of CONSOLE_READS) {
		const a = record(
			`POST cypher ${short(query)}`,
			await post(JSON.stringify({ query, params: { q: 'SD' } }))
		);
		if (a.status !== 200)
			readsRefused.push({ request: query, status: a.status, problem: a.body.slice(0, 120) });
	}
	log(`  console: ${attempts.length} write attempts`);
	const after = await options.fingerprint();
	return {
		requests,
		statuses,
		failures,
		excused,
		writeAttempts: attempts.length,
		writesThrough,
		readsRefused,
		graphUnchanged: after === before,
		seconds: (performance.now() - started) / 1000
	};
}

/** The summary table; returns whether every figure passed. */
export function printHostile(r: HostileReport, log = console.log): boolean {
	const classes = ['2xx', '3xx', '4xx', '5xx', 'none'];
	log(`\nhostile:api — ${r.requests} requests in ${r.seconds.toFixed(0)} s`);
	log(`  statuses     ${classes.map((c) => `${c} ${r.statuses[c] ?? 0}`).join(' · ')}`);
	const fails = r.failures.length;
	log(`  5xx (but 503/504 with a reason), no answer, leaks   ${fails}  ${fails ? 'FAILED' : 'ok'}`);
	for (const f of r.failures.slice(0, 30)) log(`    ${f.status} ${f.request}: ${f.problem}`);
	log(`  503/504 with a reason        ${r.excused.length}`);
	for (const f of r.excused.slice(0, 10)) log(`    ${f.status} ${f.request}: ${f.problem}`);
	const through = r.writesThrough.length;
	log(
		`  writes through the console   ${through} of ${r.writeAttempts} attempts  ${through ? 'FAILED' : 'ok'}`
	);
	for (const f of r.writesThrough) log(`    ${f.status} ${short(f.request)}: ${f.problem}`);
	log(
		`  console reads refused        ${r.readsRefused.length}  ${r.readsRefused.length ? 'FAILED' : 'ok'}`
	);
	for (const f of r.readsRefused) log(`    ${f.status} ${short(f.request)}: ${f.problem}`);
	log(`  graph unchanged              ${r.graphUnchanged ? 'yes  ok' : 'NO  FAILED'}`);
	return fails === 0 && through === 0 && r.readsRefused.length === 0 && r.graphUnchanged;
}

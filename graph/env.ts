// Environment variables parsed with zod: a typo ("abc" for a number) stops the program at start
// with the variable's name and what it expects, instead of becoming NaN somewhere later.
// The schemas are the list of every variable (the README's table is checked against them).
// `.describe()` says what a variable expects; it goes last (a transform would drop it).
import { z } from 'zod';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

// An empty variable (`FOO= npm start`) means unset, as it did before.
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A whole number in [min, max], `fallback` when unset. */
export function intVar(fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) {
	const inner = optionalIntVar(min, max);
	return inner.transform((v) => v ?? fallback).describe(inner.description!);
}

/** A whole number in [min, max], or undefined when unset. */
export function optionalIntVar(min = 0, max = Number.MAX_SAFE_INTEGER) {
	return z
		.preprocess(
			blank,
			z
				.string()
				.trim()
				.regex(/^\d+$/)
				.transform(Number)
				.pipe(z.number().int().min(min).max(max))
				.optional()
		)
		.describe(
			max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number ${min}–${max}`
		);
}

/** `auto` (the default) or a whole number ≥ min. */
export function autoIntVar(min = 0) {
	return z
		.preprocess(
			blank,
			z
				.union([
					z.literal('auto'),
					z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min))
				])
				.optional()
		)
		.transform((v) => v ?? ('auto' as const))
		.describe(`auto or a whole number ≥ ${min}`);
}

export function portVar(fallback: number) {
	return intVar(fallback, 1, 65535).describe('a port number between 1 and 65535');
}

/** Free text, `fallback` when unset. */
export function textVar(fallback: string) {
	return optionalTextVar()
		.transform((v) => v ?? fallback)
		.describe('text');
}

export function optionalTextVar() {
	return z.preprocess(blank, z.string().optional()).describe('text');
}

/** `on` (the default) or `off`. */
export function switchVar() {
	return z
		.preprocess(blank, z.enum(['on', 'off']).optional())
		.transform((v) => v !== 'off')
		.describe('"on" or "off"');
}

/** Parses `env` with `schema`; the first bad variable throws a ConfigError naming it. */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Env): z.output<S> {
	const picked: Env = {};
	for (const key of Object.keys(schema.shape)) picked[key] = env[key];
	const result = schema.safeParse(picked);
	if (result.success) return result.data;
	const issue = result.error.issues[0]!;
	const name = String(issue.path[0]);
	const expects = (schema.shape[name] as z.ZodType | undefined)?.description ?? issue.message;
	throw new ConfigError(`${name} must be ${expects}, got "${env[name]}"`);
}

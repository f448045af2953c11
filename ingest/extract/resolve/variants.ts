// Versions and sizes written after a family name: "SD v1.5", "SD-v2.1", "Stable Diffusion v 1.4
// and v 2", "KOALA-1B & -700M", "DiT-XL/2". Pure token arithmetic, no lexicon.
import type { Token } from '../text.js';

export interface VariantSuffix {
	kind: 'version' | 'size';
	/** canonical label: "v1.5", "700M", "XL" */
	label: string;
	first: number; // token range of the suffix, inclusive
	last: number;
}

export interface VariantOptions {
	/** accept "S", "B", "L", "XL" sizes (DiT-XL/2, ViT-B) */
	sizes: boolean;
	/** accept bare numbers ("Stable Diffusion 2", "Kandinsky 2.2"), not only "v2" */
	bareNumbers: boolean;
}

const VERSION = /^[vV] ?(\d{1,2})(?:[.-](\d{1,2}))?(?:\.(\d{1,2}))?$/;
const BARE_VERSION = /^(\d{1,2})(?:\.(\d{1,2}))?(?:\.(\d{1,2}))?$/;
const LETTER_SIZE = /^(S|B|L|XL|XXL|H|G)(?:\/(\d+))?$/;
const PARAM_SIZE = /^(\d+(?:\.\d+)?)([MBK])$/;

/** The glued run of tokens starting at `i` ("v1.5", "700M", "XL/2"), trailing dots dropped. */
function gluedRun(tokens: Token[], i: number, end: number): number {
	let j = i;
	while (j + 1 < end && !tokens[j + 1]!.space && /^[\p{L}\p{N}.\-/+]/u.test(tokens[j + 1]!.text))
		j++;
	while (j > i && !tokens[j]!.word) j--;
	return j;
}

/** A version or size suffix starting right after a family name ending at token `after - 1`. */
export function parseVariantSuffix(
	tokens: Token[],
	after: number,
	end: number,
	opts: VariantOptions
): VariantSuffix | null {
	let k = after;
	if (k >= end) return null;
	const attached = !tokens[k]!.space;
	if (attached && (tokens[k]!.text === '-' || tokens[k]!.text === '_')) {
		k++;
		if (k >= end || tokens[k]!.space) return null;
	} else if (attached && !tokens[k]!.word) return null;
	if (!tokens[k]!.word) return null;
	// "v 1.4": a lone v, a space, then the number
	let text: string;
	let last: number;
	if (
		(tokens[k]!.text === 'v' || tokens[k]!.text === 'V') &&
		k + 1 < end &&
		/^\d/.test(tokens[k + 1]!.text)
	) {
		last = gluedRun(tokens, k + 1, end);
		text = 'v' + spanText(tokens, k + 1, last);
	} else {
		last = gluedRun(tokens, k, end);
		text = spanText(tokens, k, last);
	}
	const v =
		VERSION.exec(text) ?? (opts.bareNumbers || /\./.test(text) ? BARE_VERSION.exec(text) : null);
	if (v) {
		if (!attached && !/^[vV]/.test(text) && !/\./.test(text) && Number(v[1]) > 9) return null;
		return { kind: 'version', label: versionLabel(v), first: after, last };
	}
	const p = PARAM_SIZE.exec(text);
	if (p) return { kind: 'size', label: p[1]! + p[2]!, first: after, last };
	if (opts.sizes) {
		const s = LETTER_SIZE.exec(text);
		if (s) return { kind: 'size', label: s[1]!, first: after, last };
	}
	return null;
}

function versionLabel(m: RegExpExecArray): string {
	const parts = [m[1], m[2], m[3]].filter((x): x is string => x !== undefined);
	while (parts.length > 1 && /^0+$/.test(parts[parts.length - 1]!)) parts.pop();
	return 'v' + parts.map((p) => String(Number(p))).join('.');
}

function spanText(tokens: Token[], first: number, last: number): string {
	let s = '';
	for (let i = first; i <= last; i++) s += tokens[i]!.text;
	return s;
}

/**
 * More variants of the same family in a list: "v 1.4 and v 2", "1B & -700M", "-S, -B and -XL".
 * Returns each further suffix after `last`.
 */
export function parseVariantList(
	tokens: Token[],
	last: number,
	end: number,
	opts: VariantOptions
): VariantSuffix[] {
	const out: VariantSuffix[] = [];
	let k = last + 1;
	while (k < end) {
		const t = tokens[k]!.text.toLowerCase();
		if (t !== ',' && t !== 'and' && t !== 'or' && t !== '&' && t !== '/') break;
		let n = k + 1;
		if (n < end && tokens[n]!.text.toLowerCase() === 'and') n++;
		if (n >= end) break;
		// the next item must start with a dash, a "v" or a digit to be a bare suffix
		if (!/^(-|[vV]\d*|\d)/.test(tokens[n]!.text)) break;
		const fake = { ...tokens[n]!, space: tokens[n]!.text === '-' ? false : tokens[n]!.space };
		const copy = tokens.slice();
		copy[n] = fake;
		const s = parseVariantSuffix(copy, n, end, { ...opts, bareNumbers: false });
		if (!s) break;
		out.push(s);
		k = s.last + 1;
	}
	return out;
}

/** Name of a variant: "Stable Diffusion" + v1.5 → "Stable Diffusion v1.5"; KOALA + 700M → "KOALA-700M". */
export function variantName(family: string, s: Pick<VariantSuffix, 'kind' | 'label'>): string {
	return s.kind === 'version' ? `${family} ${s.label}` : `${family}-${s.label}`;
}

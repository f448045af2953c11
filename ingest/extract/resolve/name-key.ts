// Spelling-insensitive keys: one key for "SD-XL", "SDXL" and "sd xl".

// Nearly every name is ASCII, where NFKD and mark removal change nothing and letters and digits
// are [A-Za-z0-9]: the plain patterns give the same keys as the Unicode ones, several times faster.
// eslint-disable-next-line no-control-regex -- every ASCII code, control characters included
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Lower case, accents folded, everything but letters, digits and "+" dropped:
 * `Stable Diffusion v1.5` → `stablediffusionv15`, `PFGM++` → `pfgm++`. Greek and other
 * letters survive, so `PixArt-α` and `PixArt-Σ` stay apart.
 */
export function nameKey(text: string): string {
	if (ASCII_ONLY.test(text)) return text.toLowerCase().replace(/[^a-z0-9+]+/g, '');
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}+]+/gu, '');
}

/** Letters and digits only, case kept: how a short acronym must be spelled to count. */
export function caseKey(text: string): string {
	if (ASCII_ONLY.test(text)) return text.replace(/[^A-Za-z0-9+]+/g, '');
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.replace(/[^\p{L}\p{N}+]+/gu, '');
}

/**
 * Short acronyms clash with English ("IS", "CLIP" vs "clip", "SAM"): an alias of one piece, at
 * most five characters, written with capitals, only matches when spelled with the same case.
 */
export function isCaseSensitiveAlias(alias: string): boolean {
	if (/[\s-]/.test(alias.trim())) return false;
	const letters = caseKey(alias);
	return letters.length <= 5 && /\p{Lu}/u.test(letters);
}

/** Plural spellings a lexicon alias also covers: "ControlNet" → "ControlNets". */
export function pluralKeys(key: string): string[] {
	if (key.length < 4 || !/[a-z]$/.test(key) || key.endsWith('s')) return [];
	return [key + 's'];
}

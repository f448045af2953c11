// Spelling-insensitive keys: one key for "SD-XL", "SDXL" and "sd xl".

/**
 * Lower case, accents folded, everything but letters, digits and "+" dropped:
 * `Stable Diffusion v1.5` → `stablediffusionv15`, `PFGM++` → `pfgm++`. Greek and other
 * letters survive, so `PixArt-α` and `PixArt-Σ` stay apart.
 */
export function nameKey(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}+]+/gu, '');
}

/** Letters and digits only, case kept: how a short acronym must be spelled to count. */
export function caseKey(text: string): string {
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

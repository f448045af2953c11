// Input hygiene before analysis: markup out, whitespace tidy, and a verdict on whether the text is
// English prose worth analysing at all.

const ENTITIES: Record<string, string> = {
	'&amp;': '&',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&#39;': "'",
	'&apos;': "'",
	'&nbsp;': ' '
};

// eslint-disable-next-line no-control-regex -- stray control bytes in scraped text become spaces
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Removes HTML tags and entities and LaTeX markup; keeps the words ("$\mathcal{O}(n)$" → "O(n)"). */
export function cleanText(raw: string): string {
	return (
		raw
			.replace(/<[^>]{0,200}>/g, ' ')
			// links carry names ("github.com/x/InstaFlow") that are not mentions
			.replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
			// The lookbehinds let a match start only where its run starts: without them a long
			// "a-a-a-…" or space run is rescanned from every position (quadratic, minutes on 1 MB).
			.replace(
				/(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|io|org|net|ai|edu|dev|page)(?:\/\S*)?/gi,
				' '
			)
			.replace(/(?<! ) +([.,;])/g, '$1')
			.replace(/&(?:amp|lt|gt|quot|#39|apos|nbsp);/g, (m) => ENTITIES[m] ?? ' ')
			.replace(
				/\\(?:mathcal|mathbf|mathrm|textbf|textit|emph|text|mathit|boldsymbol|operatorname)\{([^{}]*)\}/g,
				'$1'
			)
			.replace(/\\times/g, 'x')
			.replace(/\\([a-zA-Z]+)/g, '$1')
			.replace(/\$([^$]{0,80})\$/g, '$1')
			.replace(/[{}$]/g, '')
			.replace(CONTROL_CHARS, ' ')
			.replace(/[ \t\r\f\v]+/g, ' ')
			.replace(/(?<![^\S\n])[^\S\n]*\n\s*/g, '\n')
			.trim()
	);
}

const FUNCTION_WORDS = new Set([
	'the',
	'of',
	'and',
	'to',
	'in',
	'a',
	'we',
	'is',
	'for',
	'with',
	'that',
	'on',
	'this',
	'our',
	'are',
	'by',
	'as',
	'an',
	'from',
	'which',
	'can'
]);

/** Why a text is not analysed, or null when it reads as English prose. */
export function notEnglishReason(text: string): string | null {
	// one pass over the characters: cheap enough to run on every abstract
	let latin = 0;
	let other = 0;
	let words = 0;
	let fn = 0;
	let word = '';
	for (let i = 0; i <= text.length; i++) {
		const c = i < text.length ? text.charCodeAt(i) : 32;
		const lower = c | 32;
		if (lower >= 97 && lower <= 122) {
			latin++;
			word += String.fromCharCode(lower);
			continue;
		}
		if (c > 127 && /\p{L}/u.test(text[i])) other++;
		if (word) {
			words++;
			if (FUNCTION_WORDS.has(word)) fn++;
			word = '';
		}
	}
	if (latin + other === 0) return null;
	if (latin / (latin + other) < 0.6) return 'not English: mostly non-Latin script';
	if (words < 25) return null;
	if (fn / words < 0.06) return 'not English prose: too few English function words';
	return null;
}

/** Longest abstract analysed; beyond this the text is cut at a sentence end. */
export const MAX_ABSTRACT_CHARS = 20_000;

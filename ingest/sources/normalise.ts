// Text and identifier normalisation shared by every reader, so a paper reads the same whether
// it came from arXiv, OpenAlex, BibTeX or a spreadsheet. Pure functions; table-tested.

export interface CleanOptions {
	/**
	 * Treat the text as LaTeX source: true for arXiv and BibTeX; 'auto' (JSON, CSV) only when the
	 * text shows real markup ($…$, \textbf{…}, \cite{…}); false for rendered text such as the
	 * sample corpus, where a stray "--" or "\%" is what the page showed.
	 */
	latex?: boolean | 'auto';
}

/** NFC, hyphenation across line breaks, HTML tags and entities, LaTeX markup, whitespace. */
export function cleanRecordText(input: string, opts: CleanOptions = {}): string {
	// The ASCII checks skip work most records do not need (a reader calls this several times per
	// record, and million-record files are read in seconds).
	let s = NON_ASCII.test(input) ? capMarks(input).normalize('NFC') : input;
	if (s.includes('\n')) s = joinHyphenatedLineBreaks(s);
	s = stripHtml(s);
	if (opts.latex === true || (opts.latex === 'auto' && looksLikeLatex(s))) s = stripLatex(s);
	if (NON_ASCII.test(s)) s = s.replace(/\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/g, '');
	s = s.replace(/\s+/g, ' ').trim();
	return NON_ASCII.test(s) ? s.normalize('NFC') : s;
}

// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * At most 30 combining marks in a row (Unicode's stream-safe limit, UAX #15): normalisation
 * sorts a run of marks, which takes quadratic time — a 1 MB run of accents stalled a reader.
 */
export function capMarks(s: string): string {
	return s.replace(/\p{M}{31,}/gu, (run) => Array.from(run).slice(0, 30).join(''));
}

// A hyphen at a line end splits a word ("diffu-\nsion") unless it is a real compound
// ("text-to-\nimage", "self-\nattention"): keep it after these prefixes or an earlier hyphen.
const COMPOUND_PREFIXES = new Set(
	'self non cross multi zero few one two three high low state real large small fine semi coarse open end long short well text image video state-of-the pre post co'.split(
		' '
	)
);

export function joinHyphenatedLineBreaks(s: string): string {
	// The lookbehind starts a match only at the start of a word: otherwise a long run of letters
	// is rescanned from each of its positions (quadratic: minutes for a 1 MB token).
	return s.replace(
		/(?<![\p{L}\p{N}-])([\p{L}\p{N}-]*\p{L})-[ \t]*\r?\n[ \t]*(?=\p{Ll})/gu,
		(_m, left: string) =>
			left.includes('-') || COMPOUND_PREFIXES.has(left.toLowerCase()) ? `${left}-` : left
	);
}

const BLOCK_TAGS = /^(p|br|div|li|ul|ol|h[1-6]|tr|td|jats:p|jats:sec|sec|abstract)$/i;
const INLINE_TAGS =
	/^(i|b|em|strong|sub|sup|span|a|u|tt|code|small|font|italic|bold|sc|math|mi|mo|mn|mrow|msub|msup|mtext|inline-formula|jats:[a-z-]+|mml:[a-z-]+)$/i;

/** Drops HTML/JATS/MathML tags (keeping their text) and decodes entities. */
export function stripHtml(s: string): string {
	if (s.includes('<')) {
		// A JATS section heading ("Abstract") is a label, not abstract text.
		// (Tempered so that many unclosed <jats:title> tags cost linear, not quadratic, time.)
		s = s.replace(/<jats:title>(?:(?!<\/?jats:title>)[\s\S])*<\/jats:title>/gi, ' ');
		s = s.replace(/<\/?([a-zA-Z][\w:-]*)(?:\s[^<>]*)?\/?>/g, (m, name: string) =>
			BLOCK_TAGS.test(name) ? ' ' : INLINE_TAGS.test(name) ? '' : m
		);
	}
	return s.includes('&') ? decodeEntities(s) : s;
}

/** HTML's named entities that abstracts carry, by name: the one table readers and extractor use. */
export const HTML_ENTITIES: Readonly<Record<string, string>> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ndash: '–',
	mdash: '—',
	hellip: '…',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	times: '×',
	le: '≤',
	ge: '≥',
	plusmn: '±',
	deg: '°',
	micro: 'µ',
	alpha: 'α',
	beta: 'β',
	gamma: 'γ',
	delta: 'δ',
	epsilon: 'ε',
	lambda: 'λ',
	mu: 'μ',
	sigma: 'σ',
	rarr: '→',
	larr: '←',
	asymp: '≈',
	sim: '∼',
	eacute: 'é',
	egrave: 'è',
	ouml: 'ö',
	uuml: 'ü',
	auml: 'ä',
	szlig: 'ß',
	ccedil: 'ç'
};

export function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
		if (body[0] === '#') {
			const code =
				body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
		}
		return HTML_ENTITIES[body] ?? HTML_ENTITIES[body.toLowerCase()] ?? m;
	});
}

const SYMBOLS: Record<string, string> = {
	times: '×',
	sim: '~',
	approx: '≈',
	leq: '≤',
	le: '≤',
	geq: '≥',
	ge: '≥',
	neq: '≠',
	pm: '±',
	cdot: '·',
	infty: '∞',
	rightarrow: '→',
	to: '→',
	leftarrow: '←',
	Rightarrow: '⇒',
	ll: '≪',
	gg: '≫',
	in: '∈',
	alpha: 'α',
	beta: 'β',
	gamma: 'γ',
	delta: 'δ',
	epsilon: 'ε',
	varepsilon: 'ε',
	eta: 'η',
	theta: 'θ',
	lambda: 'λ',
	mu: 'μ',
	pi: 'π',
	rho: 'ρ',
	sigma: 'σ',
	tau: 'τ',
	phi: 'φ',
	psi: 'ψ',
	omega: 'ω',
	Delta: 'Δ',
	Sigma: 'Σ',
	Omega: 'Ω',
	ldots: '…',
	dots: '…',
	cdots: '…',
	textasciitilde: '~',
	textendash: '–',
	textemdash: '—',
	LaTeX: 'LaTeX',
	TeX: 'TeX'
};

// Commands whose argument is the text to keep: \textbf{x} → x.
const WRAPPERS =
	'textbf|textit|textsl|textsc|texttt|textrm|textsf|textup|textnormal|emph|underline|text|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|boldsymbol|bm|operatorname|mbox|hbox|url|textsuperscript|textsubscript';
const WRAPPER_RE = new RegExp(`\\\\(?:${WRAPPERS})\\*?\\s*\\{([^{}]*)\\}`, 'g');
// References into the paper's own apparatus mean nothing in an abstract: dropped with their space.
const DROPPED_RE =
	/(?<!\s)\s*~?\\(?:cite[a-z]*|ref|eqref|autoref|cref|Cref|label|footnote|footnotemark)\*?(?:\[[^\]]*\])*\{[^{}]*\}/g;
const ACCENTS: Record<string, string> = {
	'"': '\u0308',
	"'": '\u0301',
	'`': '\u0300',
	'^': '\u0302',
	'~': '\u0303',
	'=': '\u0304',
	'.': '\u0307',
	u: '\u0306',
	v: '\u030c',
	H: '\u030b',
	c: '\u0327',
	k: '\u0328',
	r: '\u030a'
};

const LATEX_SIGNAL =
	/\$[^$\n]+\$|\\(?:textbf|textit|texttt|textsc|emph|cite[a-z]*|mathrm|mathbf|mathcal|mathbb|frac|times|sim|approx|leq|geq|url|href|ref|footnote)\b/;

/** Whether text carries LaTeX markup worth rewriting (see CleanOptions.latex 'auto'). */
export function looksLikeLatex(s: string): boolean {
	return LATEX_SIGNAL.test(s);
}

/** LaTeX source → readable text: math kept as text ($10\times$ → 10×), markup unwrapped. */
export function stripLatex(input: string): string {
	let s = input.replace(/\\\$/g, '\ue000');
	// An accent over a dotless i (\'{\i}, {\'\i}) is a plain accented i.
	s = s.replace(/\\(["'`^~=.])\s*\{?\\i\b\}?/g, (_m, a: string) => 'i' + ACCENTS[a]);
	s = s.replace(
		/\\(["'`^~=.])\s*(?:\{([a-zA-Z])\}|([a-zA-Z]))/g,
		(_m, a: string, b = '', c = '') => (b || c) + ACCENTS[a]
	);
	s = s.replace(
		/\\([uvHckr])(?:\{([a-zA-Z])\}|\s+([a-zA-Z]))/g,
		(_m, a: string, b = '', c = '') => (b || c) + ACCENTS[a]
	);
	s = s
		.replace(/\\(?:ss)\b/g, 'ß')
		.replace(/\\(?:o)\b/g, 'ø')
		.replace(/\\(?:i)\b/g, 'ı');
	s = s.replace(DROPPED_RE, '');
	// A tie (Fig.~3) is a space; done before math so $\sim$ → ~ survives.
	s = s.replace(/(\S)~(?=\S)/g, '$1 ');
	s = s.replace(/\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}/g, '$1');
	for (let i = 0; i < 5 && WRAPPER_RE.test(s); i++) s = s.replace(WRAPPER_RE, '$1');
	// Math: $…$, $$…$$, \(…\), \[…\] keep their content as plain text. (\( and \[ stop at the
	// next opener so a flood of unclosed ones is not rescanned to the end from each.)
	s = s.replace(
		/\$\$([^$]*)\$\$|\$([^$]*)\$|\\\(((?:(?!\\[()])[\s\S])*)\\\)|\\\[((?:(?!\\[[\]])[\s\S])*)\\\]/g,
		(_m, a, b, c, d) => mathText(a ?? b ?? c ?? d ?? '')
	);
	s = s.replace(/\\([%&_#{}])/g, '$1');
	s = s.replace(/\\(\\|\s|,|;|:|!)/g, ' ');
	// Unknown macros (\tnti) keep their name: better a readable token than a hole in the text.
	s = s.replace(/\\([a-zA-Z]+)/g, (_m, name: string) => SYMBOLS[name] ?? name);
	s = s.replace(/---/g, '—').replace(/--/g, '–');
	s = s.replace(/[{}]/g, '');
	return s.replace(/\ue000/g, '$');
}

function mathText(m: string): string {
	let s = m.replace(/\\([a-zA-Z]+)/g, (_x, name: string) => SYMBOLS[name] ?? name);
	s = s.replace(/\\([%&_#{}])/g, '$1');
	s = s.replace(/([\^_])\{([^{}]*)\}/g, '$1$2');
	return s
		.replace(/[{}]/g, '')
		.replace(/\\[,;!: ]/g, ' ')
		.trim();
}

// ---- identifiers -------------------------------------------------------------------------

export interface ArxivId {
	id: string; // without version: 2309.06380, hep-th/9901001
	version?: number;
}

const NEW_ARXIV = /(\d{4}\.\d{4,5})(v\d+)?/;
const OLD_ARXIV = /(?<![a-z-])([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?/;

/** Any arXiv spelling (bare, `arXiv:`, abs/pdf URL, arXiv DOI) → id and version. */
export function parseArxivId(raw: string | undefined | null): ArxivId | null {
	if (!raw) return null;
	const s = String(raw).trim();
	const m = s.match(NEW_ARXIV) ?? s.match(OLD_ARXIV);
	if (!m) return null;
	return m[2] ? { id: m[1]!, version: Number(m[2].slice(1)) } : { id: m[1]! };
}

export function formatArxivId(a: ArxivId): string {
	return a.version ? `${a.id}v${a.version}` : a.id;
}

/** DOI in canonical lower case without resolver prefix; null when it is not a DOI. */
export function normaliseDoi(raw: string | undefined | null): string | null {
	if (!raw) return null;
	const s = String(raw)
		.trim()
		.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
		.replace(/^doi:\s*/i, '');
	return /^10\.\d{4,9}\/\S+$/.test(s) ? s.toLowerCase() : null;
}

/** arXiv registers DOIs of the form 10.48550/arXiv.2309.06380 for every paper. */
export function arxivFromDoi(doi: string | null): ArxivId | null {
	const m = doi?.match(/^10\.48550\/arxiv\.(.+)$/i);
	return m ? parseArxivId(m[1]) : null;
}

/** Year from the record, else the arXiv id (2309.xxxxx → 2023), else a date string. */
export function resolveYear(parts: {
	year?: unknown;
	arxiv?: ArxivId | null;
	date?: string | null;
}): number | null {
	const y = typeof parts.year === 'number' ? parts.year : Number(String(parts.year ?? '').trim());
	if (Number.isInteger(y) && y >= 1900 && y <= 2100) return y;
	if (parts.arxiv) {
		const yy = Number(
			(parts.arxiv.id.match(/^(\d{2})\d{2}\./) ?? parts.arxiv.id.match(/\/(\d{2})\d{5}$/))?.[1]
		);
		if (!Number.isNaN(yy)) return yy >= 91 ? 1900 + yy : 2000 + yy;
	}
	const d = parts.date?.match(/\b(19\d{2}|20\d{2})\b/);
	return d ? Number(d[1]) : null;
}

/** Key under which titles compare equal: case, accents, punctuation and spacing ignored. */
export function titleKey(title: string): string {
	return title
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** URL-safe slug of a title, cut at a word boundary to at most `max` characters. */
export function slugify(title: string, max = 80): string {
	const slug = (NON_ASCII.test(title) ? title.normalize('NFKD').replace(/\p{M}/gu, '') : title)
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length <= max) return slug;
	const cut = slug.slice(0, max + 1);
	const at = cut.lastIndexOf('-');
	return at > 0 ? cut.slice(0, at) : slug.slice(0, max);
}

/** Stable id: arXiv id (no version), else DOI, else the record's own id, else a title slug. */
export function paperId(parts: {
	arxiv?: ArxivId | null;
	doi?: string | null;
	recordId?: string | null;
	title: string;
}): string {
	if (parts.arxiv) return `arxiv:${parts.arxiv.id}`;
	if (parts.doi) return `doi:${parts.doi}`;
	const own = parts.recordId?.trim();
	if (own) return own;
	return slugify(parts.title);
}

// The curated lexicon: JSON data under ./lexicon/, one file per entity type.
import type { EntityType } from '../types.js';
import models from './lexicon/models.json' with { type: 'json' };
import techniques from './lexicon/techniques.json' with { type: 'json' };
import datasets from './lexicon/datasets.json' with { type: 'json' };
import metrics from './lexicon/metrics.json' with { type: 'json' };
import tasks from './lexicon/tasks.json' with { type: 'json' };
import notNames from './lexicon/not-names.json' with { type: 'json' };

export type LexRole = 'base' | 'component' | 'class';

/** One line of a lexicon file, as a person writes it. */
export interface LexiconEntryData {
	name: string;
	aliases?: string[];
	/** canonical name of the family this entry is a version or size of */
	family?: string;
	/**
	 * base: usually what a paper builds on; component: usually a part it uses; class: a kind of
	 * model ("large language model"), which a paper uses but builds on only through a member
	 */
	role?: LexRole;
	/** umbrella term (diffusion model, U-Net): an entity, but no guessed relations */
	generic?: boolean;
	/** very broad task (image generation): kept only when the title names it */
	broad?: boolean;
	/** force case-sensitive matching of every alias */
	cs?: boolean;
	/**
	 * words after which the name is a phrase of its words, not the entity: "Stable Diffusion
	 * Training" is stable training of diffusion models
	 */
	notBefore?: string[];
	/** size variants like DiT-XL/2, ViT-B are parsed after this name */
	sizes?: boolean;
	/** override the file's type for this entry */
	type?: EntityType;
}

export interface LexiconFileData {
	type: EntityType;
	about?: string;
	entries: LexiconEntryData[];
}

export interface LexEntity {
	index: number;
	name: string;
	type: EntityType;
	aliases: string[];
	family?: string;
	role?: LexRole;
	generic: boolean;
	broad: boolean;
	caseSensitive: boolean;
	sizes: boolean;
	notBefore?: ReadonlySet<string>;
}

export const LEXICON_FILES: LexiconFileData[] = [
	models as LexiconFileData,
	techniques as LexiconFileData,
	datasets as LexiconFileData,
	metrics as LexiconFileData,
	tasks as LexiconFileData
];

/** Capitalised words and acronyms that look like names but are not entities (GPU, FPS, …). */
export const NOT_NAMES: ReadonlySet<string> = new Set(
	(notNames as { words: string[] }).words.map((w) => w.toLowerCase())
);

export function lexiconEntities(files: LexiconFileData[] = LEXICON_FILES): LexEntity[] {
	const out: LexEntity[] = [];
	for (const file of files) {
		for (const e of file.entries) {
			out.push({
				index: out.length,
				name: e.name,
				type: e.type ?? file.type,
				aliases: e.aliases ?? [],
				family: e.family,
				role: e.role,
				generic: e.generic === true,
				broad: e.broad === true,
				caseSensitive: e.cs === true,
				sizes: e.sizes === true,
				...(e.notBefore ? { notBefore: new Set(e.notBefore.map((w) => w.toLowerCase())) } : {})
			});
		}
	}
	return out;
}

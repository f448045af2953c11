// Rules for abstracts beyond the sample corpus's world (issue 15): one case per rule and one per
// false positive that real abstracts from agents, LLMs and robotics produced.
import { describe, expect, it } from 'vitest';
import { entities, extract, relations } from './helpers.js';

interface Case {
	rule: string;
	title: string;
	abstract: string;
	entities?: string[];
	relations?: string[];
	absentEntities?: string[];
	absent?: string[];
}

const CASES: Case[] = [
	{
		rule: 'task.title after "for": an open-vocabulary task the paper addresses',
		title: 'Improved Agents for Financial Document Question Answering',
		abstract: 'We study numerical reasoning over reports.',
		entities: ['financial document question answering (Task)'],
		relations: ['@paper ADDRESSES financial document question answering']
	},
	{
		rule: 'task.title after the colon, ending before "with"',
		title: 'Dreamland: Controllable World Creation with Simulator and Generative Models',
		abstract: 'We propose Dreamland, a hybrid world generation framework.',
		entities: ['controllable world creation (Task)', 'Dreamland (Technique)'],
		relations: ['@paper PROPOSES Dreamland', '@paper ADDRESSES controllable world creation']
	},
	{
		rule: 'a title name with a task head is the task, not a proposal',
		title: 'Deceptive Path Planning: A Bayesian Game Approach',
		abstract: 'Robots must reach goals while hiding them.',
		entities: ['deceptive path planning (Task)'],
		absent: ['@paper PROPOSES deceptive path planning']
	},
	{
		rule: 'task.title skips a leading verb and a known task with adjectives',
		title: 'FastGen: Boosting High-Fidelity Text-to-3D Generation via Coarse Priors',
		abstract: 'Text-to-3D generation is slow.',
		entities: ['text-to-3D generation (Task)'],
		absentEntities: ['boosting high-fidelity text-to-3D generation (Task)']
	},
	{
		rule: 'no task from a clause or from a phrase holding a model',
		title:
			'Motion Modeling is Easier Than You Think: Analysis of Stable Diffusion Image Laundering',
		abstract: 'We look at laundering.',
		absentEntities: [
			'motion modeling (Task)',
			'analysis of Stable Diffusion image laundering (Task)'
		]
	},
	{
		rule: 'a title attacking or revisiting a method studies it rather than builds on it',
		title: 'GradSteal: Gradient Inversion Attacks on LoRA Fine-Tuning',
		abstract: 'We recover private data from adapter gradients.',
		relations: ['@paper PROPOSES GradSteal', '@paper USES LoRA'],
		absent: ['@paper BUILDS_ON LoRA']
	},
	{
		rule: 'languages, accelerators and hyphen adjectives are not names',
		title: 'Spanish and Catalan Bias Benchmarks',
		abstract:
			'We train on MI300X accelerators and 8xA100-40G nodes with a GPU-accelerated pipeline and STE-derived labels for the NLPCC-2025 shared task.',
		absentEntities: [
			'Spanish (Technique)',
			'Spanish (Model)',
			'MI300X (Model)',
			'8xA100-40G (Model)',
			'NLPCC-2025 (Model)',
			'NLPCC-2025 (Dataset)',
			'GPU-accelerated (Technique)',
			'STE-derived (Model)'
		]
	},
	{
		rule: 'hardware and sensors defined by a long form are not entities; "Stable Diffusion Training" is stable training',
		title: 'SDPO: Importance-Sampled Preference Optimization for Stable Diffusion Training',
		abstract:
			'We run our method on a Quantum Processing Unit (QPU) and on Synthetic Aperture Radar (SAR) images.',
		absentEntities: [
			'Quantum Processing Unit (Technique)',
			'Quantum Processing Unit (Model)',
			'Synthetic Aperture Radar (Technique)',
			'Synthetic Aperture Radar (Model)',
			'Synthetic Aperture Radar (Dataset)'
		],
		absent: ['@paper BUILDS_ON Stable Diffusion']
	},
	{
		rule: 'a paper proposing an explainer of a model studies the model its title names',
		title: 'Interactive Visual Learning for Stable Diffusion',
		abstract:
			'We present Diffusion Explainer, the first interactive tool that explains how it works.',
		relations: ['@paper PROPOSES Diffusion Explainer', '@paper USES Stable Diffusion'],
		absent: ['@paper BUILDS_ON Stable Diffusion']
	},
	{
		rule: 'a kind of a known method or task is named as such, not as the general one',
		title: 'Residual Policies for Robot Assembly',
		abstract:
			'We use residual reinforcement learning and hierarchical clustering for multimodal sentiment analysis.',
		entities: [
			'residual reinforcement learning (Technique)',
			'hierarchical clustering (Technique)',
			'multimodal sentiment analysis (Task)'
		],
		absentEntities: ['reinforcement learning (Technique)', 'sentiment analysis (Task)']
	},
	{
		rule: 'more kinds of known methods and tasks: rotary, heterogeneous, few-shot',
		title: 'Graphs for Detection',
		abstract:
			'We use rotary positional encodings and a heterogeneous graph neural network for few-shot object detection.',
		entities: [
			'rotary positional encoding (Technique)',
			'heterogeneous graph neural network (Technique)',
			'few-shot object detection (Task)'
		],
		absentEntities: ['positional encoding (Technique)', 'graph neural network (Technique)']
	},
	{
		rule: 'versions and sizes are their own entities, not the family (guidelines)',
		title: 'Speaker Models at Scale',
		abstract:
			'We train on VoxCeleb2 with a VGG16 encoder and compare with GPT-3.5-Turbo, evaluating on HumanEval+ and ScanNet++.',
		entities: [
			'VoxCeleb2 (Dataset)',
			'VGG-16 (Model)',
			'GPT-3.5-Turbo (Model)',
			'HumanEval+ (Dataset)',
			'ScanNet++ (Dataset)'
		],
		absentEntities: ['VoxCeleb (Dataset)', 'VGG (Model)', 'GPT-3.5 (Model)', 'HumanEval (Dataset)']
	},
	{
		rule: "a short form the paper defines otherwise is not the lexicon's reading of it",
		title: 'Robot Policies in the Wild',
		abstract:
			'We report the success rate (SR) over 20 tasks, where our policy raises SR by 12%. Knowledge distillation (KD) helps.',
		entities: ['knowledge distillation (Technique)'],
		absentEntities: ['super-resolution (Task)']
	},
	{
		rule: 'a short form defined by the lexicon entry, capitalised or loosely worded, keeps its reading',
		title: 'Cheaper Reward Models',
		abstract:
			'We add a Reinforcement Learning (RL) based stage to Reinforcement Learning Human Feedback (RLHF) pipelines. RL and RLHF are costly.',
		entities: ['reinforcement learning (Technique)', 'RLHF (Technique)'],
		absentEntities: ['Reinforcement Learning (Technique)']
	},
	{
		rule: 'a coined word written before "robot", "quadruped" or "sensor" is hardware in every sentence',
		title: 'Teleoperation at Scale',
		abstract:
			'We deploy the policy on the xArm robot. The xArm follows commands, and a Tron1 quadruped walks. We propose TacNet for grasping.',
		entities: ['TacNet (Technique)'],
		absentEntities: ['xArm (Model)', 'xArm (Technique)', 'Tron1 (Model)', 'Tron1 (Technique)']
	},
	{
		rule: 'title tasks drop praise and two-word adjectives of the method, keep kinds of the task',
		title: 'GTool: Graph Enhanced Tool Planning with Large Language Models',
		abstract: 'We study tools.',
		entities: ['tool planning (Task)'],
		absentEntities: ['graph enhanced tool planning (Task)']
	},
	{
		rule: 'title tasks keep the kind of the task ("multi-hop") and drop praise ("universal")',
		title: 'Towards Universal Multi-Hop Question Generation',
		abstract: 'We study questions.',
		entities: ['multi-hop question generation (Task)'],
		absentEntities: ['universal multi-hop question generation (Task)']
	},
	{
		rule: 'a title task too general to say what the paper is about is none',
		title: 'Decision Making under Uncertainty',
		abstract: 'We study agents.',
		absentEntities: ['decision making (Task)']
	},
	{
		rule: 'a compound adjective made of a metric name is not the metric',
		title: 'Deduplicating Pretraining Data',
		abstract: 'We apply exact-match filters and an exact-match reward to the corpus.',
		absentEntities: ['exact match (Metric)']
	},
	{
		rule: 'a title slogan of ordinary words before the colon is no name unless the abstract names it again',
		title: 'Interaction Matters: Learning Policies from Play',
		abstract: 'We learn robot policies from play data and evaluate them in simulation.',
		absentEntities: ['Interaction Matters (Technique)', 'Interaction Matters (Model)']
	},
	{
		rule: 'a title name of ordinary words that the abstract repeats is a name',
		title: 'Node Splitting: Faster Training of Decision Forests',
		abstract: 'We propose Node Splitting, which trains decision forests twice as fast.',
		entities: ['Node Splitting (Technique)'],
		relations: ['@paper PROPOSES Node Splitting']
	},
	{
		rule: 'an eponym in a phrase it does not name is no name; a footnote mark is not part of one',
		title: 'Bandits with Delays',
		abstract:
			'We derive the Bellman equation and run a DeLong test. We propose Double-Greedy Explore-then-Commit*, a new algorithm.',
		entities: ['Double-Greedy Explore-then-Commit (Technique)'],
		absentEntities: [
			'Bellman (Model)',
			'Bellman (Technique)',
			'DeLong (Model)',
			'DeLong (Technique)'
		]
	},
	{
		rule: 'a title in capitals makes no names of its words',
		title: 'ANALYSIS ON GRADIENT PROPAGATION IN BATCH NORMALIZED RESIDUAL NETWORKS',
		abstract: 'We study how gradients pass through residual networks with batch normalization.',
		absentEntities: ['GRADIENT (Technique)', 'PROPAGATION (Technique)', 'NORMALIZED (Technique)']
	},
	{
		rule: '"we refer to this task as X (Y)": X names a task, and the method is the proposal',
		title: 'Efficient Open-Label Recognition in the Age of Multimodal LLMs',
		abstract:
			'We refer to this task as Vocabulary-Free FGVR (VF-FGVR), where a model predicts labels freely. We introduce Nearest-Neighbor Label Refinement (NeaR), a novel approach that fine-tunes a CLIP model.',
		entities: ['vocabulary-free FGVR (Task)'],
		relations: ['@paper PROPOSES Nearest-Neighbor Label Refinement'],
		absent: ['@paper PROPOSES vocabulary-free FGVR', '@paper PROPOSES Vocabulary-Free FGVR']
	},
	{
		rule: 'a descriptive long form of a title name leaves the short form canonical',
		title: 'ROPA: Synthetic Robot Pose Generation for RGB-D Bimanual Data Augmentation',
		abstract:
			'In this paper, we propose Synthetic Robot Pose Generation for RGB-D Bimanual Data Augmentation (ROPA), a method that fine-tunes Stable Diffusion.',
		relations: ['@paper PROPOSES ROPA', '@paper BUILDS_ON Stable Diffusion'],
		absentEntities: ['Robot Pose Generation for RGB-D Bimanual Data Augmentation (Technique)']
	},
	{
		rule: 'letters picked across a phrase with a verb are no long form; the bracket names the proposal',
		title: 'Traffic Scene Understanding with Prompts',
		abstract:
			'We propose a novel SpatioTemporal Tuned Model based on CILP (ST-CLIP) for traffic scenes.',
		relations: ['@paper PROPOSES ST-CLIP'],
		absentEntities: [
			'SpatioTemporal (Technique)',
			'SpatioTemporal (Model)',
			'SpatioTemporal Tuned Model based on CILP (Technique)'
		]
	},
	{
		rule: 'type.name-head: "-bench" is a dataset, "-Agent" a model, plural kinds a technique',
		title: 'Spec2RTL-Agent: Hardware Code',
		abstract:
			'We build USEbench to test Spec2RTL-Agent. We propose Embodied Web Agents, a new paradigm.',
		entities: ['USEbench (Dataset)', 'Spec2RTL-Agent (Model)', 'Embodied Web Agents (Technique)']
	},
	{
		rule: 'type.head-after + construct: a proposed dataset is proposed and evaluated on',
		title: 'Worlds',
		abstract: 'We further construct a D3Sim dataset to facilitate training and evaluation.',
		entities: ['D3Sim (Dataset)'],
		relations: ['@paper PROPOSES D3Sim', '@paper EVALUATED_ON D3Sim']
	},
	{
		rule: 'type.apposition: "a novel benchmark, X" beats the title\'s default',
		title: 'LIFELONG SOTOPIA: Evaluating Social Intelligence of Language Agents',
		abstract:
			'In this paper, we present a novel benchmark, LIFELONG-SOTOPIA, to evaluate language agents.',
		entities: ['LIFELONG SOTOPIA (Dataset)'],
		absentEntities: ['LIFELONG (Model)', 'LIFELONG (Technique)'],
		relations: ['@paper PROPOSES LIFELONG SOTOPIA', '@paper EVALUATED_ON LIFELONG SOTOPIA']
	},
	{
		rule: 'name.apposition: "with a language agent, LA-CDM," in a proposing sentence',
		title: 'Clinical agents',
		abstract:
			'We propose to model diagnosis with a hypothesis-driven uncertainty-aware language agent, LA-CDM, that requests tests.',
		entities: ['LA-CDM (Model)'],
		relations: ['@paper PROPOSES LA-CDM']
	},
	{
		rule: 'type.list-sibling: a new name in a list of benchmarks is a benchmark',
		title: 'Software agents',
		abstract:
			'USEbench mixes tasks from existing benchmarks such as SWE-bench, SWT-bench, and REPOCOD.',
		entities: ['REPOCOD (Dataset)']
	},
	{
		rule: 'a defined name after a use cue is used, not proposed',
		title: 'Games',
		abstract:
			'We use Perfect Bayesian Nash Equilibrium (PBNE) as our solution concept and propose an efficient solver.',
		relations: ['@paper USES Perfect Bayesian Nash Equilibrium'],
		absent: ['@paper PROPOSES Perfect Bayesian Nash Equilibrium']
	},
	{
		rule: 'a lower-case long form whose head names a method is kept ("tool context protocol")',
		title: 'Safety Risks in TOCP-Powered Agent Systems',
		abstract: 'This encourages the emergence of tool context protocol (TOCP) for tools.',
		entities: ['tool context protocol (Technique)'],
		relations: ['@paper USES tool context protocol'],
		absentEntities: ['TOCP-Powered (Model)', 'TOCP-Powered (Technique)'],
		absent: ['@paper BUILDS_ON tool context protocol']
	},
	{
		rule: 'the long form becomes the canonical name of a short form found first',
		title:
			'Robot Context Protocol (RCP): A Runtime-Agnostic Interface for Agent-Aware Robot Control',
		abstract: 'RCP is a lightweight communication protocol for robots.',
		entities: ['Robot Context Protocol (Technique)', 'robot control (Task)'],
		relations: ['@paper PROPOSES Robot Context Protocol'],
		absentEntities: ['Robot Context Protocol (RCP (Technique)']
	},
	{
		rule: 'a capitalised "Design" inside a name is not the verb "design"',
		title: 'Intelligent Design 4.0: Paradigm Evolution Toward the Agentic AI Era',
		abstract: 'This paper introduces Intelligent Design 4.0 (ID 4.0) as an emerging paradigm.',
		relations: ['@paper PROPOSES Intelligent Design 4.0'],
		absentEntities: ['4.0 (Technique)', '4.0 (Model)']
	},
	{
		rule: 'a title question or choice before the colon is no name',
		title: 'Upgrade or Switch: Do We Need a New Registry?',
		abstract: 'We compare registries.',
		absentEntities: ['Upgrade or Switch (Technique)', 'Upgrade or Switch (Model)']
	},
	{
		rule: 'a defined short form is what the paper defines, not the lexicon entry',
		title: 'Shape matching',
		abstract:
			'We measure the shape distance (SD) between meshes. The SD halves. We use singular value decomposition (SVD) to compress, and SVD is fast.',
		entities: ['shape distance (Metric)', 'singular value decomposition (Technique)'],
		absentEntities: ['Stable Diffusion (Model)', 'Stable Video Diffusion (Model)']
	},
	{
		rule: 'a short symbol next to "=" is a variable',
		title: 'Statistics',
		abstract: 'Scores varied (SD=0.16-0.36) across raters, SD ± 0.2.',
		absentEntities: ['Stable Diffusion (Model)']
	},
	{
		rule: '"-free" and "without" make no relation',
		title: 'ControlNet-Free Video Editing',
		abstract: 'We edit videos without LoRA.',
		absent: [
			'@paper BUILDS_ON ControlNet',
			'@paper USES ControlNet',
			'@paper USES LoRA',
			'@paper BUILDS_ON LoRA'
		]
	},
	{
		rule: 'abbreviations by word initials first',
		title: 'Control',
		abstract:
			'We train with Proximal Policy Optimization (PPO) and a Cross-Layer Gated Unit (CLGU).',
		entities: ['Cross-Layer Gated Unit (Technique)'],
		absentEntities: ['Policy Optimization (Technique)', 'Layer Gated Unit (Technique)']
	},
	{
		rule: 'a coined word right after "we release" is a name; "14B-parameter" is not',
		title: 'Llamion Technical Report',
		abstract: 'We release Llamion, a family of 14B-parameter open-weight language models.',
		relations: ['@paper PROPOSES Llamion'],
		absentEntities: ['14B-parameter (Model)', '14B-parameter (Technique)']
	},
	{
		rule: 'paper genres, clauses and qualities before a title colon are no names',
		title: 'Open Problem: Discarding the Crutches of Faster and Better Sampling',
		abstract: 'We study samplers.',
		absentEntities: ['Open Problem (Technique)', 'Open Problem (Model)']
	},
	{
		rule: 'a hyphen adjective after "we present" is no name',
		title: 'Experts',
		abstract: 'We present a Diversity-Enhanced reconstruction method for experts.',
		absentEntities: ['Diversity-Enhanced (Technique)', 'Diversity-Enhanced (Model)']
	},
	{
		rule: 'a model a title studies is used; a method in the title is still built on',
		title: 'Memorization in Stable Diffusion Is Driven by Prompts',
		abstract: 'We look at memorized images.',
		relations: ['@paper USES Stable Diffusion'],
		absent: ['@paper BUILDS_ON Stable Diffusion']
	},
	{
		rule: 'coordinated adjectives in a title are not a model',
		title: 'Fast and Stable Diffusion Planning through Adaptive Weighting',
		abstract: 'We plan with diffusion.',
		absentEntities: ['Stable Diffusion (Model)']
	},
	{
		rule: 'another spelling of a known long form joins the known entity',
		title: 'Adapters',
		abstract: 'Low-rank adapters (LoRA) are cheap to train.',
		entities: ['LoRA (Technique)'],
		absentEntities: ['Low-rank adapters (Technique)', 'low-rank adapters (Technique)']
	},
	{
		rule: "what others' work builds on is not what the paper builds on",
		title: 'Editing',
		abstract:
			'Other models fine-tune SD for editing. Existing methods build on ControlNet. We fine-tune SDXL.',
		relations: ['@paper BUILDS_ON SDXL'],
		absent: ['@paper BUILDS_ON Stable Diffusion', '@paper BUILDS_ON ControlNet']
	},
	{
		rule: 'LaTeX escapes and accents in names',
		title: 'Alignment',
		abstract: String.raw`We propose DPO-C\&M and the ''Doppelg\"anger method'' for alignment.`,
		entities: ['DPO-C&M (Technique)']
	}
];

// Relation cues of today's papers: sentence → relations it must (and must not) give.
const CUES: [string, string[], string[]][] = [
	['We fine-tune Llama 2 on GSM8K.', ['@paper BUILDS_ON Llama 2', '@paper TRAINED_ON GSM8K'], []],
	['Our model is instruction-tuned from Mistral-7B.', ['@paper BUILDS_ON Mistral-7B'], []],
	[
		'We build a GPT-4o-based agent for web navigation.',
		['@paper USES GPT-4o'],
		['@paper BUILDS_ON GPT-4o', '@paper PROPOSES GPT-4o']
	],
	['Our method is built on top of LLaMA.', ['@paper BUILDS_ON LLaMA'], []],
	['The policy is initialized from Qwen2.', ['@paper BUILDS_ON Qwen2'], []],
	['We present a plug-in for Stable Diffusion.', ['@paper BUILDS_ON Stable Diffusion'], []],
	['We adopt ViT as the backbone.', ['@paper BUILDS_ON ViT'], []],
	['The knowledge of GPT-4 is distilled into Llama 2.', ['@paper BUILDS_ON GPT-4'], []],
	[
		'We benchmark GPT-4, Claude and Llama 3 on MMLU.',
		[
			'@paper COMPARED_WITH GPT-4',
			'@paper COMPARED_WITH Claude',
			'@paper COMPARED_WITH Llama 3',
			'@paper EVALUATED_ON MMLU'
		],
		['@paper BUILDS_ON GPT-4']
	],
	[
		'Our model surpasses GPT-4 on HumanEval.',
		['@paper COMPARED_WITH GPT-4', '@paper EVALUATED_ON HumanEval'],
		[]
	],
	['It achieves 85.2% on GSM8K.', ['@paper EVALUATED_ON GSM8K'], []],
	[
		'We use GPT-4 as a judge to score responses.',
		['@paper USES GPT-4'],
		['@paper BUILDS_ON GPT-4']
	],
	[
		'We compare against GPT-4 as a baseline.',
		['@paper COMPARED_WITH GPT-4'],
		['@paper BUILDS_ON GPT-4']
	],
	[
		'We fine-tune a pretrained LLaMA for dialogue.',
		['@paper BUILDS_ON LLaMA'],
		['@paper USES LLaMA']
	],
	[
		'We use pretrained CLIP features and CLIP-based scores.',
		['@paper USES CLIP'],
		['@paper BUILDS_ON CLIP']
	],
	[
		'We propose an agent powered by large language models.',
		['@paper USES large language model'],
		['@paper BUILDS_ON large language model']
	],
	// what real abstracts about CLIP, GPT-4 and LoRA said without building on them
	[
		'As a real-world use case, we fine-tune CLIP for part segmentation.',
		['@paper USES CLIP'],
		['@paper BUILDS_ON CLIP']
	],
	[
		'To demonstrate its versatility, we fine-tune a hyperbolic CLIP model.',
		['@paper USES CLIP'],
		['@paper BUILDS_ON CLIP']
	],
	[
		'We present the first systematic study of distillation from CLIP teachers.',
		[],
		['@paper BUILDS_ON CLIP']
	],
	[
		'We also examine a variant, which fine-tunes CLIP with a ranking loss.',
		['@paper USES CLIP'],
		['@paper BUILDS_ON CLIP']
	],
	[
		'To evaluate how agents emulate people, we simulate them with LLMs based on GPT-4.',
		['@paper USES GPT-4'],
		['@paper BUILDS_ON GPT-4']
	],
	[
		'We distill knowledge from CLIP-style teacher models into a small student.',
		[],
		['@paper BUILDS_ON CLIP', '@paper USES CLIP']
	],
	[
		'Unlike video MLLMs which rely on CLIP-based encoders, our model reads geometry.',
		[],
		['@paper BUILDS_ON CLIP', '@paper USES CLIP']
	],
	[
		'We ran the framework on GPT-3.5 and GPT-4 backbones, showing that it is model-agnostic',
		['@paper USES GPT-4'],
		['@paper BUILDS_ON GPT-4']
	],
	[
		'We evaluate each adapted model as well as the original CLIP baseline on 14 datasets.',
		['@paper COMPARED_WITH CLIP'],
		['@paper BUILDS_ON CLIP']
	]
];

describe("relation cues of today's papers", () => {
	for (const [sentence, present, absent] of CUES) {
		it(sentence, () => {
			const got = relations(extract('Study', sentence));
			expect(got).toEqual(expect.arrayContaining(present));
			for (const a of absent) expect(got).not.toContain(a);
		});
	}
});

// Off-topic abstracts (physics, networking, policy) yield little, and nothing that is not a name.
const OFF_TOPIC: [string, string][] = [
	[
		'Anomalous Hall Transport in Twisted Bilayer Graphene',
		'We measure the longitudinal and Hall resistivity of twisted bilayer graphene near the magic angle at temperatures down to 20 mK. The data reveal a sign change of the Hall coefficient near half filling, consistent with a Lifshitz transition.'
	],
	[
		'Congestion Control for Low-Earth-Orbit Satellite Links',
		'We study TCP congestion control over LEO satellite links with frequent handovers. Using packet traces, we show that delay spikes are misread as congestion. We propose a handover-aware pacing scheme implemented in the Linux kernel that improves goodput by 23 percent.'
	],
	[
		'Carbon Pricing and Regional Employment: Evidence from the EU ETS',
		'We estimate the employment effects of the European Union Emissions Trading System using firm-level data from 2005 to 2019. A difference-in-differences design exploits variation in free allocation.'
	]
];

describe('off-topic abstracts', () => {
	for (const [title, abstract] of OFF_TOPIC) {
		it(title, () => {
			const x = extract(title, abstract);
			expect(x.entities.length).toBeLessThanOrEqual(2);
			expect(relations(x).filter((r) => r.includes(' PROPOSES '))).toEqual([]);
		});
	}
});

describe('breadth rules', () => {
	for (const c of CASES) {
		it(c.rule, () => {
			const x = extract(c.title, c.abstract);
			if (c.entities) expect(entities(x)).toEqual(expect.arrayContaining(c.entities));
			for (const a of c.absentEntities ?? []) expect(entities(x)).not.toContain(a);
			if (c.relations) expect(relations(x)).toEqual(expect.arrayContaining(c.relations));
			for (const a of c.absent ?? []) expect(relations(x)).not.toContain(a);
		});
	}

	it("keeps the rule that chose a new name's type", () => {
		const x = extract('Worlds', 'We further construct a D3Sim dataset for training.');
		expect(x.entities.find((e) => e.name === 'D3Sim')?.typeRule).toBe('type.head-after');
		const lex = extract('T', 'We fine-tune SDXL.').entities.find((e) => e.name === 'SDXL');
		expect(lex?.typeRule).toBe('lexicon');
	});
});

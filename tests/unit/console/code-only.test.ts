import { describe, expect, it } from 'vitest';
import { codeOnly } from '../../../graph/queries/console.js';

describe('the console sees code only when it checks keywords', () => {
	it('blanks comments, so they cannot hide a command at the start', () => {
		expect(codeOnly('/* hidden */ SHOW TRANSACTIONS').trimStart()).toBe('SHOW TRANSACTIONS');
		expect(codeOnly('// hidden\nSHOW TRANSACTIONS').trimStart()).toBe('SHOW TRANSACTIONS');
		expect(codeOnly('LOAD/**/CSV FROM x')).toMatch(/^LOAD\s+CSV FROM x$/);
	});

	it('blanks string literals, so a string naming a keyword is no reason to refuse', () => {
		expect(codeOnly("RETURN 'LOAD CSV; CREATE' AS x")).not.toMatch(/LOAD|CREATE/);
		expect(codeOnly('RETURN "a \\" LOAD CSV" AS x')).not.toMatch(/LOAD/);
		expect(codeOnly("RETURN '/* not a comment */' AS x, 1 // c")).toMatch(/^RETURN\s+AS x, 1\s+$/);
	});

	it('keeps lengths and back-quoted names as names', () => {
		const q = "MATCH (`n m`) WHERE n.x = '//' RETURN 1 /* c */";
		expect(codeOnly(q)).toHaveLength(q.length);
		expect(codeOnly(q)).toContain('`xxx`');
	});
});

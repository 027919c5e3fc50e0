import fs from 'node:fs';

import { describe, expect, it } from 'vitest';

import { rewriteNamespaceDestructuring } from './shakeable-svelte-namespace.ts';

describe('the destructured svelte namespace in SvelteKit’s router', () => {
  it('becomes member reads, one per name', () => {
    expect(rewriteNamespaceDestructuring("import * as svelte from 'svelte';\nconst { onMount, tick } = svelte;\n")).toBe(
      "import * as svelte from 'svelte';\nconst onMount = svelte.onMount, tick = svelte.tick;\n",
    );
  });

  it('leaves other code alone', () => {
    const code = 'const { a } = other;\nconst untrack = svelte.untrack ?? ((value) => value());\n';
    expect(rewriteNamespaceDestructuring(code)).toBe(code);
  });

  it('finds the line in the installed SvelteKit', () => {
    const code = fs.readFileSync(new URL('../../node_modules/@sveltejs/kit/src/runtime/client/client.js', import.meta.url), 'utf8');
    const rewritten = rewriteNamespaceDestructuring(code);
    expect(rewritten).not.toBe(code);
    expect(rewritten).not.toMatch(/\} = svelte;/);
  });
});

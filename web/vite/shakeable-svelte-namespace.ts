import type { Plugin } from 'vite';

/**
 * SvelteKit's client router imports Svelte as a namespace and destructures it
 * (`import * as svelte from 'svelte'; const { onMount, tick } = svelte;`, Kit 2.70). The bundler
 * resolves a namespace's member reads (`svelte.tick`) one export at a time, but a destructured
 * namespace makes it keep the whole namespace object, and with it every export of Svelte's public
 * API whether used or not (`createEventDispatcher`, `createRawSnippet`, `fork`, `hydratable`, …):
 * about 0.8 KB compressed in the app chunk that every page loads. This plugin rewrites such a
 * destructuring in Kit's router into member reads. Should Kit change the line, nothing is
 * rewritten, the build warns, and the first-screen budget test shows what it costs.
 */
const KIT_CLIENT_ROUTER = /node_modules[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]client\.js$/;
const DESTRUCTURED_NAMESPACE = /\bconst \{([\w\s,]+)\} = svelte;/g;

/** `const { a, b } = svelte;` → `const a = svelte.a, b = svelte.b;` (plain names only). */
export function rewriteNamespaceDestructuring(code: string): string {
  return code.replace(DESTRUCTURED_NAMESPACE, (_statement, names: string) => {
    const reads = names
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .map((name) => `${name} = svelte.${name}`);
    return `const ${reads.join(', ')};`;
  });
}

export function shakeableSvelteNamespace(): Plugin {
  return {
    name: 'shakeable-svelte-namespace',
    apply: 'build',
    transform(code, id) {
      if (!KIT_CLIENT_ROUTER.test(id.split('?')[0] ?? id)) return undefined;
      const rewritten = rewriteNamespaceDestructuring(code);
      if (rewritten === code) {
        this.warn("SvelteKit's router no longer destructures the svelte namespace: nothing rewritten");
        return undefined;
      }
      return { code: rewritten, map: null };
    },
  };
}

import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

import { localeMessageTables } from './web/vite/locale-message-tables.ts';
import { preloadMissingChunks } from './web/vite/preload-missing-chunks.ts';
import { shakeableSvelteNamespace } from './web/vite/shakeable-svelte-namespace.ts';

// The app code more than one page uses, and the messages' loaders (see the chunk groups below).
const SHARED_CODE = /web[\\/]src[\\/]lib[\\/](?!player[\\/](interactions|scoring|quiz)[\\/])|^\0virtual:message-tables[\\/]/;
// What interactions need once answered: scoring and shuffling.
const SCORING_CODE = /web[\\/]src[\\/]lib[\\/]player[\\/](scoring[\\/]|quiz[\\/]draw\.ts|interactions[\\/]seed\.ts)/;
// What a lesson's first screen needs of the interactions: their loaders and empty responses. They
// go into the app chunk in the browser only. On the server they stay out of it: Kit links in a
// page the CSS of what its nodes import dynamically (as the server build has it), and from the
// app chunk that would be every interaction's CSS in every page.
const INTERACTION_LOADERS = /web[\\/]src[\\/]lib[\\/]player[\\/]interactions[\\/](load-interaction|empty-response)\.ts/;
const FRAMEWORK = /node_modules[\\/](svelte|@sveltejs)[\\/]|^\0vite[\\/]preload-helper/;

// The framework and the app code more than one page uses in one file, the app chunk: every page
// loads both, and dozens of tiny chunks each cost a request and its headers (about 0.35 KB a
// file), which on a slow rural line outweigh their bytes. Vite's helper that preloads the CSS of
// lazy chunks goes with it, and so do the loaders of the message tables every page needs and, in
// the browser, the loaders of the interactions and their empty responses, which every lesson's
// first screen needs. Code of one face only lives beside its routes, not in lib/, and goes with
// that face's pages. The code every interaction needs once answered (scoring, shuffling) goes in
// one lazy chunk, beside one chunk per interaction type; a lesson loads it at the first Check.
// A group also takes the modules its modules import: the priorities keep shared code (plain
// text, …) out of the lazy scoring chunk, which would otherwise become part of every page.
// Every component imports the same modules of Svelte's runtime, so the app chunk holds each
// runtime feature that any page uses, on every page: features only a rarely used page needs
// (bindings, `{#await}`, class objects) are avoided there (README.md, the first lesson screen).
function chunkGroups(isServerBuild: boolean) {
  const shared = isServerBuild ? SHARED_CODE : new RegExp(`${SHARED_CODE.source}|${INTERACTION_LOADERS.source}`);
  return [
    { name: 'app', test: (id: string) => FRAMEWORK.test(id) || shared.test(id), minShareCount: 2, priority: 1 },
    { name: 'scoring', test: isServerBuild ? new RegExp(`${SCORING_CODE.source}|${INTERACTION_LOADERS.source}`) : SCORING_CODE },
  ];
}

export default defineConfig(({ command }) => ({
  plugins: [
    paraglideVitePlugin({
      project: './web/project.inlang',
      outdir: './web/src/lib/paraglide',
      // One module per message in the build, which the message tables are made from (below);
      // one per language on the dev server, Paraglide's default there (fewer requests).
      outputStructure: command === 'build' ? 'message-modules' : 'locale-modules',
      // In memory, never localStorage: inside an LMS iframe the browser may deny storage access
      // (third-party storage blocking) and reading it throws. The launch locale is set at run time.
      strategy: ['globalVariable', 'preferredLanguage', 'baseLocale'],
    }),
    // The browser gets the messages of one language at a time, in tables the routes load.
    localeMessageTables({ project: './web/project.inlang', outdir: './web/src/lib/paraglide' }),
    // Only the exports of Svelte that SvelteKit's router reads go into the app chunk (on the
    // router's source as published, before SvelteKit's own plugins).
    shakeableSvelteNamespace(),
    sveltekit(),
    // Dynamic imports preload only the chunks their importer has not loaded already.
    preloadMissingChunks(),
    // After SvelteKit's plugin, whose config hook tells its server build from its client build.
    { name: 'chunk-groups', config: (config) => ({ build: { rolldownOptions: { output: { codeSplitting: { groups: chunkGroups(config.build?.ssr === true) } } } } }) },
  ],
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/lti': 'http://127.0.0.1:3000', '/xapi': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
}));

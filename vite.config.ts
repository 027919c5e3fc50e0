import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

import { localeMessageTables } from './web/vite/locale-message-tables.ts';

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
    sveltekit(),
  ],
  build: {
    rolldownOptions: {
      output: {
        // The framework in one file: dozens of tiny chunks each cost a request and its headers,
        // which on a slow rural line outweigh their bytes. Vite's helper that preloads the CSS of
        // lazy chunks goes with it (alone it is one more request on every first screen).
        // The code every interaction needs (scoring, shuffling) in one lazy chunk, beside one
        // chunk per interaction type; the shared app code (with the loaders of the message tables
        // every page needs) likewise in one. A group also takes the modules its modules import:
        // the priorities keep shared code (plain text, …) out of the lazy scoring chunk, which
        // would otherwise become part of every page.
        codeSplitting: {
          groups: [
            { name: 'framework', test: /node_modules[\\/](svelte|@sveltejs)[\\/]|^\0vite[\\/]preload-helper/, priority: 2 },
            { name: 'scoring', test: /web[\\/]src[\\/]lib[\\/]player[\\/](scoring[\\/]|quiz[\\/]draw\.ts|interactions[\\/](seed|load-interaction)\.ts)/ },
            { name: 'shared', test: /web[\\/]src[\\/]lib[\\/](?!player[\\/](interactions|scoring|quiz)[\\/])|^\0virtual:message-tables[\\/]/, minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/lti': 'http://127.0.0.1:3000', '/xapi': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
}));

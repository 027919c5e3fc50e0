import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    paraglideVitePlugin({
      project: './web/project.inlang',
      outdir: './web/src/lib/paraglide',
      // In memory, never localStorage: inside an LMS iframe the browser may deny storage access
      // (third-party storage blocking) and reading it throws. The launch locale is set at run time.
      strategy: ['globalVariable', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit(),
  ],
  build: {
    rolldownOptions: {
      output: {
        // The framework in one file: dozens of tiny chunks each cost a request and its headers,
        // which on a slow rural line outweigh their bytes.
        // The shared app code likewise; interaction types, scoring and quizzes stay lazy chunks.
        codeSplitting: {
          groups: [
            { name: 'framework', test: /node_modules[\\/](svelte|@sveltejs)[\\/]/ },
            { name: 'shared', test: /web[\\/]src[\\/]lib[\\/](?!player[\\/](interactions|scoring|quiz)[\\/])/, minShareCount: 2 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/lti': 'http://127.0.0.1:3000', '/xapi': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' } },
});

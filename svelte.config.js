import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The web app is a static build (prerendered pages plus an SPA fallback) served by the Fastify
 * process; see ARCHITECTURE.md for why. Sources live in web/, the build in build/web.
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  // No `window.__svelte.v` version marker: a few bytes on every first screen, of use to nobody here.
  compilerOptions: { runes: true, discloseVersion: false },
  kit: {
    adapter: adapter({ pages: 'build/web', assets: 'build/web', fallback: '200.html', precompress: true, strict: true }),
    files: {
      src: 'web/src',
      routes: 'web/src/routes',
      lib: 'web/src/lib',
      appTemplate: 'web/src/app.html',
      errorTemplate: 'web/src/error.html',
      assets: 'web/static',
      hooks: { client: 'web/src/hooks.client', server: 'web/src/hooks.server', universal: 'web/src/hooks' },
      params: 'web/src/params',
      serviceWorker: 'web/src/service-worker',
    },
    // Scripts Kit inlines get hashes in a <meta> CSP; the server adds frame-ancestors, which a
    // <meta> policy cannot carry (server/http/security-headers.ts).
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self'],
        // Exactly one inline style attribute is allowed: SvelteKit's route announcer (a visually
        // hidden live region). A browser test fails if Kit ever changes it.
        'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
    // Absolute asset paths: the SPA fallback (200.html) is served at any depth.
    paths: { relative: false },
    version: { pollInterval: 0 },
    // Registered by the root layout inside try/catch: a framed page may be refused a worker.
    serviceWorker: { register: false },
  },
};

export default config;

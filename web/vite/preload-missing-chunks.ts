import type { Plugin, Rollup } from 'vite';

/**
 * A dynamic import fetches the chunks its target imports in parallel with it, from a list of
 * file names that Vite writes into the importing chunk. Vite lists them all, also those the
 * importing chunk imports itself, which are loaded by then for sure (the app chunk, the bundler's
 * runtime helper): on a lesson's first screen those names come to a few hundred bytes of script.
 * This plugin leaves them out of the list.
 */
export function preloadMissingChunks(): Plugin {
  let bundle: Rollup.OutputBundle | undefined;

  /** The chunks loaded whenever `fileName` runs: it and what it imports, directly or not. */
  function loadedWith(fileName: string, loaded = new Set<string>()): Set<string> {
    const chunk = bundle?.[fileName];
    if (chunk?.type !== 'chunk' || loaded.has(fileName)) return loaded;
    loaded.add(fileName);
    for (const imported of chunk.imports) loadedWith(imported, loaded);
    return loaded;
  }

  return {
    name: 'preload-missing-chunks',
    apply: 'build',
    config: () => ({
      build: {
        modulePreload: {
          resolveDependencies: (_fileName, dependencies, { hostId, hostType }) => {
            if (hostType !== 'js') return dependencies;
            const loaded = loadedWith(hostId);
            return dependencies.filter((dependency) => !loaded.has(dependency));
          },
        },
      },
    }),
    // Vite writes the lists when the bundle is complete, in a later hook of the same stage.
    generateBundle: {
      order: 'pre',
      handler(_options, output) {
        bundle = output;
      },
    },
  };
}

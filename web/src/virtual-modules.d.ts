// Modules the build generates (web/vite/).

declare module 'virtual:message-tables/*' {
  import type { MessageTableLoaders } from '$lib/i18n/message-tables.ts';

  /** The table's texts, one loader per language; none on the server and the dev server. */
  const loaders: MessageTableLoaders | undefined;
  export default loaders;
}

/**
 * The browser receives UI messages in one language at a time, in tables (web/vite/locale-message-tables.ts):
 * `common` (the learner's player, errors, the header: what any page may show) is loaded by the
 * root layout before the first page renders; each other table belongs to the pages of one face,
 * or to one page that a learner reaches only later (the quiz: its messages stay off the first
 * lesson screen), and is loaded by the `+layout.ts` or `+page.ts` at the top of its `routes`
 * (paths under web/src/routes). A message belongs to the table whose prefix its key starts with,
 * else to `common`; a test checks that each is only used under the routes that load its table.
 */
export const FACE_MESSAGE_TABLES = {
  admin: { prefixes: ['admin_'], routes: ['(admin)'] },
  trainer: { prefixes: ['trainer_', 'deep_'], routes: ['(trainer)'] },
  staff: { prefixes: ['staff_'], routes: ['(staff)'] },
  landing: { prefixes: ['landing_'], routes: ['+page'] },
  verify: { prefixes: ['verify_'], routes: ['verify'] },
  quiz: { prefixes: ['quiz_'], routes: ['(learn)/learn/[course]/[module]/quiz'] },
} as const satisfies Record<string, { prefixes: readonly string[]; routes: readonly string[] }>;

export type MessageTableName = 'common' | keyof typeof FACE_MESSAGE_TABLES;

export const MESSAGE_TABLE_NAMES: readonly MessageTableName[] = ['common', ...(Object.keys(FACE_MESSAGE_TABLES) as Array<keyof typeof FACE_MESSAGE_TABLES>)];

/** The table a message key belongs to. */
export function tableOfMessage(key: string): MessageTableName {
  for (const [name, table] of Object.entries(FACE_MESSAGE_TABLES)) {
    if (table.prefixes.some((prefix) => key.startsWith(prefix))) return name as MessageTableName;
  }
  return 'common';
}

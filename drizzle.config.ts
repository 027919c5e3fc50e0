import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from server/db/schema.ts into migrations/ (`npm run db:generate`).
// The same files are applied at start-up on PGlite and on PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './migrations',
});

import { createHash, randomBytes } from 'node:crypto';

import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';

import type { Database } from '../db/index.ts';
import { toolSecrets } from '../db/schema.ts';

const SECRET_LENGTH_BYTES = 48;
/** How often an instance reads its secrets again, to learn of a renewal made by another instance. */
export const TOOL_SECRET_RELOAD_INTERVAL_MS = 60_000;
/**
 * A value none of an instance's secrets opens makes it read them again at once (another instance
 * may have renewed them), but not more often than this: forged values must not hammer the database.
 */
export const TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS = 1000;
/**
 * Added to the previous value's grace: an instance that has not read the renewal yet signs with
 * the old value for up to a reload interval, and instances' clocks may differ by minutes.
 */
export const TOOL_SECRET_GRACE_MARGIN_MS = TOOL_SECRET_RELOAD_INTERVAL_MS + 5 * 60_000;

interface ToolSecretRow {
  value: string;
  previousValue: string | null;
  rotatedAt: Date | null;
}

/**
 * A secret the tool made for itself, created on first use and shared by every instance on the
 * database (so a token signed by one instance verifies on another). Never logged, never in web/.
 */
async function ensureToolSecret(db: Database, name: string): Promise<ToolSecretRow> {
  await db
    .insert(toolSecrets)
    .values({ name, value: randomBytes(SECRET_LENGTH_BYTES).toString('base64url') })
    .onConflictDoNothing();
  const row = await selectToolSecret(db, name);
  if (row === undefined) throw new Error(`tool secret ${name} missing after insert`);
  return row;
}

async function selectToolSecret(db: Database, name: string): Promise<ToolSecretRow | undefined> {
  const rows = await db
    .select({ value: toolSecrets.value, previousValue: toolSecrets.previousValue, rotatedAt: toolSecrets.rotatedAt })
    .from(toolSecrets)
    .where(eq(toolSecrets.name, name))
    .limit(1);
  return rows[0];
}

/** One secret to renew, and how long what it signed may live (the previous value's grace). */
export interface SecretToRenew {
  name: string;
  previousAcceptedMs: number;
}

/**
 * Renews the tool's secrets (an administrator's action), all or none. Routinely, each gets a new
 * value and keeps the one it had as `previous_value`, still accepted for as long as what it signed
 * may live, never used to sign; a secret still within that grace is not renewed again (its
 * original would be dropped at once): the whole renewal is refused as too soon. With
 * `endingPrevious` (the database may have been copied: whoever holds a copy can sign with the old
 * values), the old values stop working at once: open sign-ins and sessions end.
 */
export async function rotateToolSecrets(
  db: Database,
  secrets: readonly SecretToRenew[],
  options: { now?: Date; endingPrevious?: boolean } = {},
): Promise<'renewed' | 'too_soon'> {
  const now = options.now ?? new Date();
  return db.transaction(async (transaction) => {
    for (const secret of secrets) {
      await ensureToolSecret(transaction, secret.name);
      const graceStart = new Date(now.getTime() - secret.previousAcceptedMs - TOOL_SECRET_GRACE_MARGIN_MS);
      const rows = await transaction
        .update(toolSecrets)
        .set({
          previousValue: options.endingPrevious === true ? null : sql`${toolSecrets.value}`,
          value: randomBytes(SECRET_LENGTH_BYTES).toString('base64url'),
          rotatedAt: now,
        })
        .where(
          options.endingPrevious === true
            ? eq(toolSecrets.name, secret.name)
            : // Only a previous value still in its grace would be lost.
              and(eq(toolSecrets.name, secret.name), or(isNull(toolSecrets.previousValue), isNull(toolSecrets.rotatedAt), lte(toolSecrets.rotatedAt, graceStart))),
        )
        .returning({ name: toolSecrets.name });
      if (rows.length === 0) {
        // Rolls the transaction back: no secret is renewed unless all are.
        throw new RenewalTooSoon();
      }
    }
    return 'renewed' as const;
  }).catch((error: unknown) => {
    if (error instanceof RenewalTooSoon) return 'too_soon' as const;
    throw error;
  });
}

class RenewalTooSoon extends Error {}

/** A short, stable id of a secret's value (for a token header): not the value, not reversible. */
export function secretIdOf(value: string): string {
  return createHash('sha256').update(`tool secret id ${value}`).digest('base64url').slice(0, 12);
}

function idsOf(row: ToolSecretRow): { current: string; previous: string | undefined } {
  return { current: secretIdOf(row.value), previous: row.previousValue === null ? undefined : secretIdOf(row.previousValue) };
}

/** Keeps a secret current on this instance; returns the function that stops it. */
export function reloadPeriodically(secret: RotatingSecret, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => secret.reload().catch(onError), TOOL_SECRET_RELOAD_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * One tool secret as an instance holds it: the current value (signs), and the previous one
 * while what it signed may still be presented. Read again every minute, and at once (at most every
 * second) when a value comes in that none of them opens: another instance may have renewed it.
 */
export class RotatingSecret {
  #row: ToolSecretRow;
  #ids: { current: string; previous: string | undefined };
  #loadedAtMs: number;
  readonly #db: Database;
  readonly #name: string;
  readonly #previousAcceptedMs: number;
  readonly #now: () => number;

  private constructor(db: Database, name: string, row: ToolSecretRow, options: { previousAcceptedMs: number; now: () => number }) {
    this.#db = db;
    this.#name = name;
    this.#row = row;
    this.#ids = idsOf(row);
    this.#previousAcceptedMs = options.previousAcceptedMs;
    this.#now = options.now;
    this.#loadedAtMs = options.now();
  }

  /** `previousAcceptedMs`: the longest life of what the secret signs (a login state, a session). */
  static async open(db: Database, name: string, options: { previousAcceptedMs: number; now?: () => number }): Promise<RotatingSecret> {
    return new RotatingSecret(db, name, await ensureToolSecret(db, name), { previousAcceptedMs: options.previousAcceptedMs, now: options.now ?? Date.now });
  }

  get name(): string {
    return this.#name;
  }

  /** How long after a renewal the previous value is still accepted (without the margin). */
  get previousAcceptedMs(): number {
    return this.#previousAcceptedMs;
  }

  /** Until when the previous value is accepted, if it is. */
  get previousAcceptedUntil(): Date | undefined {
    const { rotatedAt } = this.#row;
    return this.#isPreviousAccepted() && rotatedAt !== null ? new Date(rotatedAt.getTime() + this.#previousAcceptedMs + TOOL_SECRET_GRACE_MARGIN_MS) : undefined;
  }

  /** The value to sign with. */
  get current(): string {
    return this.#row.value;
  }

  /** The id of the current value, for a token header. */
  get currentId(): string {
    return this.#ids.current;
  }

  /** The values a signature may have been made with: the current one first. */
  get accepted(): string[] {
    const { value, previousValue } = this.#row;
    return this.#isPreviousAccepted() && previousValue !== null ? [value, previousValue] : [value];
  }

  /** The accepted value with this id; a miss reads the secret again first (see `findAccepted`). */
  acceptedWithId(id: string): Promise<string | undefined> {
    return this.findAccepted((accepted) => accepted.find((value) => this.#idOf(value) === id));
  }

  /**
   * What `find` finds among the accepted values; when it finds nothing, the secret is read again
   * (another instance may have renewed it, at most every `TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS`)
   * and, if that brought new values, `find` runs once more.
   */
  async findAccepted<T>(find: (accepted: string[]) => T | undefined): Promise<T | undefined> {
    const found = find(this.accepted);
    if (found !== undefined || !(await this.reload(TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS))) return found;
    return find(this.accepted);
  }

  #idOf(value: string): string | undefined {
    if (value === this.#row.value) return this.#ids.current;
    return value === this.#row.previousValue ? this.#ids.previous : undefined;
  }

  #isPreviousAccepted(): boolean {
    const { previousValue, rotatedAt } = this.#row;
    return previousValue !== null && rotatedAt !== null && this.#now() < rotatedAt.getTime() + this.#previousAcceptedMs + TOOL_SECRET_GRACE_MARGIN_MS;
  }

  /** Reads the secret again when the last read is older than `maxAgeMs`; true when it changed. */
  async reload(maxAgeMs = 0): Promise<boolean> {
    if (this.#now() - this.#loadedAtMs < maxAgeMs) return false;
    this.#loadedAtMs = this.#now();
    const row = await selectToolSecret(this.#db, this.#name);
    // A read that began before a renewal and ended after this instance had read the renewal brings
    // the older row: renewals only move `rotated_at` forward. (The row is never deleted.)
    if (row === undefined || (row.rotatedAt?.getTime() ?? 0) < (this.#row.rotatedAt?.getTime() ?? 0)) return false;
    const hasChanged = row.value !== this.#row.value || row.previousValue !== this.#row.previousValue;
    this.#row = row;
    this.#ids = idsOf(row);
    return hasChanged;
  }
}

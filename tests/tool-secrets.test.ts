import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schema } from '../server/db/index.ts';
import { LOGIN_STATE_LIFETIME_MS, LoginStateKeyring, newStateRandom, sealLoginState, type LoginState } from '../server/lti/login-states.ts';
import { RotatingSecret, rotateToolSecrets, secretIdOf, TOOL_SECRET_GRACE_MARGIN_MS, TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS } from '../server/session/tool-secrets.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/database.ts';

const NAME = 'test-secret';
const PREVIOUS_ACCEPTED_MS = 60_000;

function loginState(nowMs: number): LoginState {
  return {
    random: newStateRandom(),
    expiresAtMs: nowMs + LOGIN_STATE_LIFETIME_MS,
    platform: { id: '00000000-0000-4000-8000-000000000001', issuer: 'https://lms.example.org', clientId: 'c', jwksUrl: 'https://lms.example.org/jwks', authOrigin: 'https://lms.example.org', isNalas: false, organisationId: null, deploymentIds: ['1'] },
    targetLinkUri: 'https://tool.example.org/lti/launch',
    loginDeploymentId: undefined,
    storageTarget: undefined,
    hints: undefined,
  };
}

describe.each(databaseKinds())('renewable tool secrets on %s', (kind) => {
  let database: TestDatabase;
  const clock = { nowMs: Date.UTC(2026, 11, 5, 8) };
  const open = () => RotatingSecret.open(database.db, NAME, { previousAcceptedMs: PREVIOUS_ACCEPTED_MS, now: () => clock.nowMs });
  const GRACE_MS = PREVIOUS_ACCEPTED_MS + TOOL_SECRET_GRACE_MARGIN_MS;
  /** Renews the secret, as long after the last renewal as its grace needs. */
  const renew = async (options: { endingPrevious?: boolean } = {}) => {
    const outcome = await rotateToolSecrets(database.db, [{ name: NAME, previousAcceptedMs: PREVIOUS_ACCEPTED_MS }], { now: new Date(clock.nowMs), ...options });
    expect(outcome).toBe('renewed');
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('is made once and shared by every instance', async () => {
    const [first, second] = [await open(), await open()];
    expect(first.current).toBe(second.current);
    expect(first.current.length).toBeGreaterThanOrEqual(64);
    expect(first.accepted).toEqual([first.current]);
  });

  it('keeps the previous value accepted, never for signing, for as long as what it signed lives', async () => {
    const secret = await open();
    const before = secret.current;
    await renew();
    expect(await secret.reload()).toBe(true);
    expect(secret.current).not.toBe(before);
    expect(secret.accepted).toEqual([secret.current, before]);
    expect(await secret.acceptedWithId(secretIdOf(before))).toBe(before);
    // Another routine renewal within the grace would drop `before` at once: refused, nothing changed.
    const current = secret.current;
    expect(await rotateToolSecrets(database.db, [{ name: NAME, previousAcceptedMs: PREVIOUS_ACCEPTED_MS }], { now: new Date(clock.nowMs + 1000) })).toBe('too_soon');
    await secret.reload();
    expect(secret.accepted).toEqual([current, before]);
    // The grace covers instances that read the renewal late and clocks that differ.
    clock.nowMs += GRACE_MS - 1;
    expect(secret.accepted).toEqual([secret.current, before]);
    clock.nowMs += 1;
    expect(secret.accepted).toEqual([secret.current]);
    expect(await secret.acceptedWithId(secretIdOf(before))).toBeUndefined();
  });

  it('ends the previous value at once when asked (a copy of the database went astray)', async () => {
    const secret = await open();
    const before = secret.current;
    clock.nowMs += GRACE_MS;
    await renew({ endingPrevious: true });
    await secret.reload();
    expect(secret.accepted).toEqual([secret.current]);
    expect(await secret.acceptedWithId(secretIdOf(before))).toBeUndefined();
    expect(secret.previousAcceptedUntil).toBeUndefined();
    // Ending is always allowed, even right after a renewal.
    await renew({ endingPrevious: true });
  });

  it('keeps the newer secret when a read that began before a renewal ends after it', async () => {
    const secret = await open();
    clock.nowMs += GRACE_MS;
    await renew();
    await secret.reload();
    const newer = secret.current;
    // What a read begun before the renewal would bring: the row as it was, with an older rotated_at.
    await database.db.update(schema.toolSecrets).set({ value: 'the value before', rotatedAt: new Date(clock.nowMs - 1) }).where(eq(schema.toolSecrets.name, NAME));
    expect(await secret.reload()).toBe(false);
    expect(secret.current).toBe(newer);
    await database.db.update(schema.toolSecrets).set({ value: newer, rotatedAt: new Date(clock.nowMs) }).where(eq(schema.toolSecrets.name, NAME));
  });

  it('learns of a renewal by another instance when a value does not open, at most once a second', async () => {
    const [renewing, other] = [await open(), await open()];
    clock.nowMs += GRACE_MS;
    await renew();
    await renewing.reload();
    clock.nowMs += TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS;
    expect(await other.acceptedWithId(renewing.currentId)).toBe(renewing.current);
    // A second miss right after reads nothing again.
    await renew({ endingPrevious: true });
    await renewing.reload();
    expect(await other.acceptedWithId(renewing.currentId)).toBeUndefined();
    clock.nowMs += TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS;
    expect(await other.acceptedWithId(renewing.currentId)).toBe(renewing.current);
  });

  it('opens login states sealed before a renewal, and sealed after it by another instance', async () => {
    const [renewing, other] = [new LoginStateKeyring(await open()), new LoginStateKeyring(await open())];
    const sealedBefore = sealLoginState(renewing.sealing, loginState(clock.nowMs));
    clock.nowMs += TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS;
    await renew({ endingPrevious: false });
    await renewing.secret.reload();
    const sealedAfter = sealLoginState(renewing.sealing, loginState(clock.nowMs));
    expect((await renewing.open(sealedBefore, clock.nowMs))?.keys).not.toBe(renewing.sealing);
    expect(await renewing.open(sealedAfter, clock.nowMs)).toBeDefined();
    clock.nowMs += TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS;
    expect((await other.open(sealedAfter, clock.nowMs))?.keys).toBe(other.sealing);
    // Once the previous secret is ended, states it sealed open nothing.
    await renew({ endingPrevious: true });
    await renewing.secret.reload();
    expect(await renewing.open(sealedBefore, clock.nowMs)).toBeUndefined();
  });
});

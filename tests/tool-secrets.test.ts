import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LOGIN_STATE_LIFETIME_MS, LoginStateKeyring, newStateRandom, sealLoginState, type LoginState } from '../server/lti/login-states.ts';
import { RotatingSecret, rotateToolSecrets, secretIdOf, TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS } from '../server/session/tool-secrets.ts';
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
    expect(await rotateToolSecrets(database.db, [NAME, 'never-made'], new Date(clock.nowMs))).toEqual([NAME]);
    expect(await secret.reload()).toBe(true);
    expect(secret.current).not.toBe(before);
    expect(secret.accepted).toEqual([secret.current, before]);
    expect(await secret.acceptedWithId(secretIdOf(before))).toBe(before);
    clock.nowMs += PREVIOUS_ACCEPTED_MS;
    expect(secret.accepted).toEqual([secret.current]);
    expect(await secret.acceptedWithId(secretIdOf(before))).toBeUndefined();
  });

  it('learns of a renewal by another instance when a value does not open, at most every ten seconds', async () => {
    const [renewing, other] = [await open(), await open()];
    await rotateToolSecrets(database.db, [NAME], new Date(clock.nowMs));
    await renewing.reload();
    clock.nowMs += TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS;
    expect(await other.acceptedWithId(renewing.currentId)).toBe(renewing.current);
    // A second miss right after reads nothing again.
    await rotateToolSecrets(database.db, [NAME], new Date(clock.nowMs));
    await renewing.reload();
    expect(await other.acceptedWithId(renewing.currentId)).toBeUndefined();
    clock.nowMs += TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS;
    expect(await other.acceptedWithId(renewing.currentId)).toBe(renewing.current);
  });

  it('opens login states sealed before a renewal, and sealed after it by another instance', async () => {
    const [renewing, other] = [new LoginStateKeyring(await open()), new LoginStateKeyring(await open())];
    const sealedBefore = sealLoginState(renewing.sealing, loginState(clock.nowMs));
    await rotateToolSecrets(database.db, [NAME], new Date(clock.nowMs));
    await renewing.secret.reload();
    const sealedAfter = sealLoginState(renewing.sealing, loginState(clock.nowMs));
    expect((await renewing.open(sealedBefore, clock.nowMs))?.keys).not.toBe(renewing.sealing);
    expect(await renewing.open(sealedAfter, clock.nowMs)).toBeDefined();
    clock.nowMs += TOOL_SECRET_RELOAD_ON_MISS_INTERVAL_MS;
    expect((await other.open(sealedAfter, clock.nowMs))?.keys).toBe(other.sealing);
    // Two renewals later the first secret opens nothing.
    await rotateToolSecrets(database.db, [NAME], new Date(clock.nowMs));
    await renewing.secret.reload();
    expect(await renewing.open(sealedBefore, clock.nowMs)).toBeUndefined();
  });
});

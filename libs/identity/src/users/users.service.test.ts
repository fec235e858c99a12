import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore } from '#libs/event-store';
import { ProblemException } from '#libs/platform';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { identityMigrations } from '../identity.migrations.js';
import { lookUpSession } from '../sessions/session-lookup.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { IDENTITY_EVENTS, UsersService, userStreamId } from './users.service.js';

let db: TestDatabase;
let store: PostgresEventStore;
let users: UsersService;
const admin = { actor: 'admin-user' };

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.pool, [...eventStoreMigrations, ...identityMigrations]);
  store = new PostgresEventStore(db.pool);
  users = new UsersService(db.pool, store);
});

afterAll(async () => {
  await db.drop();
});

function newUser(email: string, roles: Parameters<UsersService['register']>[0]['roles'] = []) {
  return { email, displayName: 'Mary Smith', password: 'a long enough password', roles };
}

describe('UsersService', () => {
  it('registers a user with roles, and records it without the password or its hash', async () => {
    const user = await users.register(newUser('mary@example.org', [{ kind: 'worker', workerId: 'w-mary' }]), admin);
    expect(user).toMatchObject({
      email: 'mary@example.org',
      displayName: 'Mary Smith',
      disabled: false,
      roles: [{ kind: 'worker', workerId: 'w-mary' }],
    });
    const events = await store.readStream(userStreamId(user.id));
    expect(events.map((e) => e.type)).toEqual([IDENTITY_EVENTS.userRegistered]);
    expect(events[0].data).toEqual({
      userId: user.id,
      email: 'mary@example.org',
      displayName: 'Mary Smith',
      roles: user.roles,
    });
    expect(events[0].metadata.actor).toBe('admin-user');
    const serialised = JSON.stringify(events.map((e) => [e.data, e.metadata]));
    expect(serialised).not.toContain('a long enough password');
    expect(serialised).not.toContain('scrypt$');
  });

  it('refuses a second user with the same email in any case, leaving no row and no event', async () => {
    const before = (await store.readAll()).events.length;
    const refused = await users.register(newUser('MARY@example.org'), admin).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).getStatus()).toBe(409);
    expect((await store.readAll()).events.length).toBe(before);
    const { rows } = await db.pool.query(
      `select count(*)::int as n from identity_users where lower(email) = 'mary@example.org'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('verifies credentials with the email in any case, and refuses a wrong password', async () => {
    expect(await users.verifyCredentials('Mary@Example.ORG', 'a long enough password')).toMatchObject({
      email: 'mary@example.org',
    });
    expect(await users.verifyCredentials('mary@example.org', 'a wrong password here')).toBeUndefined();
    expect(await users.verifyCredentials('nobody@example.org', 'a long enough password')).toBeUndefined();
  });

  it('grants and revokes roles idempotently, recording only real changes', async () => {
    const user = await users.register(newUser('manager@example.org'), admin);
    const team = { kind: 'line-manager' as const, organisationId: 'org-care', workerIds: ['w-1', 'w-2'] };
    expect((await users.grantRoles(user.id, [team], admin))?.roles).toEqual([team]);
    await users.grantRoles(user.id, [{ ...team, workerIds: ['w-2', 'w-3'] }], admin);
    const revoked = await users.revokeRoles(
      user.id,
      [{ ...team, workerIds: ['w-1'] }, { kind: 'platform-admin' }],
      admin,
    );
    expect(revoked?.roles).toEqual([{ ...team, workerIds: ['w-2', 'w-3'] }]);
    const events = await store.readStream(userStreamId(user.id));
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [IDENTITY_EVENTS.userRegistered, expect.anything()],
      [IDENTITY_EVENTS.roleGranted, { userId: user.id, role: team }],
      [IDENTITY_EVENTS.roleGranted, { userId: user.id, role: { ...team, workerIds: ['w-3'] } }],
      [IDENTITY_EVENTS.roleRevoked, { userId: user.id, role: { ...team, workerIds: ['w-1'] } }],
    ]);
  });

  it('answers undefined for an unknown or malformed user id and changes nothing', async () => {
    expect(
      await users.grantRoles('00000000-0000-4000-8000-000000000000', [{ kind: 'platform-admin' }], admin),
    ).toBeUndefined();
    expect(await users.grantRoles('not-a-uuid', [{ kind: 'platform-admin' }], admin)).toBeUndefined();
    expect(await users.get('not-a-uuid')).toBeUndefined();
  });

  it('disabling a user ends their sessions and refuses their sign-in', async () => {
    const user = await users.register(newUser('leaver@example.org'), admin);
    const sessions = new SessionsService(db.pool, users);
    const { token } = await sessions.signIn(
      { email: 'leaver@example.org', password: 'a long enough password' },
      '127.0.0.1',
    );
    expect((await lookUpSession(db.pool, token)).status).toBe('valid');
    await users.setDisabled(user.id, true, admin);
    expect((await lookUpSession(db.pool, token)).status).toBe('unknown');
    expect(await users.verifyCredentials('leaver@example.org', 'a long enough password')).toBeUndefined();
    await users.setDisabled(user.id, false, admin);
    expect(await users.verifyCredentials('leaver@example.org', 'a long enough password')).toBeDefined();
    const types = (await store.readStream(userStreamId(user.id))).map((e) => e.type);
    expect(types).toEqual([IDENTITY_EVENTS.userRegistered, IDENTITY_EVENTS.userDisabled, IDENTITY_EVENTS.userEnabled]);
  });

  it('re-hashes a password stored with weaker parameters at the next sign-in', async () => {
    const user = await users.register(newUser('old@example.org'), admin);
    const { hashPassword } = await import('../passwords/password-hash.js');
    await db.pool.query('update identity_users set password_hash = $2 where id = $1', [
      user.id,
      await hashPassword('a long enough password', { N: 1024, r: 8, p: 1 }),
    ]);
    expect(await users.verifyCredentials('old@example.org', 'a long enough password')).toBeDefined();
    const { rows } = await db.pool.query('select password_hash from identity_users where id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$/);
  });
});

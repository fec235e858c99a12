import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore } from '#libs/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/database.js';
import { holdEveryHashPlace } from '../../../../../test/support/hash-queue.js';
import { ListLrsClients } from './list-lrs-clients/list-lrs-clients.query.js';
import { ListLrsClientsHandler } from './list-lrs-clients/list-lrs-clients.handler.js';
import { LRS_CLIENT_EVENTS, lrsClientStreamId } from './lrs-client.events.js';
import type { NewLrsClient } from './lrs-client-input.js';
import { lrsClientMigrations } from './lrs-client.migrations.js';
import { LrsClientsService, type LrsAuthOptions } from './lrs-clients.service.js';
import { SecretHashingBusy } from './lrs-secret.js';
import { RegisterLrsClient } from './register-lrs-client/register-lrs-client.command.js';
import { RegisterLrsClientHandler } from './register-lrs-client/register-lrs-client.handler.js';
import { RevokeLrsClient } from './revoke-lrs-client/revoke-lrs-client.command.js';
import { RevokeLrsClientHandler } from './revoke-lrs-client/revoke-lrs-client.handler.js';

let db: TestDatabase;
let store: PostgresEventStore;
let clients: LrsClientsService;
const extraPools: pg.Pool[] = [];

/** Another API process: its own pool, store and credential cache on the same database. */
function anotherProcess(options?: LrsAuthOptions): LrsClientsService {
  const pool = db.newPool(4);
  extraPools.push(pool);
  return new LrsClientsService(pool, new PostgresEventStore(pool), options);
}

/** The commands and queries as the buses run them, in the process of `clients` (whose cache revocation clears). */
const create = (input: NewLrsClient) =>
  new RegisterLrsClientHandler(db.pool, store).execute(new RegisterLrsClient(input));
const revoke = (id: string) => new RevokeLrsClientHandler(db.pool, store, clients).execute(new RevokeLrsClient(id));
const list = (organisationId?: string) =>
  new ListLrsClientsHandler(db.pool).execute(new ListLrsClients(organisationId));

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.pool, [...eventStoreMigrations, ...lrsClientMigrations]);
  store = new PostgresEventStore(db.pool);
  clients = new LrsClientsService(db.pool, store);
});

afterAll(async () => {
  await Promise.all(extraPools.map((p) => p.end()));
  await db.drop();
});

describe('LRS clients: register, authenticate, revoke, list', () => {
  it('creates a client whose key and secret authenticate as its principal', async () => {
    const created = await create({
      name: 'Moodle',
      organisationId: 'org-a',
      scopes: ['statements/write', 'state'],
    });
    expect(created.key).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(created.revokedAt).toBeNull();
    const principal = await clients.authenticate(created.key, created.secret);
    expect(principal).toEqual({
      clientId: created.id,
      key: created.key,
      name: 'Moodle',
      organisationId: 'org-a',
      scopes: ['statements/write', 'state'],
      authority: {
        objectType: 'Agent',
        name: 'Moodle',
        account: { homePage: 'urn:continuum:lrs-client', name: created.key },
      },
    });
  });

  it('stores only a salted hash, and records the registration without secret or hash', async () => {
    const created = await create({ name: 'Hashed', organisationId: 'default', scopes: ['all'] });
    const { rows } = await db.pool.query<{ secret_hash: string }>('select secret_hash from lrs_clients where id = $1', [
      created.id,
    ]);
    expect(rows[0].secret_hash).toMatch(/^scrypt\$/);
    expect(rows[0].secret_hash).not.toContain(created.secret);
    const events = await store.readStream(lrsClientStreamId(created.id));
    expect(events.map((e) => e.type)).toEqual([LRS_CLIENT_EVENTS.registered]);
    expect(events[0].data).toEqual({
      clientId: created.id,
      key: created.key,
      name: 'Hashed',
      organisationId: 'default',
      scopes: ['all'],
    });
    expect(events[0].metadata).toMatchObject({ tenantId: 'default', actor: 'admin' });
    const json = JSON.stringify(events.map((e) => [e.data, e.metadata]));
    expect(json).not.toContain(created.secret);
    expect(json).not.toContain(rows[0].secret_hash);
  });

  it('rejects a wrong secret, an unknown key and an empty secret', async () => {
    const created = await create({ name: 'W', organisationId: 'default', scopes: ['all'] });
    expect(await clients.authenticate(created.key, `${created.secret}x`)).toBeUndefined();
    expect(await clients.authenticate(created.key, '')).toBeUndefined();
    expect(await clients.authenticate('no-such-key', created.secret)).toBeUndefined();
  });

  it('shares one verification among concurrent requests with the same credentials', async () => {
    const created = await create({ name: 'C', organisationId: 'default', scopes: ['all'] });
    const fresh = anotherProcess();
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => fresh.authenticate(created.key, created.secret)),
    );
    expect(results.every((p) => p?.clientId === created.id)).toBe(true);
    // 50 scrypt runs would take seconds; one takes tens of milliseconds.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses a check while the hash queue is full and remembers no verdict from it, for unknown keys either', async () => {
    const created = await create({ name: 'Queued', organisationId: 'org-a', scopes: ['all'] });
    // A process that has checked no unknown key yet: what it checks those against is not made by hashing.
    const fresh = anotherProcess();
    const release = holdEveryHashPlace();
    try {
      await expect(fresh.authenticate('no-such-key', 'x')).rejects.toBeInstanceOf(SecretHashingBusy);
      await expect(fresh.authenticate(created.key, created.secret)).rejects.toBeInstanceOf(SecretHashingBusy);
    } finally {
      await release();
    }
    expect(await fresh.authenticate('no-such-key', 'x')).toBeUndefined();
    expect(await fresh.authenticate(created.key, created.secret)).toMatchObject({ clientId: created.id });
  });

  it('revocation takes effect at once in the revoking process, even for cached credentials', async () => {
    const created = await create({ name: 'R', organisationId: 'default', scopes: ['all'] });
    expect(await clients.authenticate(created.key, created.secret)).toBeDefined();
    expect(await revoke(created.id)).toBe('revoked');
    expect(await clients.authenticate(created.key, created.secret)).toBeUndefined();
    expect((await list('default')).find((c) => c.id === created.id)?.revokedAt).not.toBeNull();
    const events = await store.readStream(lrsClientStreamId(created.id));
    expect(events.map((e) => e.type)).toEqual([LRS_CLIENT_EVENTS.registered, LRS_CLIENT_EVENTS.revoked]);
  });

  it('revoking again changes and records nothing; unknown ids are not found', async () => {
    const created = await create({ name: 'R2', organisationId: 'default', scopes: ['all'] });
    await revoke(created.id);
    expect(await revoke(created.id)).toBe('already-revoked');
    expect(await store.readStream(lrsClientStreamId(created.id))).toHaveLength(2);
    expect(await revoke('6d1f4a40-0d5e-4b8a-9a57-6f8a1c2b3d4e')).toBe('not-found');
    expect(await revoke('not-a-uuid')).toBe('not-found');
  });

  it('other processes stop accepting revoked credentials within their cache TTL', async () => {
    const other = anotherProcess({ cacheTtlMs: 300 });
    const created = await create({ name: 'X', organisationId: 'default', scopes: ['all'] });
    expect(await other.authenticate(created.key, created.secret)).toBeDefined();
    await revoke(created.id);
    expect(await other.authenticate(created.key, created.secret)).toBeDefined(); // still cached there
    await new Promise((r) => setTimeout(r, 350));
    expect(await other.authenticate(created.key, created.secret)).toBeUndefined();
  });

  it('renews an expired verification from the row without a hash (a flood does not refuse it), never a revoked one', async () => {
    const other = anotherProcess({ cacheTtlMs: 100 });
    const created = await create({ name: 'Renewed', organisationId: 'org-a', scopes: ['all'] });
    expect(await other.authenticate(created.key, created.secret)).toMatchObject({ clientId: created.id });
    await new Promise((r) => setTimeout(r, 150));
    const release = holdEveryHashPlace();
    try {
      expect(await other.authenticate(created.key, created.secret)).toMatchObject({ clientId: created.id });
      // A wrong secret for the same key was never verified: it needs a hash, refused while the queue is full.
      await expect(other.authenticate(created.key, 'wrong')).rejects.toBeInstanceOf(SecretHashingBusy);
      await revoke(created.id);
      await new Promise((r) => setTimeout(r, 150));
      await expect(other.authenticate(created.key, created.secret)).rejects.toBeInstanceOf(SecretHashingBusy);
    } finally {
      await release();
    }
    expect(await other.authenticate(created.key, created.secret)).toBeUndefined();
  });

  it('lists clients, by organisation, without secrets', async () => {
    const a = await create({ name: 'List A', organisationId: 'list-a', scopes: ['all'] });
    await create({ name: 'List B', organisationId: 'list-b', scopes: ['all'] });
    const listed = await list('list-a');
    expect(listed).toEqual([
      {
        id: a.id,
        key: a.key,
        name: 'List A',
        organisationId: 'list-a',
        scopes: ['all'],
        createdAt: a.createdAt,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(await list())).not.toContain(a.secret);
  });
});

describe('ensureBootstrapClient', () => {
  it('creates the client once in the default organisation with scope all, however many processes start at once', async () => {
    const processes = Array.from({ length: 5 }, () => anotherProcess());
    const results = await Promise.all(processes.map((p) => p.ensureBootstrapClient('boot-key', 'boot-secret')));
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    expect(results.filter((r) => r === 'unchanged')).toHaveLength(4);
    const rows = (await list()).filter((c) => c.key === 'boot-key');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'Bootstrap client',
      organisationId: 'default',
      scopes: ['all'],
      revokedAt: null,
    });
    expect(await store.readStream(lrsClientStreamId(rows[0].id))).toHaveLength(1);
    expect((await clients.authenticate('boot-key', 'boot-secret'))?.scopes).toEqual(['all']);
  });

  it('is a no-op on restart with the same secret', async () => {
    expect(await clients.ensureBootstrapClient('boot-key', 'boot-secret')).toBe('unchanged');
  });

  it('replaces the hash when the secret changed: the old secret stops working here at once', async () => {
    expect(await clients.authenticate('boot-key', 'boot-secret')).toBeDefined();
    expect(await clients.ensureBootstrapClient('boot-key', 'new-secret')).toBe('updated');
    expect(await clients.authenticate('boot-key', 'boot-secret')).toBeUndefined();
    expect(await clients.authenticate('boot-key', 'new-secret')).toBeDefined();
    const [row] = (await list()).filter((c) => c.key === 'boot-key');
    const events = await store.readStream(lrsClientStreamId(row.id));
    expect(events.at(-1)).toMatchObject({ type: LRS_CLIENT_EVENTS.updated, data: { changes: ['secret'] } });
    expect(JSON.stringify(events.map((e) => [e.data, e.metadata]))).not.toContain('new-secret');
  });

  it('reinstates a revoked bootstrap client', async () => {
    const [row] = (await list()).filter((c) => c.key === 'boot-key');
    await revoke(row.id);
    expect(await clients.ensureBootstrapClient('boot-key', 'new-secret')).toBe('updated');
    expect(await clients.authenticate('boot-key', 'new-secret')).toBeDefined();
  });
});

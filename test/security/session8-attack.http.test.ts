import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { asSubStatement, sha256, statementWith } from '../support/attachments.js';
import { api, createUser, ok } from '../support/http-api.js';
import { writesSnapshot } from '../support/writes.js';
import { importStaff } from '../support/moves.js';

/**
 * Session 8, an outsider's attack on today's changes only: a leave dated after today refused (400 on `to`
 * / rows[i].date), and xAPI attachment parts refused on their headers when no attachment names their hash
 * or a hash repeats beyond its attachments. Any 5xx, anything written by a refused request fails.
 */
let app: TestApp;
let admin: string;
let leadA: string;
let leadB: string;
let auth: string;
const staff: Record<'a' | 'b', string[]> = { a: [], b: [] };

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  auth = `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
  for (const [id, name] of [
    ['org-a', 'Alpha Care'],
    ['org-b', 'Bravo Homes'],
  ])
    await ok(app, admin, 'POST', '/api/organisations', {
      id,
      name,
      sector: 'voluntary',
      region: 'Fife',
      serviceType: 'care at home',
      sizeBand: 'small',
    });
  await ok(app, admin, 'POST', '/api/roles', { id: 'a-carer', organisationId: 'org-a', name: 'a', requirements: [] });
  await ok(app, admin, 'POST', '/api/roles', { id: 'a-senior', organisationId: 'org-a', name: 's', requirements: [] });
  await ok(app, admin, 'POST', '/api/roles', { id: 'b-carer', organisationId: 'org-b', name: 'b', requirements: [] });
  staff.a = await importStaff(app, 'org-a', { prefix: 'a', n: 6, roleId: 'a-carer', domain: 'attack8.example.org' });
  staff.b = await importStaff(app, 'org-b', { prefix: 'b', n: 3, roleId: 'b-carer', domain: 'attack8.example.org' });
  leadA = await createUser(app, 'lead@a.attack8.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  leadB = await createUser(app, 'lead@b.attack8.example.org', [{ kind: 'learning-lead', organisationId: 'org-b' }]);
  await waitForProjections(app.runtime);
}, 180_000);

afterAll(async () => {
  await app?.close();
});

const end = (workerId: string, body: unknown, token = leadA) =>
  api(app, token, 'POST', `/api/workers/${encodeURIComponent(workerId)}/memberships/end`, body);
const moves = (organisationId: string, rows: unknown, token = leadA) =>
  api(app, token, 'POST', `/api/organisations/${organisationId}/workers/moves`, { rows });

/** The status and field of a refusal, and nothing written by it. */
async function refused(send: () => Promise<Awaited<ReturnType<typeof api>>>, status: number, field?: string) {
  await waitForProjections(app.runtime);
  const before = await writesSnapshot(app.runtime.pool);
  const answer = await send();
  expect(answer.status, answer.text).toBe(status);
  if (field !== undefined)
    expect(answer.body?.field ?? String(answer.body?.detail).split(':')[0], answer.text).toBe(field);
  await waitForProjections(app.runtime);
  expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
  return answer;
}

describe('a leave dated after today', () => {
  it('refuses tomorrow (UTC) and later on both routes, naming to / rows[0].date', async () => {
    const w = staff.a[0]!;
    for (const date of [dayOffset(1), '9999-12-31'])
      await refused(() => end(w, { organisationId: 'org-a', to: date }), 400, 'to');
    await refused(() => moves('org-a', [{ workerId: w, action: 'leave', date: dayOffset(1) }]), 400, 'rows[0].date');
  });

  it('refuses dates carrying a time or a zone (no way round the UTC day)', async () => {
    const w = staff.a[0]!;
    for (const date of [
      `${dayOffset(0)}T23:59:59-12:00`,
      `${dayOffset(1)}T00:00:00+14:00`,
      `+0${dayOffset(1)}`,
      '2026-02-30',
    ])
      await refused(() => end(w, { organisationId: 'org-a', to: date }), 400, 'to');
  });

  it('records a leave dated today exactly, on each route', async () => {
    const first = await end(staff.a[1]!, { organisationId: 'org-a', to: dayOffset(0) });
    expect(first.status, first.text).toBe(201);
    const second = await moves('org-a', [{ workerId: staff.a[2]!, action: 'leave', date: dayOffset(0) }]);
    expect(second.status, second.text).toBe(201);
  });

  it("answers another organisation's worker as an unknown one, whatever the date", async () => {
    const theirs = staff.b[0]!;
    const unknown = randomUUID();
    for (const to of [dayOffset(1), dayOffset(0)]) {
      // Naming their organisation: refused on the organisation (403) before the worker or the date is read.
      await refused(() => end(theirs, { organisationId: 'org-b', to }), 403);
      await refused(() => end(unknown, { organisationId: 'org-b', to }), 403);
      // The other lead on this lead's worker: the same refusal on the organisation, the date never read.
      await refused(() => end(staff.a[0]!, { organisationId: 'org-a', to }, leadB), 403);
      // Naming the lead's own organisation: their worker answered exactly as an unknown one.
      const a = await refused(() => end(theirs, { organisationId: 'org-a', to }), 404);
      const b = await refused(() => end(unknown, { organisationId: 'org-a', to }), 404);
      expect(a.body.detail).toBe(b.body.detail.replaceAll(unknown, theirs));
      const c = await refused(() => moves('org-a', [{ workerId: theirs, action: 'leave', date: to }]), 404);
      const d = await refused(() => moves('org-a', [{ workerId: unknown, action: 'leave', date: to }]), 404);
      expect(c.body.detail).toBe(d.body.detail.replaceAll(unknown, theirs));
    }
  });

  it('refuses malformed JSON and a NUL in the worker id as 400s writing nothing', async () => {
    const raw = await fetch(`${app.baseUrl}/api/workers/${staff.a[3]}/memberships/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leadA}`, 'content-type': 'application/json' },
      body: '{"organisationId":"org-a","to":"2099-01-01"',
    });
    expect(raw.status, await raw.text()).toBe(400);
    await refused(() => end(`${staff.a[3]}\u0000`, { organisationId: 'org-a', to: dayOffset(1) }), 400);
    await refused(
      () => moves('org-a', [{ workerId: `${staff.a[3]}\u0000`, action: 'leave', date: dayOffset(0) }]),
      400,
    );
  });

  it('writes nothing of a 500-row batch whose last row is a future leave', async () => {
    const rows = [
      ...Array.from({ length: 499 }, (_, i) => ({
        workerId: staff.a[4]!,
        action: 'assign-role',
        date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
        roleId: i % 2 === 0 ? 'a-senior' : 'a-carer',
      })),
      { workerId: staff.a[5]!, action: 'leave', date: dayOffset(1) },
    ];
    await refused(() => moves('org-a', rows), 400, 'rows[499].date');
  });
});

describe('xAPI attachment parts refused on their headers', () => {
  const B = 'attack8-boundary';
  const jsonPart = (statement: unknown) =>
    `--${B}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement)}\r\n`;
  const binaryPart = (content: Buffer, hash: string | undefined) =>
    Buffer.concat([
      Buffer.from(
        `--${B}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\n` +
          (hash === undefined ? '' : `X-Experience-API-Hash: ${hash}\r\n`) +
          '\r\n',
      ),
      content,
      Buffer.from('\r\n'),
    ]);
  const closing = Buffer.from(`--${B}--\r\n`);
  const post = (body: Buffer, method = 'POST', query = '') =>
    fetch(`${app.baseUrl}/xapi/statements${query}`, {
      method,
      headers: {
        authorization: auth,
        'x-experience-api-version': '1.0.3',
        'content-type': `multipart/mixed; boundary=${B}`,
      },
      body,
    });
  const stored = async (id: string) => {
    const r = await fetch(`${app.baseUrl}/xapi/statements?statementId=${id}`, {
      headers: { authorization: auth, 'x-experience-api-version': '1.0.3' },
    });
    await r.arrayBuffer();
    return r.status;
  };
  async function expectStatus(label: string, body: Buffer, status: number, ids: string[], method = 'POST', query = '') {
    await waitForProjections(app.runtime);
    const before = await writesSnapshot(app.runtime.pool);
    const response = await post(body, method, query);
    const text = await response.text();
    expect(response.status, `${label}: ${text}`).toBe(status);
    if (status >= 400) {
      for (const id of ids) expect(await stored(id), label).toBe(404);
      await waitForProjections(app.runtime);
      expect(await writesSnapshot(app.runtime.pool), label).toEqual(before);
    } else for (const id of ids) expect(await stored(id), label).toBe(200);
  }

  it('takes an upper-case hex hash header for a lower-case sha2 (hex is case-insensitive)', async () => {
    const content = Buffer.from(`%PDF upper ${randomUUID()}`);
    const s = statementWith(content);
    await expectStatus(
      'upper-case hash',
      Buffer.concat([Buffer.from(jsonPart(s)), binaryPart(content, sha256(content).toUpperCase()), closing]),
      200,
      [s.id],
    );
  });

  it('takes, with PUT, a part whose hash only a SubStatement names', async () => {
    const content = Buffer.from(`%PDF sub ${randomUUID()}`);
    const outer = statementWith(Buffer.from('unused'));
    const { attachments } = statementWith(content);
    const s = {
      id: outer.id,
      actor: outer.actor,
      verb: outer.verb,
      object: { objectType: 'SubStatement', actor: outer.actor, verb: outer.verb, object: outer.object, attachments },
    };
    await expectStatus(
      'sub-statement hash',
      Buffer.concat([Buffer.from(jsonPart(s)), binaryPart(content, sha256(content)), closing]),
      204,
      [s.id],
      'PUT',
      `?statementId=${s.id}`,
    );
  });

  it('counts a SubStatement attachment and its statement naming one hash as two uses: two parts, not three', async () => {
    const content = Buffer.from(`%PDF twice ${randomUUID()}`);
    const hash = sha256(content);
    const twice = () => asSubStatement(statementWith(content));
    const refusedOne = twice();
    await expectStatus(
      'three parts for two uses',
      Buffer.concat([
        Buffer.from(jsonPart(refusedOne)),
        binaryPart(content, hash),
        binaryPart(content, hash),
        binaryPart(content, hash),
        closing,
      ]),
      400,
      [refusedOne.id],
    );
    const takenOne = twice();
    await expectStatus(
      'two parts for two uses',
      Buffer.concat([Buffer.from(jsonPart(takenOne)), binaryPart(content, hash), binaryPart(content, hash), closing]),
      200,
      [takenOne.id],
    );
  });

  it('takes an upper-case sha2 in the statement with a lower-case hash header, and refuses a prefixed one (sha256:…)', async () => {
    const content = Buffer.from(`%PDF case ${randomUUID()}`);
    const s = statementWith(content);
    s.attachments[0]!.sha2 = sha256(content).toUpperCase();
    await expectStatus(
      'upper-case sha2',
      Buffer.concat([Buffer.from(jsonPart(s)), binaryPart(content, sha256(content)), closing]),
      200,
      [s.id],
    );
    const t = statementWith(content);
    await expectStatus(
      'sha256: prefix',
      Buffer.concat([Buffer.from(jsonPart(t)), binaryPart(content, `sha256:${sha256(content)}`), closing]),
      400,
      [t.id],
    );
  });

  it('refuses a part without a hash header and a part before the statements part (400, nothing stored)', async () => {
    const content = Buffer.from(`%PDF nohash ${randomUUID()}`);
    const s = statementWith(content);
    await expectStatus(
      'no hash header',
      Buffer.concat([Buffer.from(jsonPart(s)), binaryPart(content, undefined), closing]),
      400,
      [s.id],
    );
    await expectStatus(
      'attachment part first',
      Buffer.concat([binaryPart(content, sha256(content)), Buffer.from(jsonPart(s)), closing]),
      400,
      [s.id],
    );
  });

  it('still answers after a client dies mid-part, and a retry of the same statement is stored', async () => {
    const content = Buffer.from(`%PDF killed ${randomUUID()} ${'x'.repeat(20_000)}`);
    const s = statementWith(content);
    const { port } = new URL(app.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const head = Buffer.concat([Buffer.from(jsonPart(s)), binaryPart(content, sha256(content)).subarray(0, 5_000)]);
    socket.write(
      `POST /xapi/statements HTTP/1.1\r\nhost: localhost\r\nauthorization: ${auth}\r\n` +
        `x-experience-api-version: 1.0.3\r\ncontent-type: multipart/mixed; boundary=${B}\r\n` +
        `content-length: ${head.length + 100_000}\r\n\r\n`,
    );
    socket.write(head);
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await stored(s.id)).toBe(404);
    await expectStatus(
      'retry',
      Buffer.concat([Buffer.from(jsonPart(s)), binaryPart(content, sha256(content)), closing]),
      200,
      [s.id],
    );
  }, 30_000);
});

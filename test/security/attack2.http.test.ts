import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationalCapabilities } from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../support/app.js';
import { createUser, ok } from '../support/http-api.js';

/**
 * An outsider's attack on the staff-list import and the indicators self-assessment: hostile bodies
 * (malformed JSON, NUL, invalid UTF-8, 10 MB, 10,000-deep nesting, __proto__ keys) must each be a 4xx
 * problem and leave the event log as it was.
 */
let app: TestApp;
let lead: string;
let auditId: string;
const indicatorId = organisationalCapabilities[0]!.stages[0]!.organisationIndicators[0]!.id;

async function logHead(): Promise<string> {
  await waitForProjections(app.runtime);
  const { rows } = await app.runtime.pool.query('select coalesce(max(global_position), -1)::text as head from events');
  return rows[0].head;
}

/** Sends raw bytes; answers status, content type and text. */
async function raw(method: string, path: string, body: string | Buffer) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${lead}`, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

async function expectRefusedRaw(method: string, path: string, body: string | Buffer): Promise<void> {
  const before = await logHead();
  const answer = await raw(method, path, body);
  expect(answer.status, answer.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  expect(answer.type).toMatch(/problem\+json/);
  expect(await logHead()).toBe(before);
}

const importPath = '/api/organisations/org-a/workers/import';
const indicatorsPath = (): string => `/api/organisations/org-a/audits/${auditId}/indicators`;
const worker = (extra: Record<string, unknown> = {}) => ({
  name: 'ann',
  identifiers: [{ mbox: 'mailto:ann@staff.example.org' }],
  ...extra,
});
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

beforeAll(async () => {
  app = await startTestApp();
  await ok(app, app.adminToken, 'POST', '/api/organisations', {
    id: 'org-a',
    name: 'Org A',
    sector: 'private',
    region: 'Fife',
    serviceType: 'care at home',
    sizeBand: 'small',
  });
  lead = await createUser(app, 'lead@a.example.org', [{ kind: 'learning-lead', organisationId: 'org-a' }]);
  auditId = (await ok(app, lead, 'POST', '/api/organisations/org-a/audits', { startedOn: '2025-01-10' })).id;
});

afterAll(async () => {
  await app?.close();
});

describe.each([
  ['workers/import', 'POST', (): string => importPath, (row: Record<string, unknown>) => ({ workers: [worker(row)] })],
  [
    'audits/indicators',
    'PUT',
    indicatorsPath,
    (row: Record<string, unknown>) => ({ indicators: [{ indicatorId, achieved: true, ...row }] }),
  ],
] as const)('hostile bodies to %s', (_name, method, path, body) => {
  it('malformed JSON', () => expectRefusedRaw(method, path(), '{"workers": [ {"name": "ann",'));
  it('invalid UTF-8 bytes', () =>
    expectRefusedRaw(
      method,
      path(),
      Buffer.concat([Buffer.from('{"workers":[{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}')]),
    ));
  it('a 10 MB body', () =>
    expectRefusedRaw(
      method,
      path(),
      JSON.stringify(
        body(method === 'POST' ? { name: 'x'.repeat(10 * 1024 * 1024) } : { evidence: 'x'.repeat(10 * 1024 * 1024) }),
      ),
    ));
  it('10 MB of small rows', () =>
    expectRefusedRaw(
      method,
      path(),
      method === 'POST'
        ? `{"workers":[${'{"name":"a"},'.repeat(800_000)}{}]}`
        : `{"indicators":[${'{"achieved":true},'.repeat(550_000)}{}]}`,
    ));
  it('a lone UTF-16 surrogate escape', () =>
    expectRefusedRaw(
      method,
      path(),
      JSON.stringify(body(method === 'POST' ? { name: 'a' } : { evidence: 'a' })).replace('"a"', '"\\ud800"'),
    ));
  it('JSON nested 10,000 deep', () =>
    expectRefusedRaw(method, path(), `{"workers":${deep(10_000)},"indicators":${deep(10_000)}}`));
  it('a __proto__ key at the top', () =>
    expectRefusedRaw(method, path(), `{"__proto__":{"isAdmin":true},"workers":5,"indicators":5}`));
  it('a __proto__ key in a row', () =>
    expectRefusedRaw(method, path(), JSON.stringify(body({})).replace('[{"', '[{"__proto__":{"x":1},"')));
  it('a constructor.prototype key in a row', () =>
    expectRefusedRaw(method, path(), JSON.stringify(body({ constructor: { prototype: { polluted: true } } }))));
});

describe('NUL characters', () => {
  it('a clean import is accepted (the attacks reach validation)', async () => {
    const before = await logHead();
    const answer = await raw(
      'POST',
      importPath,
      JSON.stringify({
        workers: [worker({ name: 'clean', identifiers: [{ mbox: 'mailto:clean@staff.example.org' }] })],
      }),
    );
    expect(answer.status, answer.text).toBe(201);
    expect(await logHead()).not.toBe(before);
    const assessed = await raw(
      'PUT',
      indicatorsPath(),
      JSON.stringify({ indicators: [{ indicatorId, achieved: true, evidence: 'ok' }] }),
    );
    expect(assessed.status, assessed.text).toBe(204);
  });
  it('in a worker name', () =>
    expectRefusedRaw('POST', importPath, JSON.stringify({ workers: [worker({ name: 'a\u0000nn' })] })));
  it('in a worker identifier', () =>
    expectRefusedRaw(
      'POST',
      importPath,
      JSON.stringify({ workers: [worker({ identifiers: [{ mbox: 'mailto:a\u0000@staff.example.org' }] })] }),
    ));
  it('in a registration number', () =>
    expectRefusedRaw('POST', importPath, JSON.stringify({ workers: [worker({ registrationNumber: 'S\u0000' })] })));
  it('in a roleId', () =>
    expectRefusedRaw('POST', importPath, JSON.stringify({ workers: [worker({ roleId: 'r\u0000' })] })));
  it('in evidence', () =>
    expectRefusedRaw(
      'PUT',
      indicatorsPath(),
      JSON.stringify({ indicators: [{ indicatorId, achieved: true, evidence: 'e\u0000' }] }),
    ));
  it('in an indicatorId', () =>
    expectRefusedRaw(
      'PUT',
      indicatorsPath(),
      JSON.stringify({ indicators: [{ indicatorId: `${indicatorId}\u0000`, achieved: true }] }),
    ));
  it('in the audit id of the path', () =>
    expectRefusedRaw(
      'PUT',
      '/api/organisations/org-a/audits/a%00b/indicators',
      JSON.stringify({ indicators: [{ indicatorId, achieved: true }] }),
    ));
  it('in the organisation id of the path', () =>
    expectRefusedRaw('POST', '/api/organisations/org%00a/workers/import', JSON.stringify({ workers: [worker()] })));
});

import type { OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { api, createUser } from '../../../../test/support/http-api.js';
import { registerOrganisation } from '../../../../test/support/organisations.js';

// Access comes before the query: a caller refused a route (403, or the 404 that hides what they may not
// see) learns nothing more from a bad `?limit=` or `?q=`, and is told the same whatever they send.

let app: TestApp;
let nobody: string;
let reads: { path: string; query: string[] }[];
beforeAll(async () => {
  app = await startTestApp({ worker: false });
  await registerOrganisation(app, 'org-a');
  nobody = await createUser(app, 'nobody@example.org', []);
  const document = (await (await fetch(`${app.baseUrl}/api/docs/openapi.json`)).json()) as OpenAPIObject;
  reads = Object.entries(document.paths).flatMap(([path, item]) => {
    const parameters = (item.get?.parameters ?? []) as { in: string; name: string }[];
    const query = parameters.filter((p) => p.in === 'query').map((p) => p.name);
    return path.startsWith('/api/') && query.length > 0 ? [{ path: path.replace(/\{\w+\}/g, 'org-a'), query }] : [];
  });
});
afterAll(async () => app?.close());

const hostile = fc.oneof(
  fc.constantFrom('', ' ', '%', '-1', '0', '1e3', '0x10', '2026-13-45', 'x'.repeat(300), 'not-a-cursor', 'pdf'),
  fc.string({ maxLength: 12 }).filter((s) => !s.includes('\u0000')),
);

describe('GET /api routes check access before their query parameters', () => {
  it('GET /api/organisations refuses a caller with no right to list before reading q and limit', async () => {
    for (const query of ['', '?q=', `?q=${'a'.repeat(101)}`, '?limit=0', '?after=nonsense']) {
      const answer = await api(app, nobody, 'GET', `/api/organisations${query}`);
      expect(answer.status, `${query}: ${answer.text}`).toBe(403);
    }
  });

  it('a caller refused without a query is refused alike with any value of any documented parameter', async () => {
    expect(reads.length).toBeGreaterThan(10);
    const refusals = new Map<string, number>();
    for (const { path } of reads) refusals.set(path, (await api(app, nobody, 'GET', path)).status);
    const refused = reads.filter(({ path }) => [403, 404].includes(refusals.get(path)!));
    expect(refused.length).toBeGreaterThan(10);
    const call = fc
      .nat()
      .map((i) => refused[i % refused.length]!)
      .chain(({ path, query }) =>
        fc.record({ path: fc.constant(path), name: fc.constantFrom(...query), value: hostile }),
      );
    await fc.assert(
      fc.asyncProperty(call, async ({ path, name, value }) => {
        const answer = await api(app, nobody, 'GET', `${path}?${name}=${encodeURIComponent(value)}`);
        expect(answer.status, answer.text).toBe(refusals.get(path));
      }),
      { numRuns: 120 },
    );
  });
});

describe('/api routes naming their organisation in the body refuse who manages none before reading it', () => {
  const routes = [
    '/api/roles',
    '/api/workers',
    '/api/workers/org-a/memberships',
    '/api/workers/org-a/memberships/end',
    '/api/workers/org-a/roles',
  ];
  it.each(routes)('POST %s: 403 whatever the body', async (path) => {
    // (A property the document does not name is refused from the document before any route runs: closed-bodies.ts.)
    for (const body of [{}, [1], 'text', null]) {
      const answer = await api(app, nobody, 'POST', path, body);
      expect(answer.status, `${JSON.stringify(body)}: ${answer.text}`).toBe(403);
    }
  });
});

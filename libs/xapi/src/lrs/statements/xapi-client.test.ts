import { createHash, randomUUID } from 'node:crypto';
import XAPIModule from '@xapi/xapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { multipartBoundary, parseMultipart } from './multipart.js';

// Under nodenext the CommonJS default export arrives wrapped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const XAPI = ((XAPIModule as any).default ?? XAPIModule) as typeof XAPIModule.default;
type XapiClient = InstanceType<typeof XAPI>;

let app: TestApp;
let xapi: XapiClient;

beforeAll(async () => {
  app = await startTestApp();
  xapi = new XAPI({
    endpoint: `${app.baseUrl}/xapi/`,
    auth: XAPI.toBasicAuth(app.lrsKey, app.lrsSecret),
    version: '1.0.3',
  });
});
afterAll(async () => app?.close());

const actor = { objectType: 'Agent' as const, mbox: `mailto:${randomUUID()}@example.org`, name: 'Client Test' };

function statement(n: number, registration: string) {
  return {
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity' as const, id: `http://example.org/activities/page-${n}` },
    context: { registration },
  };
}

describe('the @xapi/xapi client against the LRS over HTTP', () => {
  it('reads About', async () => {
    const about = await xapi.getAbout();
    expect(about.data.version).toContain('1.0.3');
  });

  it('sends, gets, queries, pages and voids statements', async () => {
    const registration = randomUUID();
    // The axios adapter under Node sends a Blob body as application/octet-stream, whatever header
    // the client sets; the fetch adapter sends the client's multipart/mixed header as a browser would.
    const fetchClient = new XAPI({
      endpoint: `${app.baseUrl}/xapi/`,
      auth: XAPI.toBasicAuth(app.lrsKey, app.lrsSecret),
      version: '1.0.3',
      adapter: 'fetch',
    });
    const sent = await fetchClient.sendStatement({ statement: statement(0, registration) });
    const [firstId] = sent.data;
    const batch = await xapi.sendStatements({ statements: [1, 2, 3, 4].map((n) => statement(n, registration)) });
    expect(batch.data).toHaveLength(4);

    const one = await xapi.getStatement({ statementId: firstId });
    expect(one.data.id).toBe(firstId);
    expect(one.headers['x-experience-api-consistent-through']).toBeTruthy();

    const page1 = await xapi.getStatements({ registration, limit: 2 });
    expect(page1.data.statements).toHaveLength(2);
    expect(page1.data.more).toBeTruthy();
    const seen = page1.data.statements.map((s) => s.id);
    let more = page1.data.more;
    while (more) {
      const next = (await xapi.getMoreStatements({ more })).data as {
        statements: Array<{ id?: string }>;
        more?: string;
      };
      seen.push(...next.statements.map((s) => s.id));
      more = next.more ?? '';
    }
    expect(seen).toEqual([...batch.data].reverse().concat(firstId));

    const byAgent = await xapi.getStatements({ agent: actor, activity: 'http://example.org/activities/page-3' });
    expect(byAgent.data.statements.map((s) => s.id)).toEqual([batch.data[2]]);

    await xapi.voidStatement({ actor, statementId: firstId });
    await expect(xapi.getStatement({ statementId: firstId })).rejects.toBeTruthy();
    const voided = await xapi.getVoidedStatement({ voidedStatementId: firstId });
    expect(voided.data.id).toBe(firstId);
  });

  it('sends a statement with an attachment and gets it back with attachments=true', async () => {
    const text = 'attachment sent through the xAPI client';
    const data = new TextEncoder().encode(text);
    const sha2 = createHash('sha256').update(data).digest('hex');
    const registration = randomUUID();
    // The axios adapter under Node sends a Blob body as application/octet-stream, whatever header
    // the client sets; the fetch adapter sends the client's multipart/mixed header as a browser would.
    const fetchClient = new XAPI({
      endpoint: `${app.baseUrl}/xapi/`,
      auth: XAPI.toBasicAuth(app.lrsKey, app.lrsSecret),
      version: '1.0.3',
      adapter: 'fetch',
    });
    const sent = await fetchClient.sendStatement({
      statement: {
        ...statement(9, registration),
        attachments: [
          {
            usageType: 'http://example.org/usage/notes',
            display: { 'en-US': 'notes' },
            contentType: 'text/plain',
            length: data.length,
            sha2,
          },
        ],
      },
      attachments: [data.buffer as ArrayBuffer],
    });
    const [id] = sent.data;
    const back = await fetchClient.getStatement({ statementId: id, attachments: true });
    expect(JSON.stringify(back.data)).toContain(sha2);
  });

  // The client sends one part per buffer it is given, under the sha2 of the attachment at that index, so a
  // batch whose statements share an attachment goes with one copy (Communication 1.5.2.s2.b2.b5). It cannot
  // send a second part well: it puts no CRLF between a part's content and the next delimiter (RFC 2046
  // 5.1.1), so the first part swallows the rest and its hash fails. One copy per statement, which the LRS
  // takes too, is tested over raw HTTP (test/security/session6-attack.http.test.ts).
  it('sends a batch whose statements share an attachment, with one copy of it', async () => {
    const data = new TextEncoder().encode('one certificate for two statements');
    const sha2 = createHash('sha256').update(data).digest('hex');
    const fetchClient = new XAPI({
      endpoint: `${app.baseUrl}/xapi/`,
      auth: XAPI.toBasicAuth(app.lrsKey, app.lrsSecret),
      version: '1.0.3',
      adapter: 'fetch',
    });
    const withCertificate = (n: number) => ({
      ...statement(n, randomUUID()),
      attachments: [
        {
          usageType: 'http://id.tincanapi.com/attachment/certificate-of-completion',
          display: { 'en-GB': 'certificate' },
          contentType: 'text/plain',
          length: data.length,
          sha2,
        },
      ],
    });
    const sent = await fetchClient.sendStatements({
      statements: [withCertificate(11), withCertificate(12)],
      attachments: [data.buffer as ArrayBuffer],
    });
    expect(sent.data).toHaveLength(2);
    for (const statementId of sent.data) {
      const back = await fetchClient.getStatement({ statementId, attachments: true });
      expect(JSON.stringify(back.data)).toContain('one certificate for two statements');
    }
  });

  it('a binary attachment (every byte value 0-255) sent by the client comes back byte-identical with attachments=true (Communication 2.1.3, XAPI-00161)', async () => {
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      ...Array.from({ length: 256 }, (_, b) => b),
      0x0d,
      0x0a,
      0x2d,
      0x2d,
      0xff,
      0xd9,
    ]);
    const sha2 = createHash('sha256').update(jpeg).digest('hex');
    const fetchClient = new XAPI({
      endpoint: `${app.baseUrl}/xapi/`,
      auth: XAPI.toBasicAuth(app.lrsKey, app.lrsSecret),
      version: '1.0.3',
      adapter: 'fetch',
    });
    const sent = await fetchClient.sendStatement({
      statement: {
        ...statement(10, randomUUID()),
        attachments: [
          {
            usageType: 'http://id.tincanapi.com/attachment/supporting_media',
            display: { 'en-GB': 'certificate scan' },
            contentType: 'image/jpeg',
            length: jpeg.length,
            sha2,
          },
        ],
      },
      attachments: [jpeg.buffer.slice(jpeg.byteOffset, jpeg.byteOffset + jpeg.length) as ArrayBuffer],
    });
    // The client's own multipart reader splits text on CRLF, which no binary part survives: read the bytes.
    const response = await fetch(`${app.baseUrl}/xapi/statements?statementId=${sent.data[0]}&attachments=true`, {
      headers: { authorization: XAPI.toBasicAuth(app.lrsKey, app.lrsSecret), 'x-experience-api-version': '1.0.3' },
    });
    const parts = parseMultipart(
      Buffer.from(await response.arrayBuffer()),
      multipartBoundary(response.headers.get('content-type') ?? '') ?? '',
    );
    expect(parts).toHaveLength(2);
    expect(parts[1].headers['x-experience-api-hash']).toBe(sha2);
    expect(parts[1].headers['content-transfer-encoding']).toBe('binary');
    expect(Buffer.compare(parts[1].body, jpeg)).toBe(0);
  });
});

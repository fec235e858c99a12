import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';
import { multipartBoundary, parseMultipart } from './multipart.js';

// Workers' evidence files (photos, scanned certificates, PDFs) travel as raw bytes in multipart/mixed
// (Communication 1.5.2, Data 2.4.11), and come back byte for byte with attachments=true (Communication 2.1.3).

let app: TestApp;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  auth = `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
});
afterAll(async () => app?.close());

/** Every byte value 0-255, in an order that holds invalid UTF-8 sequences (lone 0x80-0xBF, 0xC0 0xAF, 0xFF). */
const EVERY_BYTE = Buffer.from([
  ...Array.from({ length: 256 }, (_, i) => i),
  0xc0,
  0xaf,
  0xed,
  0xa0,
  0x80,
  0x0d,
  0x0a,
  0x2d,
  0x2d,
]);
/** A real JPEG (16x16, JFIF; from CPython's test data), far from valid UTF-8. */
const PHOTO = readFileSync(new URL('../../../../../test/fixtures/evidence-photo.jpg', import.meta.url));

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

interface Part {
  content: Buffer;
  contentType: string;
}

function attachmentOf(part: Part, usage = 'http://id.tincanapi.com/attachment/supporting_media') {
  return {
    usageType: usage,
    display: { 'en-GB': 'evidence' },
    contentType: part.contentType,
    length: part.content.length,
    sha2: sha256(part.content),
  };
}

function statement(parts: Part[]) {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.org` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attached', display: { 'en-GB': 'attached' } },
    object: { id: 'http://example.org/evidence/photo' },
    attachments: parts.map((part) => attachmentOf(part)),
  };
}

/** multipart/mixed as the spec's example has it: the statements part, then each part as raw binary. */
function multipartBody(statements: unknown, parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `bodies-${randomUUID()}`;
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statements)}\r\n`),
  ];
  for (const part of parts) {
    const headers = `Content-Type: ${part.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha256(part.content)}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`), part.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}

function xapi(path: string, init: { method?: string; body?: Buffer; contentType?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: auth, 'x-experience-api-version': '1.0.3' };
  if (init.contentType) headers['content-type'] = init.contentType;
  return fetch(`${app.baseUrl}/xapi${path}`, { method: init.method ?? 'GET', headers, body: init.body });
}

/** The parts of a multipart/mixed response, with its headers lower-cased. */
async function multipartParts(response: Response) {
  const contentType = response.headers.get('content-type') ?? '';
  expect(contentType).toMatch(/^multipart\/mixed;/);
  return parseMultipart(Buffer.from(await response.arrayBuffer()), multipartBoundary(contentType)!);
}

const jpeg: Part = { content: PHOTO, contentType: 'image/jpeg' };
const everyByte: Part = { content: EVERY_BYTE, contentType: 'application/octet-stream' };

describe('binary attachment parts are taken as bytes (Communication 1.5.2, Data 2.4.11)', () => {
  it('the fixtures are not UTF-8, so decoding them as text would change them', () => {
    for (const { content } of [jpeg, everyByte])
      expect(Buffer.from(content.toString('utf8')).equals(content)).toBe(false);
  });

  it('POST stores a JPEG and every byte value 0-255 sent as Content-Transfer-Encoding: binary (1.5.2.s2.b2.b4)', async () => {
    const sent = statement([jpeg, everyByte]);
    const { body, contentType } = multipartBody(sent, [jpeg, everyByte]);
    const response = await xapi('/statements', { method: 'POST', body, contentType });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual([sent.id]);
    const stored = await storedContent(sent.id);
    expect(stored.get(sha256(PHOTO))?.equals(PHOTO)).toBe(true);
    expect(stored.get(sha256(EVERY_BYTE))?.equals(EVERY_BYTE)).toBe(true);
  });

  it('PUT stores a binary part byte-exact too (Communication 2.1.1 with 1.5.2)', async () => {
    const sent = statement([jpeg]);
    const { body, contentType } = multipartBody(sent, [jpeg]);
    const response = await xapi(`/statements?statementId=${sent.id}`, { method: 'PUT', body, contentType });
    expect(response.status, await response.clone().text()).toBe(204);
    expect((await storedContent(sent.id)).get(sha256(PHOTO))?.equals(PHOTO)).toBe(true);
  });

  it('a part whose bytes were changed in transit is refused naming the part (1.5.2.s1.b4)', async () => {
    const sent = statement([jpeg]);
    const { body, contentType } = multipartBody(sent, [{ ...jpeg, content: Buffer.from(PHOTO.toString('utf8')) }]);
    // The hash header is the changed content's, which no attachment of the statement has: refused on the
    // part's headers (1.5.2.s2.b2.b2).
    const response = await xapi('/statements', { method: 'POST', body, contentType });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^multipart part 2: X-Experience-API-Hash [0-9a-f]{64} is the sha2 of no attachment of the statements/,
    );
  });
});

describe('the statements part of multipart/mixed is read as strictly as an application/json body (issue 11 §5)', () => {
  async function postStatementsPart(json: Buffer): Promise<{ status: number; message: string }> {
    const boundary = `strict-${randomUUID()}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n`),
      json,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await xapi('/statements', {
      method: 'POST',
      body,
      contentType: `multipart/mixed; boundary=${boundary}`,
    });
    return {
      status: response.status,
      message: ((await response.json()) as { error: { message: string } }).error.message,
    };
  }

  it('refuses nesting deeper than 100, a __proto__ key and bytes that are not UTF-8, naming the part, and stores nothing', async () => {
    const deep = {
      ...statement([]),
      result: { extensions: { 'http://example.org/x': JSON.parse(`${'['.repeat(150)}${']'.repeat(150)}`) } },
    };
    expect(await postStatementsPart(Buffer.from(JSON.stringify(deep)))).toEqual({
      status: 400,
      message: 'first multipart part: JSON nested 153 levels deep; at most 100 are accepted',
    });
    const proto = Buffer.from(JSON.stringify(statement([])).replace('{', '{"__proto__":{"admin":true},'));
    expect(await postStatementsPart(proto)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^first multipart part: not valid JSON \(.*prototype/),
    });
    const latin1 = Buffer.from(
      JSON.stringify({
        ...statement([]),
        verb: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-GB': 'caf\u00e9' } },
      }),
      'latin1',
    );
    expect(await postStatementsPart(latin1)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^first multipart part: not valid UTF-8 \(byte 0xE9 at offset \d+\)$/),
    });
    const stored = await xapi(`/statements?statementId=${deep.id}`);
    expect(stored.status).toBe(404);
  });
});

describe('GET with attachments=true answers multipart/mixed (Communication 2.1.3, XAPI-00161, XAPI-00167)', () => {
  it('single statement: the statement part first as application/json, then each attachment byte-identical', async () => {
    const sent = statement([jpeg, everyByte]);
    const { body, contentType } = multipartBody(sent, [jpeg, everyByte]);
    expect((await xapi('/statements', { method: 'POST', body, contentType })).status).toBe(200);

    const response = await xapi(`/statements?statementId=${sent.id}&attachments=true`);
    expect(response.status).toBe(200);
    const [first, ...attachments] = await multipartParts(response);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect((JSON.parse(first.body.toString('utf8')) as { id: string }).id).toBe(sent.id);
    expectAttachmentParts(attachments, [jpeg, everyByte]);
  });

  it('statement list: the StatementResult part first, then the attachments of every statement on the page', async () => {
    const registration = randomUUID();
    const one = { ...statement([jpeg]), context: { registration } };
    const two = { ...statement([everyByte]), context: { registration } };
    const { body, contentType } = multipartBody([one, two], [jpeg, everyByte]);
    expect((await xapi('/statements', { method: 'POST', body, contentType })).status).toBe(200);

    const response = await xapi(`/statements?registration=${registration}&attachments=true`);
    expect(response.status).toBe(200);
    const [first, ...attachments] = await multipartParts(response);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const result = JSON.parse(first.body.toString('utf8')) as { statements: Array<{ id: string }> };
    expect(result.statements.map((s) => s.id).sort()).toEqual([one.id, two.id].sort());
    expectAttachmentParts(attachments, [jpeg, everyByte]);
  });

  it('an attachment with a fileUrl whose data also came as a part is returned with its data (XAPI-00161)', async () => {
    const sent = statement([jpeg]);
    sent.attachments[0] = {
      ...sent.attachments[0],
      fileUrl: 'http://example.org/evidence/photo.jpg',
    } as (typeof sent.attachments)[0];
    const { body, contentType } = multipartBody(sent, [jpeg]);
    expect((await xapi('/statements', { method: 'POST', body, contentType })).status).toBe(200);
    const [, ...attachments] = await multipartParts(await xapi(`/statements?statementId=${sent.id}&attachments=true`));
    expectAttachmentParts(attachments, [jpeg]);
  });

  it('without attachments=true the same statements come as application/json, attachments by reference only (2.1.3.s1)', async () => {
    const sent = statement([jpeg]);
    const { body, contentType } = multipartBody(sent, [jpeg]);
    expect((await xapi('/statements', { method: 'POST', body, contentType })).status).toBe(200);
    for (const query of [
      `statementId=${sent.id}`,
      `statementId=${sent.id}&attachments=false`,
      `agent=${encodeURIComponent(JSON.stringify(sent.actor))}`,
    ]) {
      const response = await xapi(`/statements?${query}`);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.text()).toContain(sha256(PHOTO));
    }
  });
});

/** Each expected attachment once, with its hash, binary transfer encoding, Content-Type and exact bytes. */
function expectAttachmentParts(
  parts: Array<{ headers: Record<string, string>; body: Buffer }>,
  expected: Part[],
): void {
  expect(parts).toHaveLength(expected.length);
  for (const part of expected) {
    const sent = parts.find((p) => p.headers['x-experience-api-hash'] === sha256(part.content));
    expect(sent, `the part of ${part.contentType}`).toBeDefined();
    expect(sent!.headers['content-transfer-encoding']).toBe('binary');
    expect(sent!.headers['content-type']).toBe(part.contentType);
    expect(sent!.body.equals(part.content)).toBe(true);
  }
}

/** What the LRS serves back for a statement's attachments, by hash. */
async function storedContent(statementId: string): Promise<Map<string, Buffer>> {
  const response = await xapi(`/statements?statementId=${statementId}&attachments=true`);
  expect(response.status).toBe(200);
  const [, ...attachments] = await multipartParts(response);
  return new Map(attachments.map((part) => [part.headers['x-experience-api-hash'], part.body]));
}

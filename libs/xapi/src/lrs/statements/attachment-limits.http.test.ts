import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, waitForProjections, type TestApp } from '../../../../../test/support/app.js';
import { writesSnapshot } from '../../../../../test/support/writes.js';
import { multipartBoundary, parseMultipart } from './multipart.js';
import { sha256, statementWith } from '../../../../../test/support/attachments.js';

// Attachments are streamed (issue: the LRS buffered a whole multipart request): a request over
// MAX_ATTACHMENT_BYTES is refused with 413 before or while it is read, whatever it declares; a refused,
// failed or abandoned upload leaves nothing stored and nothing in the spool folder.

const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;
const spoolDir = mkdtempSync(join(tmpdir(), 'continuum-spool-test-'));

let app: TestApp;
let auth: string;

beforeAll(async () => {
  app = await startTestApp({
    env: {
      MAX_ATTACHMENT_BYTES: String(MAX_ATTACHMENT_BYTES),
      MAX_REQUEST_BYTES: String(1024 * 1024),
      ATTACHMENT_SPOOL_DIR: spoolDir,
    },
  });
  auth = `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
});
afterAll(async () => {
  await app?.close();
  rmSync(spoolDir, { recursive: true, force: true });
});

const BOUNDARY = 'limits-boundary';
const CONTENT_TYPE = `multipart/mixed; boundary=${BOUNDARY}`;

/** The body before the attachment's bytes, and after them. */
function framing(statement: unknown, hash: string): { head: Buffer; tail: Buffer } {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement)}\r\n` +
      `--${BOUNDARY}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${hash}\r\n\r\n`,
  );
  return { head, tail: Buffer.from(`\r\n--${BOUNDARY}--\r\n`) };
}

function post(body: Buffer, path = '/xapi/statements'): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': CONTENT_TYPE },
    body,
  });
}

/** Opens a connection and sends a request's head; the caller writes (part of) the body. */
function openRequest(headers: Record<string, string>): { socket: Socket; answer: Promise<string> } {
  const { port } = new URL(app.baseUrl);
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => {});
  const answer = new Promise<string>((resolve) => {
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
  });
  const lines = Object.entries({
    host: 'localhost',
    authorization: auth,
    'x-experience-api-version': '1.0.3',
    'content-type': CONTENT_TYPE,
    ...headers,
  }).map(([k, v]) => `${k}: ${v}`);
  socket.write(`POST /xapi/statements HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  return { socket, answer };
}

function chunked(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
}

function errorMessage(answer: string): string {
  const json = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  return (JSON.parse(json.slice(json.indexOf('{'), json.lastIndexOf('}') + 1)) as { error: { message: string } }).error
    .message;
}

/** Waits (bounded) for a condition the server reaches on its own, e.g. after a client went away. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

const spooled = () => readdirSync(spoolDir);

// A statement stored by a test before is followed by the reactors' own appends: the log head moves on
// after its answer, and a test's snapshot before its refused request must not see that as its write.
beforeEach(async () => {
  await waitForProjections(app.runtime, 60_000);
});

describe('MAX_ATTACHMENT_BYTES: a multipart statements request over it is a 413 naming it, storing nothing', () => {
  it('refused by its Content-Length before the body is read', async () => {
    const before = await writesSnapshot(app.runtime.pool);
    const { socket, answer } = openRequest({ 'content-length': String(MAX_ATTACHMENT_BYTES + 1) });
    socket.write(framing(statementWith(Buffer.from('x')), sha256(Buffer.from('x'))).head);
    const response = await answer;
    expect(response.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(errorMessage(response)).toBe(
      `request body: Content-Length ${MAX_ATTACHMENT_BYTES + 1}; a statements request with attachments takes at most ${MAX_ATTACHMENT_BYTES} bytes (MAX_ATTACHMENT_BYTES)`,
    );
    expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
    expect(spooled()).toEqual([]);
  });

  it('refused while streaming when no Content-Length is declared (chunked), once the count passes the limit', async () => {
    const before = await writesSnapshot(app.runtime.pool);
    const content = randomBytes(MAX_ATTACHMENT_BYTES + 512 * 1024);
    const { head, tail } = framing(statementWith(content), sha256(content));
    const { socket, answer } = openRequest({ 'transfer-encoding': 'chunked' });
    socket.write(chunked(head));
    // The server answers and closes the connection part-way: writes after that fail, which is the point.
    for (let at = 0; at < content.length && !socket.destroyed; at += 256 * 1024) {
      if (!socket.write(chunked(content.subarray(at, at + 256 * 1024))))
        await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
    }
    if (!socket.destroyed) socket.write(Buffer.concat([chunked(tail), Buffer.from('0\r\n\r\n')]));
    const response = await answer;
    expect(response.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(errorMessage(response)).toBe(
      `request body: more than ${MAX_ATTACHMENT_BYTES} bytes; a statements request with attachments takes at most ${MAX_ATTACHMENT_BYTES} bytes (MAX_ATTACHMENT_BYTES)`,
    );
    expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
    await eventually(() => spooled().length === 0, 'the spool is emptied');
  });

  it('a statements part over MAX_REQUEST_BYTES is a 413 naming that limit: it is the part held in memory', async () => {
    const content = Buffer.from('small');
    const statement = {
      ...statementWith(content),
      result: { response: 'x'.repeat(1024 * 1024) },
    };
    const { head, tail } = framing(statement, sha256(content));
    const response = await post(Buffer.concat([head, content, tail]));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'first multipart part: more than 1048576 bytes of statements (MAX_REQUEST_BYTES)',
    );
    expect(spooled()).toEqual([]);
  });
});

describe('attachments streamed to storage and back', () => {
  it('a 3.5 MiB attachment (several stored chunks) comes back byte for byte with its Content-Length', async () => {
    const content = randomBytes(3.5 * 1024 * 1024);
    const statement = statementWith(content);
    const { head, tail } = framing(statement, sha256(content));
    const stored = await post(Buffer.concat([head, content, tail]));
    expect(stored.status).toBe(200);
    expect(spooled()).toEqual([]);
    const response = await fetch(`${app.baseUrl}/xapi/statements?statementId=${statement.id}&attachments=true`, {
      headers: { authorization: auth, 'x-experience-api-version': '1.0.3' },
    });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    const parts = parseMultipart(body, multipartBoundary(response.headers.get('content-type') ?? '')!);
    expect(parts).toHaveLength(2);
    expect(parts[1].headers['x-experience-api-hash']).toBe(sha256(content));
    expect(parts[1].body.equals(content)).toBe(true);
  });

  it('a hash that does not match a large part is a 400 naming the part, storing nothing', async () => {
    const before = await writesSnapshot(app.runtime.pool);
    const content = randomBytes(3 * 1024 * 1024);
    const declared = sha256(Buffer.from('another file'));
    const statement = statementWith(content);
    statement.attachments[0].sha2 = declared;
    const { head, tail } = framing(statement, declared);
    const response = await post(Buffer.concat([head, content, tail]));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      `multipart part 2: X-Experience-API-Hash ${declared} is not the SHA-2 of the part's content (Communication 1.5.2.s1.b4)`,
    );
    expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
    expect(spooled()).toEqual([]);
  });

  it('a client that disconnects mid-upload leaves nothing stored and nothing spooled', async () => {
    const before = await writesSnapshot(app.runtime.pool);
    const content = randomBytes(3 * 1024 * 1024);
    const { head } = framing(statementWith(content), sha256(content));
    const { socket, answer } = openRequest({ 'content-length': String(head.length + content.length + 64) });
    socket.write(Buffer.concat([head, content.subarray(0, 1024 * 1024)]));
    await eventually(() => spooled().length === 1, 'the upload is being spooled');
    socket.destroy();
    await answer;
    await eventually(() => spooled().length === 0, 'the spool is emptied');
    expect(await writesSnapshot(app.runtime.pool)).toEqual(before);
  });

  // The content is committed before the append (statement-writer.service.ts), so that a stored statement
  // never lacks it: an append that fails leaves the content, referenced by nothing, for the next statement.
  it('an append that fails after the attachment was written (a conflicting id) stores nothing of the statement; a later one uses the content (409)', async () => {
    const id = randomUUID();
    const first = await fetch(`${app.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
      body: JSON.stringify({ ...statementWith(Buffer.from('x'), { id }), attachments: undefined }),
    });
    expect(first.status).toBe(200);
    // The evidence reactor may still append the new actor's registration: count attachments only.
    const before = Number((await writesSnapshot(app.runtime.pool)).attachments);
    const content = randomBytes(2 * 1024 * 1024);
    const { head, tail } = framing(statementWith(content, { id }), sha256(content));
    const response = await post(Buffer.concat([head, content, tail]));
    expect(response.status).toBe(409);
    expect(Number((await writesSnapshot(app.runtime.pool)).attachments)).toBe(before + 1);
    expect(spooled()).toEqual([]);
    const later = statementWith(content);
    const retried = framing(later, sha256(content));
    const stored = await post(Buffer.concat([retried.head, content, retried.tail]));
    expect(stored.status, await stored.text()).toBe(200);
    expect(Number((await writesSnapshot(app.runtime.pool)).attachments)).toBe(before + 1);
    const back = await fetch(`${app.baseUrl}/xapi/statements?statementId=${later.id}&attachments=true`, {
      headers: { authorization: auth, 'x-experience-api-version': '1.0.3' },
    });
    expect(Buffer.from(await back.arrayBuffer()).includes(content)).toBe(true);
  });

  it('multipart/mixed elsewhere (a document) is still read whole and stored as sent', async () => {
    const body = Buffer.from(`--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nnot statements\r\n--${BOUNDARY}--\r\n`);
    const path = `/xapi/activities/state?activityId=${encodeURIComponent('http://example.org/a')}&agent=${encodeURIComponent(
      JSON.stringify({ mbox: 'mailto:doc@example.org' }),
    )}&stateId=multipart`;
    const headers = { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': CONTENT_TYPE };
    expect((await fetch(`${app.baseUrl}${path}`, { method: 'PUT', headers, body })).status).toBe(204);
    const read = await fetch(`${app.baseUrl}${path}`, { headers });
    expect(Buffer.from(await read.arrayBuffer()).equals(body)).toBe(true);
    expect(spooled()).toEqual([]);
  });
});

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';

// Issue 11 §4: credentials are checked before a body is read, so no one without them can make the
// server take in up to MAX_REQUEST_BYTES. Each request declares 60 MB and sends only its headers and a
// few bytes: an answer can only come before the body was read.

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

/** The status line of the answer to headers announcing a 60 MB body of which only 10 bytes are sent. */
function statusOfUnsentBody(method: string, path: string, headers: Record<string, string>): Promise<string> {
  const { port } = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer within 5 s (the server waits for the body)');
    }, 5000);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (!received.includes('\r\n')) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(received.split('\r\n')[0]);
    });
    socket.on('error', reject);
    const lines = Object.entries({ host: 'localhost', 'content-length': '60000000', ...headers }).map(
      ([k, v]) => `${k}: ${v}`,
    );
    socket.write(`${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n{"a":"bcd"`);
  });
}

const xapiHeaders = { 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' };

describe('authentication before the body is read (issue 11 §4)', () => {
  it('/xapi: no credentials, or wrong ones, are a 401 at once', async () => {
    expect(await statusOfUnsentBody('POST', '/xapi/statements', xapiHeaders)).toBe('HTTP/1.1 401 Unauthorized');
    const wrong = `Basic ${Buffer.from(`${app.lrsKey}:wrong`).toString('base64')}`;
    expect(
      await statusOfUnsentBody('PUT', '/xapi/activities/state?x=1', { ...xapiHeaders, authorization: wrong }),
    ).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('/api: no bearer token, or an unknown one, is a 401 at once', async () => {
    const json = { 'content-type': 'application/json' };
    expect(await statusOfUnsentBody('POST', '/api/workers', json)).toBe('HTTP/1.1 401 Unauthorized');
    expect(
      await statusOfUnsentBody('POST', '/api/organisations', { ...json, authorization: 'Bearer not-a-session' }),
    ).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('routes taken without credentials (sign-in, elsewhere) read at most 1 MiB: 413 at once for more', async () => {
    expect(await statusOfUnsentBody('POST', '/api/auth/sign-in', { 'content-type': 'application/json' })).toBe(
      'HTTP/1.1 413 Payload Too Large',
    );
    expect(await statusOfUnsentBody('POST', '/health', { 'content-type': 'application/json' })).toBe(
      'HTTP/1.1 413 Payload Too Large',
    );
  });

  it('with valid credentials the body is read (the server waits for it)', async () => {
    const auth = `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
    expect(await statusOfUnsentBody('POST', '/xapi/statements', { ...xapiHeaders, authorization: auth })).toMatch(
      /^no answer/,
    );
  });
});

describe('statement batches (XAPI_MAX_BATCH_STATEMENTS)', () => {
  it('a batch above the limit is a 413 naming it; at the limit it is stored', async () => {
    const auth = `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
    const statement = {
      actor: { mbox: 'mailto:a@example.org' },
      verb: { id: 'http://example.org/v' },
      object: { id: 'http://example.org/a' },
    };
    const post = (count: number) =>
      fetch(`${app.baseUrl}/xapi/statements`, {
        method: 'POST',
        headers: { ...xapiHeaders, authorization: auth },
        body: JSON.stringify(Array.from({ length: count }, () => statement)),
      });
    const over = await post(1001);
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(
      /1001 statements .* at most 1000 \(XAPI_MAX_BATCH_STATEMENTS\)/,
    );
    expect((await post(1000)).status).toBe(200);
  });
});

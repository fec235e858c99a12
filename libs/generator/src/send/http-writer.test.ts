import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpWriter } from './http-writer.js';

/** A real HTTP server that answers `status` (409 unless said) for the first `busy` requests, then 204. */
async function serverBusyFor(
  busy: number,
  status = 409,
  headers: Record<string, string> = {},
): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests++;
      if (requests <= busy) {
        response.writeHead(status, headers);
        response.end('{"detail":"busy"}');
      } else {
        response.statusCode = 204;
        response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, requests: () => requests };
}

describe('HttpWriter', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('sends a call marked retryWhileBusy again after a 409 until it is accepted', async () => {
    const busy = await serverBusyFor(2);
    server = busy.server;
    await new HttpWriter(busy.url, 'token').api('POST', '/complete', {}, { retryWhileBusy: true });
    expect(busy.requests()).toBe(3);
  }, 20_000);

  it('fails the run on a 409 of a call not marked', async () => {
    const busy = await serverBusyFor(1);
    server = busy.server;
    await expect(new HttpWriter(busy.url, 'token').api('POST', '/complete', {})).rejects.toThrow(
      /POST \/complete answered 409/,
    );
    expect(busy.requests()).toBe(1);
  });

  it('sends a request again after a 503 once the Retry-After pause is over, /api and /xapi alike', async () => {
    const busy = await serverBusyFor(2, 503, { 'retry-after': '0' });
    server = busy.server;
    const writer = new HttpWriter(busy.url, 'token');
    await writer.api('POST', '/api/admin/users', {});
    expect(busy.requests()).toBe(3);
    await writer.xapi('Basic a2V5OnNlY3JldA==', [{}]);
    expect(busy.requests()).toBe(4);
  });

  it('fails the run on a 503 without Retry-After', async () => {
    const busy = await serverBusyFor(1, 503);
    server = busy.server;
    await expect(new HttpWriter(busy.url, 'token').xapi('Basic a2V5OnNlY3JldA==', [{}])).rejects.toThrow(
      /answered 503/,
    );
    expect(busy.requests()).toBe(1);
  });
});

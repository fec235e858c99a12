import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpWriter } from './http-writer.js';

/** A real HTTP server that answers 409 for the first `busy` requests, then 204. */
async function serverBusyFor(busy: number): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests++;
      response.statusCode = requests <= busy ? 409 : 204;
      response.end(requests <= busy ? '{"detail":"still being recorded"}' : '');
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
});

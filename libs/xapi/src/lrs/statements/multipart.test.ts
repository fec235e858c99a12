import { describe, expect, it } from 'vitest';
import { buildMultipart, multipartBoundary, MultipartError, parseMultipart } from './multipart.js';

describe('multipart/mixed (RFC 2046)', () => {
  it('reads quoted and token boundaries', () => {
    expect(multipartBoundary(`multipart/mixed; boundary="abcABC0123'()+_,-./:=?"`)).toBe("abcABC0123'()+_,-./:=?");
    expect(multipartBoundary('multipart/mixed;boundary=xyz')).toBe('xyz');
    expect(multipartBoundary('multipart/mixed')).toBeUndefined();
  });

  it('splits parts, ignoring preamble and epilogue, keeping binary content exact', () => {
    const binary = Buffer.from([0, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from('preamble\r\n--b\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n--b\r\nX-Experience-API-Hash: h\r\n\r\n'),
      binary,
      Buffer.from('\r\n--b--\r\nepilogue'),
    ]);
    const parts = parseMultipart(body, 'b');
    expect(parts).toHaveLength(2);
    expect(parts[0].headers['content-type']).toBe('application/json');
    expect(parts[0].body.toString()).toBe('{"a":1}');
    expect(parts[1].headers['x-experience-api-hash']).toBe('h');
    expect(Buffer.compare(parts[1].body, binary)).toBe(0);
  });

  it('round-trips what it builds', () => {
    const built = buildMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('[]') },
      { headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('hello\r\n') },
    ]);
    const parts = parseMultipart(built.body, multipartBoundary(built.contentType)!);
    expect(parts.map((p) => p.body.toString())).toEqual(['[]', 'hello\r\n']);
  });

  it('rejects a body without the boundary or without the closing delimiter', () => {
    expect(() => parseMultipart(Buffer.from('nothing here'), 'b')).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('--b\r\nA: 1\r\n\r\nbody'), 'b')).toThrow(MultipartError);
  });
});

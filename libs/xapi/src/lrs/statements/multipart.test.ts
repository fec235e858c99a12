import { describe, expect, it } from 'vitest';
import {
  buildMultipart,
  mediaTypesMatch,
  multipartBoundary,
  MultipartError,
  parseMediaType,
  parseMultipart,
} from './multipart.js';

describe('multipart/mixed (RFC 2046)', () => {
  it('reads quoted and token boundaries', () => {
    expect(multipartBoundary(`multipart/mixed; boundary="abcABC0123'()+_,-./:=?"`)).toBe("abcABC0123'()+_,-./:=?");
    expect(multipartBoundary('multipart/mixed;boundary=xyz')).toBe('xyz');
    expect(multipartBoundary('multipart/mixed')).toBeUndefined();
  });

  it('splits parts, ignoring preamble and epilogue, keeping binary content exact', () => {
    const binary = Buffer.from([0, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from(
        'preamble\r\n--b\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n--b\r\nX-Experience-API-Hash: h\r\n\r\n',
      ),
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

describe('attachment contentType against a part Content-Type (Communication 1.5.2.s2.b2.b7)', () => {
  it('parses type/subtype and parameters, quoted or not', () => {
    const parsed = parseMediaType('Text/Plain; Charset="us-ascii"; format=flowed ; x="a;b\\"c"');
    expect(parsed?.type).toBe('text/plain');
    expect([...(parsed?.parameters ?? [])]).toEqual([
      ['charset', 'us-ascii'],
      ['format', 'flowed'],
      ['x', 'a;b"c'],
    ]);
    expect(parseMediaType('text')).toBeUndefined();
    expect(parseMediaType('')).toBeUndefined();
  });

  it.each([
    ['the spec example: parameter declared, not sent', 'text/plain; charset=ascii', 'text/plain'],
    ['parameter sent, not declared', 'image/png', 'image/png; name=x.png'],
    ['type and subtype in another case', 'Image/PNG', 'image/png'],
    ['charset value in another case', 'text/plain; charset=UTF-8', 'text/plain; charset="utf-8"'],
    ['whitespace around the type', ' application/pdf ', 'application/pdf'],
    ['another parameter value in another case', 'text/plain; format=Flowed', 'text/plain; format=flowed'],
  ])('matches: %s', (_t, declared, sent) => expect(mediaTypesMatch(declared, sent)).toBe(true));

  it.each([
    ['another subtype', 'image/png', 'image/jpeg'],
    ['another type', 'text/plain', 'application/plain'],
    ['the same parameter with another value', 'text/plain; charset=ascii', 'text/plain; charset=utf-8'],
    ['a header without a media type', 'text/plain', 'plain'],
  ])('does not match: %s', (_t, declared, sent) => expect(mediaTypesMatch(declared, sent)).toBe(false));
});

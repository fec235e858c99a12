import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDuration, parseDuration, truncateDuration } from './duration.js';
import { isIri, isIrl, isMailtoIri, isMediaType, isSha1Hex, isSha2Hex } from './iri.js';
import { isLanguageTag } from './language-tag.js';
import { instantOf, isIsoTimestamp, parseTimestamp, storableInstant } from './timestamp.js';
import { isUuid } from './uuid.js';

describe('isIri / isIrl (xAPI Data 4.3, 2.2.s4.b1.b8)', () => {
  it.each([
    'http://adlnet.gov/expapi/verbs/attempted',
    'https://example.com/a?b=c#d',
    'urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
    'mailto:a@example.com',
    'http://example.com/فعل/خواندن',
    'http://example.com/%20space',
    'tag:example.com,2024:x',
  ])('accepts %s', (value) => expect(isIri(value) && isIrl(value)).toBe(true));
  it.each([
    '',
    'attempted',
    '/relative/path',
    '#fragment',
    'http://exa mple.com',
    'http://example.com/<x>',
    '1http://x',
    'http://x/%zz',
    'http:',
  ])('rejects %j', (value) => expect(isIri(value)).toBe(false));
  it('rejects non-strings', () => expect(isIri(42)).toBe(false));
});

describe('isMailtoIri, isSha1Hex, isSha2Hex, isMediaType', () => {
  it.each(['mailto:a@example.com', 'mailto:first.last+tag@sub.example.co.uk'])('mailto accepts %s', (v) =>
    expect(isMailtoIri(v)).toBe(true),
  );
  it.each(['a@example.com', 'mailto:', 'mailto:nobody', 'MAILTO:a@example.com', 'mailto:a@', 'mailto:a b@example.com'])(
    'mailto rejects %j',
    (v) => expect(isMailtoIri(v)).toBe(false),
  );
  it('sha1 is 40 hex digits in either case', () => {
    expect(isSha1Hex('ebd31e95054c018b10727ccffd2ef2ec3a016ee9')).toBe(true);
    expect(isSha1Hex('EBD31E95054C018B10727CCFFD2EF2EC3A016EE9')).toBe(true);
    expect(isSha1Hex('ebd31e95054c018b10727ccffd2ef2ec3a016ee')).toBe(false);
    expect(isSha1Hex('zbd31e95054c018b10727ccffd2ef2ec3a016ee9')).toBe(false);
  });
  it('sha2 is 224, 256, 384 or 512 bits of hex', () => {
    for (const n of [56, 64, 96, 128]) expect(isSha2Hex('a'.repeat(n))).toBe(true);
    for (const n of [40, 63, 65, 0]) expect(isSha2Hex('a'.repeat(n))).toBe(false);
  });
  it.each(['text/plain', 'text/plain; charset=ascii', 'application/octet-stream', 'multipart/mixed; boundary="a b"'])(
    'media type accepts %s',
    (v) => expect(isMediaType(v)).toBe(true),
  );
  it.each(['text', '', 'text/', '/plain', 'text/plain;'])('media type rejects %j', (v) =>
    expect(isMediaType(v)).toBe(false),
  );
});

describe('isUuid (xAPI Data 4.4)', () => {
  it.each([
    'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
    'FD41C918-B88B-4B20-A0A5-A4C32391AAA0',
    '12345678-1234-5678-1234-567812345678',
    '00000000-0000-0000-0000-000000000000',
  ])('accepts %s', (v) => expect(isUuid(v)).toBe(true));
  it.each([
    '',
    'fd41c918b88b4b20a0a5a4c32391aaa0',
    '{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}',
    'AA97B177-9383-4934-8543-0F91A7A028368',
    'MA97B177-9383-4934-8543-0F91A7A02836',
  ])('rejects %j', (v) => expect(isUuid(v)).toBe(false));
});

describe('isLanguageTag (RFC 5646, xAPI Data 2.2.s4.b2)', () => {
  it.each([
    'en',
    'en-US',
    'en-GB',
    'es-MX',
    'tlh',
    'zh-Hant-TW',
    'sr-Latn-RS',
    'es-419',
    'de-CH-1901',
    'sl-rozaj-biske',
    'en-a-bbb-x-a-ccc',
    'x-whatever',
    'i-klingon',
    'zh-min-nan',
    'EN-us',
    'zh-yue-HK',
    'hy-Latn-IT-arevela',
  ])('accepts %s', (v) => expect(isLanguageTag(v)).toBe(true));
  it.each(['', 'something', 'a12345', 'en-', '-en', 'e', 'en_US', 'en-US-', 'en--US', '123', 'en-a', 'x', 'en US'])(
    'rejects %j',
    (v) => expect(isLanguageTag(v)).toBe(false),
  );
});

describe('timestamps (xAPI Data 4.5)', () => {
  it('parses to the same instant whatever the offset', () => {
    const a = parseTimestamp('2013-05-18T05:32:34.804+00:00');
    const b = parseTimestamp('2013-05-18T06:32:34.804+01:00');
    expect(a?.epochMs).toBe(Date.parse('2013-05-18T05:32:34.804Z'));
    expect(b?.epochMs).toBe(a?.epochMs);
    expect(a?.hasOffset).toBe(true);
  });
  it('keeps sub-millisecond precision', () => {
    const t = parseTimestamp('2013-05-18T05:32:34.8041Z');
    expect(t?.epochMs).toBeCloseTo(Date.parse('2013-05-18T05:32:34.804Z') + 0.1, 5);
  });
  it('reads a timestamp without an offset as UTC in 1.0.3 only', () => {
    expect(parseTimestamp('2013-05-18T05:32:34', '1.0.3')?.hasOffset).toBe(false);
    expect(isIsoTimestamp('2013-05-18T05:32:34', '2.0.0')).toBe(false);
  });
  it('accepts a leap second and rejects 24:00', () => {
    expect(isIsoTimestamp('2016-12-31T23:59:60Z')).toBe(true);
    expect(isIsoTimestamp('2016-12-31T24:00:00Z')).toBe(false);
  });
  it('handles leap years', () => {
    expect(isIsoTimestamp('2000-02-29T00:00:00Z')).toBe(true);
    expect(isIsoTimestamp('1900-02-29T00:00:00Z')).toBe(false);
    expect(isIsoTimestamp('2023-02-29T00:00:00Z')).toBe(false);
  });
  it('rejects offsets out of range', () => expect(isIsoTimestamp('2013-05-18T05:32:34+24:00')).toBe(false));
});

describe('instantOf / storableInstant: the instant a read model stores', () => {
  it('writes every accepted form as UTC with milliseconds, which PostgreSQL and date slicing take', () => {
    expect(instantOf('2026-02-01T10:00:00+16:00')).toBe('2026-01-31T18:00:00.000Z');
    expect(instantOf('2026-02-01T10:00:00,5Z')).toBe('2026-02-01T10:00:00.500Z');
    expect(instantOf('20260201T1000+0100')).toBe('2026-02-01T09:00:00.000Z');
    expect(instantOf('2026-12-31T23:59:60Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuses what no read model could store, and falls back for what is no timestamp', () => {
    expect(parseTimestamp('9999-12-31T23:59:60Z')).toBeUndefined();
    expect(parseTimestamp('0001-01-01T00:30:00+01:00')).toBeUndefined();
    expect(instantOf('yesterday')).toBeUndefined();
    expect(storableInstant('yesterday', '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('gives text already in its own form back as the full parse would, impossible dates included', () => {
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n });
    const inCanonicalShape = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
      .map(([y, mo, d, h, mi, s, ms]) =>
        [y, '-', mo, '-', d, 'T', h, ':', mi, ':', s, '.', ms, 'Z']
          .map((p) => (Array.isArray(p) ? p.join('') : p))
          .join(''),
      );
    const nearRealInstants = fc
      .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
    fc.assert(
      fc.property(fc.oneof(inCanonicalShape, nearRealInstants), (value) => {
        const parsed = parseTimestamp(value, '1.0.3');
        const fullParse = parsed && new Date(Math.floor(parsed.epochMs)).toISOString();
        expect(instantOf(value)).toBe(fullParse);
      }),
      { numRuns: 20_000 },
    );
    for (const edge of [
      '2024-02-29T00:00:00.000Z',
      '2023-02-29T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '2026-12-31T23:59:60.000Z',
      '2026-01-01T24:00:00.000Z',
    ])
      expect(instantOf(edge)).toBe(
        parseTimestamp(edge) && new Date(Math.floor(parseTimestamp(edge)!.epochMs)).toISOString(),
      );
  });
});

describe('durations (xAPI Data 4.6)', () => {
  it.each([
    'PT4H35M59.14S',
    'P3Y1M29DT4H35M59.14S',
    'P3Y',
    'P4W',
    'PT1H0M0S',
    'PT1234S',
    'P1D',
    'PT0.5H',
    'P0,5Y',
    'PT16559.14S',
  ])('accepts %s', (v) => expect(isIsoDuration(v)).toBe(true));
  it.each([
    '',
    'P',
    'PT',
    'P4W1D',
    'PA1H0M0S',
    'should fail',
    '1H',
    'P1YT',
    'PT1.5H30M',
    'P0003-01-29T04:35:59',
    'P16559.14S',
    'pt1h',
    'P-1D',
  ])('rejects %j', (v) => expect(isIsoDuration(v)).toBe(false));
  it('parses components', () => {
    expect(parseDuration('P3Y1M29DT4H35M59.14S')).toEqual({
      years: 3,
      months: 1,
      weeks: 0,
      days: 29,
      hours: 4,
      minutes: 35,
      seconds: 59.14,
    });
    expect(parseDuration('P4W')).toEqual({ years: 0, months: 0, weeks: 4, days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
  it('truncates seconds beyond 0.01 s and leaves the rest alone', () => {
    expect(truncateDuration('PT1.23456S')).toBe('PT1.23S');
    expect(truncateDuration('PT1.2S')).toBe('PT1.2S');
    expect(truncateDuration('P1D')).toBe('P1D');
  });
});

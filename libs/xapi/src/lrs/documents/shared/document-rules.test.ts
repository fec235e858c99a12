import { describe, expect, it } from 'vitest';
import { XapiHttpError } from '../../http/xapi-errors.js';
import {
  checkDocumentContent,
  checkPostedDocument,
  etagOf,
  isJsonContentType,
  mergeJsonDocuments,
} from './document-content.js';
import { decodeContent, encodeContent } from './document-events.js';
import { documentStreamId, type DocumentKey } from './document-key.js';
import { checkPreconditions, notModified, parseEntityTags } from './document-preconditions.js';

const json = (value: unknown, contentType = 'application/json') => ({
  content: Buffer.from(JSON.stringify(value)),
  contentType,
});

function statusOf(run: () => void): number | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof XapiHttpError) return error.getStatus();
    throw error;
  }
}

function messageOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return ((error as XapiHttpError).getResponse() as { error: { message: string } }).error.message;
  }
  throw new Error('expected an error');
}

describe('JSON merge on POST (Communication 2.2.s7-s8)', () => {
  it('sets each top-level property of the posted object on the existing one (the spec example)', () => {
    const merged = mergeJsonDocuments(json({ x: 'foo', y: 'bar' }), json({ x: 'bash', z: 'faz' }));
    expect(JSON.parse(merged.content.toString())).toEqual({ x: 'bash', y: 'bar', z: 'faz' });
  });

  it('replaces a nested object whole: only top-level properties are merged', () => {
    const merged = mergeJsonDocuments(json({ a: { b: 1, c: 2 } }), json({ a: { d: 3 } }));
    expect(JSON.parse(merged.content.toString())).toEqual({ a: { d: 3 } });
  });

  it('accepts application/json with parameters and in any case', () => {
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/jsonx')).toBe(false);
    expect(
      statusOf(() => mergeJsonDocuments(json({ a: 1 }, 'application/json; charset=UTF-8'), json({ b: 2 }))),
    ).toBeUndefined();
  });

  it('400 when the posted document is not application/json, naming Content-Type and the rule', () => {
    const posted = { content: Buffer.from('x=1'), contentType: 'text/plain' };
    expect(statusOf(() => mergeJsonDocuments(json({ a: 1 }), posted))).toBe(400);
    expect(messageOf(() => mergeJsonDocuments(json({ a: 1 }), posted))).toMatch(
      /^Content-Type: .*application\/json.*2\.2\.s8\.b1/,
    );
  });

  it('400 when the existing document is not application/json', () => {
    const existing = { content: Buffer.from('hello'), contentType: 'text/plain' };
    expect(messageOf(() => mergeJsonDocuments(existing, json({ a: 1 })))).toMatch(
      /existing document has Content-Type "text\/plain"/,
    );
  });

  it('400 when either document is JSON but not an object', () => {
    expect(statusOf(() => mergeJsonDocuments(json([1, 2]), json({ a: 1 })))).toBe(400);
    expect(statusOf(() => mergeJsonDocuments(json({ a: 1 }), json('text')))).toBe(400);
    expect(statusOf(() => checkPostedDocument(json([1])))).toBe(400);
    expect(
      statusOf(() => checkPostedDocument({ content: Buffer.from([1, 2]), contentType: 'application/octet-stream' })),
    ).toBeUndefined();
  });

  it('400 when an application/json document is not JSON at all', () => {
    expect(
      statusOf(() => checkDocumentContent({ content: Buffer.from('{nope'), contentType: 'application/json' })),
    ).toBe(400);
    expect(
      statusOf(() => checkDocumentContent({ content: Buffer.from('{nope'), contentType: 'text/plain' })),
    ).toBeUndefined();
  });
});

describe('ETags and concurrency (Communication 3.1; IEEE 9274.1.1 4.1.4)', () => {
  const doc = { etag: etagOf(Buffer.from('{"a":1}')) };

  it('the ETag is the lower-case hex SHA-1 of the contents', () => {
    expect(etagOf(Buffer.from('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('parses *, quoted, weak and bare tags', () => {
    expect(parseEntityTags('*')).toBe('*');
    expect(parseEntityTags('"AB", W/"cd" , ef')).toEqual(['ab', 'cd', 'ef']);
  });

  it('If-Match with the current tag (any case) passes; another tag is 412 and names the header', () => {
    expect(
      statusOf(() =>
        checkPreconditions('PUT', 'agent-profile', '1.0.3', doc, { ifMatch: `"${doc.etag.toUpperCase()}"` }),
      ),
    ).toBeUndefined();
    expect(statusOf(() => checkPreconditions('PUT', 'agent-profile', '1.0.3', doc, { ifMatch: '"1234"' }))).toBe(412);
    expect(messageOf(() => checkPreconditions('POST', 'state', '1.0.3', doc, { ifMatch: '"1234"' }))).toMatch(
      /^If-Match header: .*Communication 3\.1/,
    );
    expect(statusOf(() => checkPreconditions('DELETE', 'state', '1.0.3', doc, { ifMatch: '"1234"' }))).toBe(412);
  });

  it('If-Match when there is no document is 412, even with *', () => {
    expect(statusOf(() => checkPreconditions('PUT', 'state', '1.0.3', undefined, { ifMatch: '*' }))).toBe(412);
    expect(statusOf(() => checkPreconditions('PUT', 'state', '1.0.3', doc, { ifMatch: '*' }))).toBeUndefined();
  });

  it('If-None-Match: * is 412 when the document exists and passes when it does not', () => {
    expect(statusOf(() => checkPreconditions('PUT', 'activity-profile', '1.0.3', doc, { ifNoneMatch: '*' }))).toBe(412);
    expect(statusOf(() => checkPreconditions('POST', 'activity-profile', '2.0.0', doc, { ifNoneMatch: '*' }))).toBe(
      412,
    );
    expect(
      statusOf(() => checkPreconditions('PUT', 'activity-profile', '1.0.3', undefined, { ifNoneMatch: '*' })),
    ).toBeUndefined();
  });

  it('PUT without either header on an existing profile document is 409 with the advice the spec asks for', () => {
    for (const resource of ['activity-profile', 'agent-profile'] as const) {
      for (const version of ['1.0.3', '2.0.0'] as const) {
        expect(statusOf(() => checkPreconditions('PUT', resource, version, doc, {}))).toBe(409);
      }
    }
    const message = messageOf(() => checkPreconditions('PUT', 'agent-profile', '1.0.3', doc, {}));
    expect(message).toMatch(/check the current state/);
    expect(message).toMatch(/If-Match header/);
  });

  it('State PUT without headers overwrites under 1.0.3 (3.1.s3) but is 409 under 2.0 (9274.1.1 4.1.4)', () => {
    expect(statusOf(() => checkPreconditions('PUT', 'state', '1.0.3', doc, {}))).toBeUndefined();
    expect(statusOf(() => checkPreconditions('PUT', 'state', '2.0.0', doc, {}))).toBe(409);
  });

  it('POST and DELETE without headers, and under 2.0 a PUT of a new document, need no header', () => {
    for (const version of ['1.0.3', '2.0.0'] as const) {
      expect(statusOf(() => checkPreconditions('POST', 'agent-profile', version, doc, {}))).toBeUndefined();
      expect(statusOf(() => checkPreconditions('DELETE', 'agent-profile', version, doc, {}))).toBeUndefined();
      expect(statusOf(() => checkPreconditions('PUT', 'state', version, undefined, {}))).toBeUndefined();
    }
    expect(statusOf(() => checkPreconditions('PUT', 'agent-profile', '2.0.0', undefined, {}))).toBeUndefined();
  });

  it('1.0.3: a profile PUT of a new document with neither header is 400 (the client MUST send one, Communication 3.1, XAPI-00273)', () => {
    for (const resource of ['activity-profile', 'agent-profile'] as const) {
      expect(statusOf(() => checkPreconditions('PUT', resource, '1.0.3', undefined, {}))).toBe(400);
      expect(
        statusOf(() => checkPreconditions('PUT', resource, '1.0.3', undefined, { ifNoneMatch: '*' })),
      ).toBeUndefined();
    }
    expect(messageOf(() => checkPreconditions('PUT', 'activity-profile', '1.0.3', undefined, {}))).toMatch(
      /If-None-Match: \*/,
    );
  });

  it('GET with If-None-Match naming the current tag is not modified', () => {
    expect(notModified(`"${doc.etag}"`, doc.etag)).toBe(true);
    expect(notModified('"other"', doc.etag)).toBe(false);
    expect(notModified(undefined, doc.etag)).toBe(false);
  });
});

describe('document storage encoding', () => {
  it('keeps UTF-8 text as text and anything else as base64, byte for byte', () => {
    const text = Buffer.from('{"name":"Zoë"}');
    expect(encodeContent(text).encoding).toBe('utf8');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const encoded = encodeContent(binary);
    expect(encoded.encoding).toBe('base64');
    expect(decodeContent(encoded).equals(binary)).toBe(true);
    expect(decodeContent(encodeContent(text)).equals(text)).toBe(true);
  });

  it('one stream per organisation and key', () => {
    const key: DocumentKey = {
      resource: 'state',
      activityId: 'http://a',
      agentIfi: 'mbox:mailto:a@b.c',
      registration: '',
      documentId: 's',
    };
    expect(documentStreamId('org-1', key)).toMatch(/^xapi-doc-org-1-[0-9a-f]{40}$/);
    expect(documentStreamId('org-1', key)).not.toBe(documentStreamId('org-2', key));
    expect(documentStreamId('org-1', key)).not.toBe(documentStreamId('org-1', { ...key, registration: 'x' }));
  });
});

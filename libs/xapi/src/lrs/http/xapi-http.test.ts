import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../../test/support/app.js';

let app: TestApp;
let auth: string;

beforeAll(async () => {
  app = await startTestApp();
  auth = `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;
});
afterAll(async () => app?.close());

describe('xAPI HTTP plumbing', () => {
  it('About answers without credentials or version header, listing both versions (Communication 2.8)', async () => {
    const response = await fetch(`${app.baseUrl}/xapi/about`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { version: string[] };
    expect(body.version).toEqual(['1.0.3', '2.0.0']);
    expect(response.headers.get('x-experience-api-version')).toBeTruthy();
  });

  it('rejects a request without X-Experience-API-Version with 400 naming the header (3.3.s3.b7)', async () => {
    const response = await fetch(`${app.baseUrl}/xapi/statements`, { headers: { authorization: auth } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/X-Experience-API-Version/);
  });

  it('answers a request without X-Experience-API-Version as 1.0.3, the 400 and About alike (Communication 3.3.s4.b1, XAPI-00331)', async () => {
    const statement = JSON.stringify({
      actor: { mbox: 'mailto:a@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'http://example.com/a' },
    });
    const state = `${app.baseUrl}/xapi/activities/state?activityId=http%3A%2F%2Fexample.com%2Fa&agent=${encodeURIComponent('{"mbox":"mailto:a@example.com"}')}&stateId=s`;
    const requests: [string, string, string | undefined][] = [
      ['GET', `${app.baseUrl}/xapi/statements`, undefined],
      ['POST', `${app.baseUrl}/xapi/statements`, statement],
      ['PUT', `${app.baseUrl}/xapi/statements?statementId=${crypto.randomUUID()}`, statement],
      ['PUT', state, '{}'],
      ['GET', `${app.baseUrl}/xapi/activities?activityId=http%3A%2F%2Fexample.com%2Fa`, undefined],
    ];
    for (const [method, url, body] of requests) {
      const response = await fetch(url, {
        method,
        body,
        headers: { authorization: auth, 'content-type': 'application/json' },
      });
      expect(response.status, `${method} ${url}`).toBe(400);
      expect(response.headers.get('x-experience-api-version'), `${method} ${url}`).toBe('1.0.3');
    }
    const about = await fetch(`${app.baseUrl}/xapi/about`);
    expect(about.headers.get('x-experience-api-version')).toBe('1.0.3');
    // A version this LRS does not speak is answered with the latest it does.
    const unsupported = await fetch(`${app.baseUrl}/xapi/statements`, {
      headers: { authorization: auth, 'x-experience-api-version': '3.0.0' },
    });
    expect(unsupported.headers.get('x-experience-api-version')).toBe('2.0.0');
  });

  it('serves the CLF profile without X-Experience-API-Version: a profile is a document for people and tools (issue 14)', async () => {
    const json = await fetch(`${app.baseUrl}/xapi/profiles/clf`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(((await json.json()) as { id: string }).id).toBe('https://w3id.org/xapi/clf');
    const page = await fetch(`${app.baseUrl}/xapi/profiles/clf`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    // The LRS resources still need the header.
    expect(
      (
        await fetch(`${app.baseUrl}/xapi/activities?activityId=http%3A%2F%2Fexample.com%2Fa`, {
          headers: { authorization: auth },
        })
      ).status,
    ).toBe(400);
  });

  it('rejects versions before 1.0.0 and 1.1.0 or later (3.3.s3.b4, b6)', async () => {
    for (const version of ['0.95', '1.1.0', '3.0.0']) {
      const response = await fetch(`${app.baseUrl}/xapi/statements`, {
        headers: { authorization: auth, 'x-experience-api-version': version },
      });
      expect(response.status, version).toBe(400);
    }
  });

  it('echoes the latest patch of the negotiated version on every response, errors included (3.3.s3.b1-b3)', async () => {
    const a = await fetch(`${app.baseUrl}/xapi/about`, { headers: { 'x-experience-api-version': '1.0' } });
    expect(a.headers.get('x-experience-api-version')).toBe('1.0.3');
    const b = await fetch(`${app.baseUrl}/xapi/statements`, { headers: { 'x-experience-api-version': '2.0' } });
    expect(b.status).toBe(401);
    expect(b.headers.get('x-experience-api-version')).toBe('2.0.0');
    expect(b.headers.get('www-authenticate')).toMatch(/Basic/);
    const body = (await b.json()) as { error: { status: number } };
    expect(body.error.status).toBe(401);
  });

  it('answers a CORS preflight for any origin with the xAPI headers allowed and exposed', async () => {
    const response = await fetch(`${app.baseUrl}/xapi/statements`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://content.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, x-experience-api-version, content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://content.example');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/X-Experience-API-Version/i);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/PUT/);
    const actual = await fetch(`${app.baseUrl}/xapi/about`, { headers: { origin: 'https://content.example' } });
    expect(actual.headers.get('access-control-expose-headers')).toMatch(/X-Experience-API-Consistent-Through/);
  });

  it('rejects the alternate request syntax under 2.0 (removed in 2.0) with 400', async () => {
    const form = new URLSearchParams({ 'X-Experience-API-Version': '2.0.0', Authorization: auth });
    const response = await fetch(`${app.baseUrl}/xapi/about?method=GET`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(response.status).toBe(400);
  });

  it('serves GET through the 1.0.3 alternate request syntax (Communication 1.3)', async () => {
    const form = new URLSearchParams({ 'X-Experience-API-Version': '1.0.3', Authorization: auth });
    const response = await fetch(`${app.baseUrl}/xapi/about?method=GET`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { version: string[] }).version).toContain('1.0.3');
  });

  it('rejects other query parameters next to method in the alternate syntax (1.3.s3.b3)', async () => {
    const response = await fetch(`${app.baseUrl}/xapi/about?method=GET&x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'X-Experience-API-Version=1.0.3',
    });
    expect(response.status).toBe(400);
  });

  it('rejects malformed JSON with 400 in the xAPI error shape', async () => {
    const response = await fetch(`${app.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: { authorization: auth, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
      body: '{"actor": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { status: number; message: string } };
    expect(body.error.status).toBe(400);
    expect(body.error.message).toMatch(/JSON/);
  });

  it('answers an unknown /xapi resource with 404 in the xAPI error shape', async () => {
    const response = await fetch(`${app.baseUrl}/xapi/nothing-here`, {
      headers: { authorization: auth, 'x-experience-api-version': '1.0.3' },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { status: number } }).error.status).toBe(404);
  });

  it('keeps non-xAPI routes unchanged', async () => {
    const response = await fetch(`${app.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-experience-api-version')).toBeNull();
  });
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemDetailsFilter } from '#libs/platform';
import { expectDocumentedResponse } from '../../../../test/support/openapi-response.js';
import { expectProblem } from '../../../../test/support/problem.js';
import { validateProfile } from '../profile/validate-profile.js';
import { FrameworkHttpModule } from './framework-http.module.js';

let app: NestFastifyApplication;
let base: string;

beforeAll(async () => {
  app = await NestFactory.create<NestFastifyApplication>(FrameworkHttpModule, new FastifyAdapter(), { logger: false });
  // Errors as the API words them (apps/api installs this inside its own filter).
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});

afterAll(async () => {
  await app?.close();
});

const get = (path: string) => fetch(`${base}${path}`);

describe('GET /api/framework', () => {
  it('returns the whole catalogue without credentials', async () => {
    const res = await get('/api/framework');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as any;
    expect(body.version).toBe('2026.1');
    expect(body.stages.map((s: any) => s.stage)).toEqual(['engaged', 'established', 'accomplished', 'exemplary']);
    expect(body.personalCapabilities).toHaveLength(17);
    expect(body.organisationalCapabilities).toHaveLength(6);
    const selfConfidence = body.personalCapabilities[0];
    expect(selfConfidence).toMatchObject({
      id: 'pc.self-confidence',
      iri: 'https://w3id.org/xapi/clf/capabilities/self-confidence',
      name: 'Self Confidence',
      group: 'managing-self',
    });
    expect(selfConfidence.stages[0].stage).toBe('engaged');
    expect(selfConfidence.stages[0].indicators[0]).toEqual({
      id: 'pc.self-confidence.engaged.1',
      iri: 'https://w3id.org/xapi/clf/indicators/self-confidence/engaged/1',
      text: 'Is confident in their ability to carry out their role if they are provided with the necessary support.',
    });
    const culture = body.organisationalCapabilities[0];
    expect(culture.summary).toMatch(/^Social service workers are part of an organisational environment/);
    expect(culture.stages[3].organisationIndicators.length).toBeGreaterThan(0);
    expect(culture.stages[3].workerIndicators.length).toBeGreaterThan(0);
  });
});

describe('GET /api/framework/capabilities/:id', () => {
  it('returns one capability', async () => {
    const res = await get('/api/framework/capabilities/oc.4-access-to-feedback');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.name).toBe('Promoting access to feedback');
    expect(body.stages).toHaveLength(4);
  });

  it('answers 404 with problem details naming the unknown id', async () => {
    const res = await get('/api/framework/capabilities/pc.telepathy');
    expectProblem(
      { status: res.status, body: await res.json(), headers: res.headers },
      { status: 404, detail: /^id: no CLF capability has the id "pc.telepathy"/ },
    );
  });
});

describe('GET /api/framework/audit', () => {
  it('returns the audit structure of the six organisational capabilities', async () => {
    const res = await get('/api/framework/audit');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.capabilities).toHaveLength(6);
    expect(body.capabilities[0].areas).toHaveLength(3);
    expect(body.capabilities[0].areas[0].questions[0].iri).toMatch(
      /^https:\/\/w3id\.org\/xapi\/clf\/audit-questions\//,
    );
    expect(body.capabilities[1].areas[0].questions).toEqual([]);
  });
});

describe('GET /xapi/profiles/clf', () => {
  it('serves the profile as JSON-LD without credentials', async () => {
    const res = await get('/xapi/profiles/clf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const body = (await res.json()) as any;
    expect(body.id).toBe('https://w3id.org/xapi/clf');
    expect(validateProfile(body)).toEqual([]);
  });

  it('negotiates: application/ld+json and */* give JSON-LD, application/json the same document as JSON, each with Vary: Accept', async () => {
    for (const [accept, type] of [
      ['application/ld+json', 'application/ld+json'],
      ['*/*', 'application/ld+json'],
      ['application/json', 'application/json'],
      ['application/json;q=0.5, application/ld+json', 'application/ld+json'],
    ] as const) {
      const res = await fetch(`${base}/xapi/profiles/clf`, { headers: { accept } });
      expect(res.status, accept).toBe(200);
      expect(res.headers.get('content-type'), accept).toMatch(new RegExp(`^${type.replace('+', '\\+')}`));
      expect(res.headers.get('vary'), accept).toMatch(/accept/i);
      expect(((await res.json()) as any).id).toBe('https://w3id.org/xapi/clf');
    }
  });

  it('gives a browser (text/html first) a readable page naming every concept, template and pattern, with the JSON-LD embedded', async () => {
    const res = await fetch(`${base}/xapi/profiles/clf`, {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    const profile = (await (await get('/xapi/profiles/clf')).json()) as any;
    expect(page).toContain(`<h1>${profile.prefLabel.en}</h1>`);
    for (const item of [...profile.concepts, ...profile.templates, ...profile.patterns])
      expect(page).toContain(item.id);
    const embedded = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1];
    expect(JSON.parse(embedded!.replaceAll('\\u003c', '<'))).toEqual(profile);
  });

  it('406 when the client accepts none of JSON-LD, JSON or HTML', async () => {
    const res = await fetch(`${base}/xapi/profiles/clf`, { headers: { accept: 'image/png' } });
    expect(res.status).toBe(406);
  });
});

describe('OpenAPI', () => {
  it('documents the routes', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('test').build());
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/framework',
        '/api/framework/audit',
        '/api/framework/capabilities/{id}',
        '/xapi/profiles/clf',
      ]),
    );
  });

  it('documents what each /api/framework route answers: the served bodies match their response schemas', async () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('test').build());
    for (const [path, url] of [
      ['/api/framework', '/api/framework'],
      ['/api/framework/audit', '/api/framework/audit'],
      ['/api/framework/capabilities/{id}', '/api/framework/capabilities/pc.self-confidence'],
      ['/api/framework/capabilities/{id}', '/api/framework/capabilities/oc.4-access-to-feedback'],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expectDocumentedResponse(document, { method: 'GET', path, status: 200 }, await res.json());
    }
  });

  it('a body the schema does not describe fails the check (closed objects, required fields)', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('test').build());
    const operation = { method: 'GET', path: '/api/framework/capabilities/{id}', status: 200 };
    expect(() => expectDocumentedResponse(document, operation, { kind: 'personal', id: 'pc.x' })).toThrow();
  });
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateProfile } from '../profile/validate-profile.js';
import { FrameworkHttpModule } from './framework-http.module.js';

let app: NestFastifyApplication;
let base: string;

beforeAll(async () => {
  app = await NestFactory.create<NestFastifyApplication>(FrameworkHttpModule, new FastifyAdapter(), { logger: false });
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

  it('answers 404 with a clear JSON message for an unknown id', async () => {
    const res = await get('/api/framework/capabilities/pc.telepathy');
    expect(res.status).toBe(404);
    const body = (await res.json()) as any;
    expect(body.statusCode).toBe(404);
    expect(body.message).toContain('pc.telepathy');
  });
});

describe('GET /api/framework/audit', () => {
  it('returns the audit structure of the six organisational capabilities', async () => {
    const res = await get('/api/framework/audit');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.capabilities).toHaveLength(6);
    expect(body.capabilities[0].areas).toHaveLength(3);
    expect(body.capabilities[0].areas[0].questions[0].iri).toMatch(/^https:\/\/w3id\.org\/xapi\/clf\/audit-questions\//);
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
});

import type { OpenAPIObject } from '@nestjs/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSchema } from '#libs/platform';
import { checkResponsesAgainstDocument } from './checked-responses.js';

const Worker = z.object({
  id: z.string(),
  name: z.string(),
  stage: z.enum(['informed', 'skilled']).nullable(),
  role: z.object({ id: z.string() }).nullable(),
});

/** A document in the shape Nest writes: response schemas inline or by $ref into the components. */
const document = {
  openapi: '3.0.0',
  info: { title: 'test', version: '1' },
  components: { schemas: { Worker: responseSchema(Worker) } },
  paths: {
    '/api/workers/{id}': {
      get: { responses: { '200': { content: { 'application/json': { schema: responseSchema(Worker) } } } } },
    },
    '/api/workers': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Worker' } } },
            },
          },
        },
      },
      post: {
        responses: {
          '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Worker' } } } },
          '204': { description: 'Nothing to do' },
        },
      },
    },
    '/api/undocumented': { get: { responses: { '200': { description: 'Not documented yet' } } } },
    '/api/export': {
      get: {
        responses: {
          '200': {
            content: {
              'application/json': { schema: { type: 'array', items: { type: 'string' } } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as unknown as OpenAPIObject;

const mary = { id: 'w-1', name: 'Mary', stage: null, role: null };

let fastify: FastifyInstance | undefined;
afterEach(async () => fastify?.close());

/** A Fastify app answering each route with what `answers` gives, its answers checked against `document`. */
async function appAnswering(answers: Record<string, { status?: number; type?: string; body: unknown }>) {
  fastify = Fastify();
  checkResponsesAgainstDocument(fastify, document);
  for (const [route, answer] of Object.entries(answers)) {
    const [method, url] = route.split(' ') as [string, string];
    fastify.route({
      method: method as 'GET',
      url,
      handler: async (_request, reply) => {
        reply.code(answer.status ?? 200);
        if (answer.type) reply.type(answer.type);
        return answer.body;
      },
    });
  }
  return async (method: string, url: string) => {
    const response = await fastify!.inject({ method: method as 'GET', url });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() };
  };
}

describe('every 2xx JSON answer of /api is checked against its documented schema (VALIDATE_API_RESPONSES)', () => {
  it('an answer that matches (nullable enum and object, a $ref into the components) passes unchanged', async () => {
    const call = await appAnswering({
      'GET /api/workers/:id': { body: { ...mary, stage: 'skilled', role: { id: 'r-1' } } },
      'GET /api/workers': { body: [mary] },
      'POST /api/workers': { status: 201, body: mary },
    });
    expect(await call('GET', '/api/workers/w-1')).toMatchObject({ status: 200, body: { stage: 'skilled' } });
    expect(await call('GET', '/api/workers')).toMatchObject({ status: 200, body: [mary] });
    expect(await call('POST', '/api/workers')).toMatchObject({ status: 201, body: mary });
  });

  it('a property the schema does not name is a 500 problem naming the route, the status and the property', async () => {
    const call = await appAnswering({ 'GET /api/workers/:id': { body: { ...mary, passwordHash: 'x' } } });
    expect(await call('GET', '/api/workers/w-1')).toEqual({
      status: 500,
      type: 'application/problem+json; charset=utf-8',
      body: {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail:
          'GET /api/workers/{id} answered 200 off its documented response: (the body) must NOT have additional properties (passwordHash)',
        instance: '/api/workers/w-1',
      },
    });
  });

  it('a wrong type deep inside, behind a $ref, names its path', async () => {
    const call = await appAnswering({ 'GET /api/workers': { body: [mary, { ...mary, stage: 'expert' }] } });
    const answer = await call('GET', '/api/workers');
    expect(answer.status).toBe(500);
    expect(answer.body.detail).toBe(
      'GET /api/workers answered 200 off its documented response: /1/stage must be equal to one of the allowed values',
    );
  });

  it('a missing required property and a status the document does not list are 500s too', async () => {
    const call = await appAnswering({
      'GET /api/workers/:id': { body: { id: 'w-1', stage: null, role: null } },
      'POST /api/workers': { status: 200, body: mary },
    });
    expect((await call('GET', '/api/workers/w-1')).body.detail).toBe(
      "GET /api/workers/{id} answered 200 off its documented response: (the body) must have required property 'name'",
    );
    expect(await call('POST', '/api/workers')).toMatchObject({
      status: 500,
      body: { detail: 'POST /api/workers answered 200 off its documented response: the document lists only 201, 204' },
    });
  });

  it('leaves alone operations not documented yet, other media types, errors and paths outside /api', async () => {
    const call = await appAnswering({
      'GET /api/undocumented': { body: { anything: true } },
      'GET /api/export': { type: 'text/csv', body: '"a","b"' },
      'GET /api/workers/:id': { status: 404, body: { what: 'not a worker' } },
      'GET /xapi/workers': { body: { anything: true } },
    });
    expect((await call('GET', '/api/undocumented')).status).toBe(200);
    expect((await fastify!.inject({ method: 'GET', url: '/api/export' })).statusCode).toBe(200);
    expect((await call('GET', '/api/workers/w-1')).status).toBe(404);
    expect((await call('GET', '/xapi/workers')).status).toBe(200);
  });
});

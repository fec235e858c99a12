import type { OpenAPIObject } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { successAnswers, type SuccessAnswer } from './checked-responses.js';

let app: TestApp;
let document: OpenAPIObject;
beforeAll(async () => {
  app = await startTestApp({ worker: false });
  document = (await (await fetch(`${app.baseUrl}/api/docs/openapi.json`)).json()) as OpenAPIObject;
});
afterAll(async () => app?.close());

/** Every /api operation, "METHOD /api/path/{param}". */
function apiOperations(): string[] {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
}

/** What is missing from one documented success, or undefined when it says what the route answers. */
function gapIn(answer: SuccessAnswer): string | undefined {
  if (answer.status === '204') return answer.mediaTypes.length ? '204 with a body' : undefined;
  if (answer.mediaTypes.length === 0) return `${answer.status} without a body schema or media type`;
  if (!answer.mediaTypes.includes('application/json')) return undefined; // a download: CSV, PDF, JSON-LD
  if (!answer.schema || Object.keys(answer.schema).length === 0) return `${answer.status} with no JSON schema`;
  return undefined;
}

/** Each operation whose successes do not all say what they answer → what is missing. */
function undocumented(): Map<string, string> {
  const answers = successAnswers(document);
  const gaps = new Map<string, string>();
  for (const operation of apiOperations()) {
    const own = answers.filter((a) => a.operation === operation);
    const missing = own.length === 0 ? ['no 2xx answer'] : own.map(gapIn).filter((gap) => gap !== undefined);
    if (missing.length) gaps.set(operation, missing.join(', '));
  }
  return gaps;
}

describe('every /api operation documents what it answers (issue 14 §8)', () => {
  it('each success status has a response schema, or is a 204, or a download with its media type', () => {
    const missing = [...undocumented()].map(([operation, gap]) => `${operation}: ${gap}`);
    expect(missing, `operations whose answers the document does not describe:\n${missing.join('\n')}`).toEqual([]);
  });
});

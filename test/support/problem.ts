import { STATUS_CODES } from 'node:http';
import { expect } from 'vitest';

/** What an /api answer is checked against; `detail` as text is matched whole, as a RegExp in part. */
export interface ExpectedProblem {
  status: number;
  detail?: string | RegExp;
  field?: string;
  /** The request path; by default only checked to be a path. */
  instance?: string;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Headers;
}

/**
 * Asserts that an /api error is RFC 9457 problem details (issue 14 §9): the status in the answer and the
 * body, `about:blank` with the status's phrase as title, a detail, the request path as instance, the
 * problem+json media type, and, when it lists errors, a field and a rule in each, the first named as `field`.
 * Returns the body for checks of its own.
 */
export function expectProblem(answer: Answer, expected: ExpectedProblem): Record<string, any> {
  const body = answer.body as Record<string, any>;
  expect({ status: answer.status, body }).toMatchObject({
    status: expected.status,
    body: {
      type: 'about:blank',
      title: STATUS_CODES[expected.status],
      status: expected.status,
      detail:
        expected.detail instanceof RegExp
          ? expect.stringMatching(expected.detail)
          : (expected.detail ?? expect.any(String)),
      instance: expected.instance ?? expect.stringMatching(/^\//),
    },
  });
  if (expected.field !== undefined) expect(body.field).toBe(expected.field);
  if (answer.headers) expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  if (body.errors !== undefined) {
    expect(body.errors).toEqual(expect.arrayContaining([{ field: expect.any(String), rule: expect.any(String) }]));
    expect(body.field).toBe(body.errors[0].field);
  }
  return body;
}

/**
 * A problem without its `instance` (the path asked for): what must be the same for two paths that are
 * to be told apart by nothing, such as a real and an unknown organisation someone may not see.
 */
export function withoutInstance(body: unknown): Record<string, unknown> {
  const { instance: _path, ...rest } = body as Record<string, unknown>;
  return rest;
}

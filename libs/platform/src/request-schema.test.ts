import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pageLimit, requiredText } from './request-fields.js';
import { fieldPath, parseBody, requestBody, requestSchema } from './request-schema.js';
import { ProblemException } from './problem-details.js';

describe('requestSchema', () => {
  it('documents the input side: a closed object, defaults, optional properties not required', () => {
    const body = requestBody({ name: requiredText(10), tags: z.array(z.string()).default([]) });
    expect(requestSchema(body)).toMatchObject({
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1, maxLength: 10 }, tags: { default: [] } },
    });
  });
});

describe('parseBody', () => {
  const rows = requestBody({ rows: z.array(requestBody({ email: requiredText(5) })) });

  it('names every broken field by its path, and an unknown property by its name', () => {
    try {
      parseBody(rows, { rows: [{ email: 'a@b.c' }, { email: '' }, 3, { email: 'a', x: 1 }], extra: true });
      expect.unreachable();
    } catch (error) {
      expect((error as ProblemException).getResponse()).toMatchObject({
        field: 'rows[1].email',
        errors: [
          { field: 'rows[1].email', rule: 'is required and must be a non-empty string' },
          { field: 'rows[2]', rule: 'must be a JSON object' },
          { field: 'rows[3].x', rule: 'is not a property of this request body (it takes email)' },
          { field: 'extra', rule: 'is not a property of this request body (it takes rows)' },
        ],
      });
    }
  });

  it('refuses anything but an object as the body', () => {
    for (const body of [null, [], 'x', 1]) expect(() => parseBody(rows, body)).toThrow('body: must be a JSON object');
  });

  it('writes paths as rows[3].email', () => {
    expect(fieldPath(['rows', 3, 'email'])).toBe('rows[3].email');
    expect(fieldPath([])).toBe('body');
  });
});

describe('pageLimit', () => {
  const limits = { defaultLimit: 50, maxLimit: 500 };
  it('takes decimal digits only', () => {
    expect(pageLimit(undefined, limits)).toBe(50);
    expect(pageLimit('10', limits)).toBe(10);
    for (const refused of ['0x10', '1e2', ' 10', '10 ', '+10', '-1', '0', '501', '', '1.5', ['10']])
      expect(pageLimit(refused, limits), String(refused)).toBeUndefined();
  });

  it('agrees with the rule on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (text) => {
        const taken = /^[0-9]+$/.test(text) && Number(text) >= 1 && Number(text) <= 500;
        expect(pageLimit(text, limits) !== undefined).toBe(taken);
      }),
    );
  });
});

import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { fieldProblem, invalidInput, problemOf, ProblemException } from './problem-details.js';

describe('problemOf words any error as problem details', () => {
  it("Nest's own exceptions: their message is the detail; statusCode and error go", () => {
    expect(problemOf(new NotFoundException('Cannot GET /api/x'), '/api/x')).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Cannot GET /api/x',
      instance: '/api/x',
    });
    const listed = problemOf(new BadRequestException(['a: is required', 'b: must be a number']), '/api/y');
    expect(listed).toMatchObject({ status: 400, detail: 'a: is required; b: must be a number' });
    expect(Object.keys(listed)).not.toContain('statusCode');
  });

  it('broken rules: every one in errors, the first as field, all in the detail', () => {
    const problem = problemOf(
      invalidInput([
        { field: 'email', rule: 'is required' },
        { field: 'roles[0].kind', rule: 'must be one of worker, evaluator' },
      ]),
      '/api/admin/users',
    );
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'email: is required; roles[0].kind: must be one of worker, evaluator',
      instance: '/api/admin/users',
      field: 'email',
      errors: [
        { field: 'email', rule: 'is required' },
        { field: 'roles[0].kind', rule: 'must be one of worker, evaluator' },
      ],
    });
    expect(problemOf(fieldProblem(409, [{ field: 'email', rule: 'is taken' }]), '/').title).toBe('Conflict');
    expect(problemOf(new ProblemException(429, 'wait', { retryAfterSeconds: 9 }), '/')).toMatchObject({
      title: 'Too Many Requests',
      retryAfterSeconds: 9,
    });
  });

  it("Fastify's client errors keep their status; anything else is a 500 that tells nothing of its cause", () => {
    const tooLarge = Object.assign(new Error('request body: too large'), { statusCode: 413 });
    expect(problemOf(tooLarge, '/api/z')).toMatchObject({ status: 413, detail: 'request body: too large' });
    const secret = problemOf(new Error('password=hunter2 at db.internal'), '/api/z');
    expect(secret).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(JSON.stringify(secret)).not.toContain('hunter2');
    expect(problemOf(new HttpException('down', 503), '/').title).toBe('Service Unavailable');
  });
});

import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_JSON } from '#libs/platform';

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' };

/** The one error schema of /api (issue 14 §9): what HttpErrorsFilter sends, as RFC 9457 problem details. */
const PROBLEM_SCHEMAS = {
  ProblemDetails: {
    type: 'object',
    description:
      'Every /api error (RFC 9457 problem details, media type application/problem+json). /xapi keeps the xAPI envelope { error: { status, message } }.',
    required: ['type', 'title', 'status', 'detail', 'instance'],
    properties: {
      type: { type: 'string', enum: ['about:blank'], description: 'The status code says what kind of problem it is' },
      title: { type: 'string', example: 'Bad Request', description: "The status code's phrase" },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', example: 'startedOn: is required and must be a calendar date YYYY-MM-DD' },
      instance: { type: 'string', format: 'uri-reference', example: '/api/organisations/oak-house/audits' },
      field: {
        type: 'string',
        example: 'startedOn',
        description: 'The request field at fault (a body property, a parameter): the first of errors',
      },
      errors: {
        type: 'array',
        description: 'Each rule the request broke',
        items: { $ref: '#/components/schemas/FieldProblem' },
      },
    },
  },
  FieldProblem: {
    type: 'object',
    required: ['field', 'rule'],
    additionalProperties: false,
    properties: {
      field: { type: 'string', example: 'roles[0].kind' },
      rule: {
        type: 'string',
        example: 'must be one of worker, line-manager, learning-lead, evaluator, platform-admin',
      },
    },
  },
};

type Responses = Record<string, { description?: string; content?: Record<string, unknown> }>;

/**
 * Every /api operation's error responses name the problem schema, and `default` says any other error
 * (a 401 without credentials, a 413 over the body limit) is one too.
 */
export function documentProblems(document: OpenAPIObject): void {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...PROBLEM_SCHEMAS },
  };
  for (const [path, operations] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const operation of Object.values(operations as Record<string, { responses?: Responses }>)) {
      const responses = (operation.responses ??= {});
      for (const [status, response] of Object.entries(responses))
        if (Number(status) >= 400) response.content = { [PROBLEM_JSON]: { schema: PROBLEM } };
      responses.default = {
        description: 'An error, as problem details (400 input, 401 credentials, 403 rights, 404, 409, 413)',
        content: { [PROBLEM_JSON]: { schema: PROBLEM } },
      };
    }
  }
}

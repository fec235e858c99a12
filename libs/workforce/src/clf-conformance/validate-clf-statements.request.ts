import { z } from 'zod';

/** Statements one validation request may hold. */
export const MAX_STATEMENTS_TO_VALIDATE = 1000;

const NOT_STATEMENTS = 'must be a statement (an object) or an array of statements';
const EMPTY = 'the array of statements is empty';
const tooMany = (count: number) => `at most ${MAX_STATEMENTS_TO_VALIDATE} statements per request (got ${count})`;

const statement = z.looseObject({}).meta({ description: 'an xAPI statement' });

/**
 * The body of `POST /xapi/profiles/clf/validate`: one statement or an array of them. An array's items are
 * each checked and reported, not refused: a vendor learns what is wrong with each, a non-object too.
 */
export const validateClfStatementsRequest = z.union(
  [
    statement,
    z
      .array(z.unknown().meta({ description: 'an xAPI statement' }))
      .min(1, { error: EMPTY })
      .max(MAX_STATEMENTS_TO_VALIDATE, { error: (issue) => tooMany((issue.input as unknown[]).length) }),
  ],
  {
    // Zod answers a union either with the one alternative of the body's type or with the union itself.
    error: (issue) =>
      !Array.isArray(issue.input) ? NOT_STATEMENTS : issue.input.length === 0 ? EMPTY : tooMany(issue.input.length),
  },
);

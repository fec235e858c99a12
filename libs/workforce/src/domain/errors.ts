/**
 * Domain errors carry the field and the rule they break, so every refusal tells the caller what to fix.
 * The HTTP layer maps them to 400 (invalid input), 404 (unknown thing) and 409 (conflicts with what is recorded).
 */
export abstract class WorkforceError extends Error {
  abstract readonly status: 400 | 404 | 409;
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends WorkforceError {
  readonly status = 400 as const;
}

export class NotFoundError extends WorkforceError {
  readonly status = 404 as const;
}

export class ConflictError extends WorkforceError {
  readonly status = 409 as const;
}

export const invalid = (field: string, rule: string): never => {
  throw new InvalidInputError(field, rule);
};

/**
 * The same refusal, its field named within `prefix` (a row of a list: `workers[3]` and `joinedOn` make
 * `workers[3].joinedOn`); anything that is not a refusal passes unchanged.
 */
export function refusalWithin(prefix: string, error: unknown): unknown {
  if (!(error instanceof WorkforceError)) return error;
  const Refusal = error.constructor as new (field: string, rule: string) => WorkforceError;
  return new Refusal(error.field === 'body' ? prefix : `${prefix}.${error.field}`, error.rule);
}

/** Runs `work` for the list row `prefix`, naming the row in the field of any refusal. */
export function withinRow<T>(prefix: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw refusalWithin(prefix, error);
  }
}

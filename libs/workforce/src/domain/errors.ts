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

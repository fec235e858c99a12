/**
 * Domain errors of the audit context: each names the field and the rule it breaks, so every refusal
 * tells the caller what to fix. Mapped to 400 (invalid input), 404 (unknown thing), 409 (conflicts
 * with what is recorded) by AuditErrorFilter.
 */
export abstract class AuditError extends Error {
  abstract readonly status: 400 | 404 | 409;
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends AuditError {
  readonly status = 400 as const;
}

export class NotFoundError extends AuditError {
  readonly status = 404 as const;
}

export class ConflictError extends AuditError {
  readonly status = 409 as const;
}

export const invalid = (field: string, rule: string): never => {
  throw new InvalidInputError(field, rule);
};

import { invalid } from '#libs/workforce';
import { body, date, type Body } from '../../shared/input.js';
import { DEFAULT_SURVEY_THRESHOLD } from '../audit-cycle.events.js';

/** A learning lead (or platform admin) opens a self-audit of their organisation. */
export class OpenAuditCycle {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    readonly startedOn: string,
    readonly surveyThreshold: number,
    readonly actor: string,
  ) {}

  static parse(organisationId: string, auditId: string, input: unknown, actor: string): OpenAuditCycle {
    const b = body(input);
    return new OpenAuditCycle(organisationId, auditId, date(b, 'startedOn'), surveyThreshold(b), actor);
  }
}

function surveyThreshold(b: Body): number {
  const value = b.surveyThreshold;
  if (value === undefined || value === null) return DEFAULT_SURVEY_THRESHOLD;
  if (typeof value !== 'number' || !(value > 0 && value <= 1))
    return invalid('surveyThreshold', 'must be a number above 0 and at most 1');
  return value;
}

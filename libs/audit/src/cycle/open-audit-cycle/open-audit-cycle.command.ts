import { parseBody } from '#libs/platform';
import { DEFAULT_SURVEY_THRESHOLD } from '../audit-cycle.events.js';
import { openAuditCycleRequest } from './open-audit-cycle.request.js';

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
    const { startedOn, surveyThreshold } = parseBody(openAuditCycleRequest, input);
    return new OpenAuditCycle(organisationId, auditId, startedOn, surveyThreshold ?? DEFAULT_SURVEY_THRESHOLD, actor);
  }
}

import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { z } from 'zod';
import { PG_POOL } from '#libs/platform';
import { actionsOf, answersOf, assessmentsOf, cycleOf, factsOf, surveyOf } from '../../read-model/audit-read-model.js';
import { NotFoundError } from '#libs/workforce';
import { capabilityStatuses, isReportable, MIN_SURVEY_RESPONDENTS } from '../../status/audit-status.js';
import { GetAuditCycle } from './get-audit-cycle.query.js';
import type { getAuditCycleResponse } from './get-audit-cycle.response.js';

type AuditCycleView = z.output<typeof getAuditCycleResponse>;

@QueryHandler(GetAuditCycle)
export class GetAuditCycleHandler implements IQueryHandler<GetAuditCycle> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ organisationId, auditId }: GetAuditCycle): Promise<AuditCycleView> {
    const cycle = await cycleOf(this.pool, organisationId, auditId);
    if (!cycle) throw new NotFoundError('auditId', `no audit cycle "${auditId}" in organisation "${organisationId}"`);
    const [answers, selfAssessments, survey, actions, facts] = await Promise.all([
      answersOf(this.pool, auditId),
      assessmentsOf(this.pool, auditId),
      surveyOf(this.pool, auditId),
      actionsOf(this.pool, auditId),
      factsOf(this.pool, cycle),
    ]);
    return {
      ...cycle,
      answers,
      selfAssessments,
      survey: surveySummary(survey, cycle.surveyThreshold),
      actions,
      capabilities: capabilityStatuses(facts),
    };
  }
}

/**
 * Counts per indicator only: none at all below the minimum of respondents, and none for an indicator
 * fewer than that answered (five respondents of whom one alone answered an indicator would show it).
 */
function surveySummary(survey: Awaited<ReturnType<typeof surveyOf>>, threshold: number): AuditCycleView['survey'] {
  const suppressed = survey.respondents < MIN_SURVEY_RESPONDENTS;
  return {
    respondents: survey.respondents,
    threshold,
    suppressed,
    indicators: suppressed
      ? []
      : [...survey.tallies]
          .filter(([, t]) => isReportable(t))
          .map(([indicatorId, t]) => ({
            indicatorId,
            answered: t.answered,
            agreeing: t.agreeing,
            evidenced: t.agreeing / t.answered >= threshold,
          })),
  };
}

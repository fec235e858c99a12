import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { z } from 'zod';
import type { EventStore } from '#libs/event-store';
import { compareStages, type Stage } from '#libs/framework';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { cyclesOf, factsOf } from '../../read-model/audit-read-model.js';
import { assertOrganisationRegistered } from '../../shared/organisation-registered.js';
import { capabilityStatuses, type CapabilityStatus } from '../../status/audit-status.js';
import { GetAuditHistory } from './get-audit-history.query.js';
import type { getAuditHistoryResponse } from './get-audit-history.response.js';

type AuditHistory = z.output<typeof getAuditHistoryResponse>;

export type Movement = 'up' | 'same' | 'down';

/** How a capability's self-assessed stage moved from one completed cycle to the next. */
export function movement(before: Stage, after: Stage): Movement {
  const order = compareStages(after, before);
  return order > 0 ? 'up' : order < 0 ? 'down' : 'same';
}

/** The same for the staff's perception; none when either survey was suppressed (too few respondents to compare). */
export function staffMovement(before: Stage | 'suppressed', after: Stage | 'suppressed'): Movement | null {
  return before === 'suppressed' || after === 'suppressed' ? null : movement(before, after);
}

@QueryHandler(GetAuditHistory)
export class GetAuditHistoryHandler implements IQueryHandler<GetAuditHistory> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ organisationId }: GetAuditHistory): Promise<AuditHistory> {
    await assertOrganisationRegistered(this.store, organisationId);
    const completed = (await cyclesOf(this.pool, organisationId))
      .filter((c) => c.completedOn !== null)
      .sort((a, b) => a.completedOn!.localeCompare(b.completedOn!));
    let previous: readonly CapabilityStatus[] | undefined;
    const history: AuditHistory['history'] = [];
    for (const cycle of completed) {
      const statuses = capabilityStatuses(await factsOf(this.pool, cycle));
      const capabilities = statuses.map((s, i) => ({
        capabilityId: s.capabilityId,
        selfAssessedStage: s.selfAssessedStage,
        staffPerceptionStage: s.staffPerceptionStage,
        movement: previous ? movement(previous[i]!.selfAssessedStage, s.selfAssessedStage) : null,
        staffPerceptionMovement: previous
          ? staffMovement(previous[i]!.staffPerceptionStage, s.staffPerceptionStage)
          : null,
      }));
      history.push({ auditId: cycle.id, startedOn: cycle.startedOn, completedOn: cycle.completedOn!, capabilities });
      previous = statuses;
    }
    return { organisationId, history };
  }
}

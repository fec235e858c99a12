import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { evidenceStream } from '../evidence.events.js';
import { schema } from '../../read-model/indicator-judgements.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideAcceptEvidence } from '../statement-reaction.js';
import { AcceptEvidence } from './accept-evidence.command.js';

@CommandHandler(AcceptEvidence)
export class AcceptEvidenceHandler implements ICommandHandler<AcceptEvidence, void> {
  constructor(
    private readonly streams: WorkforceStreams,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async execute({ workerId, organisationId, statementId, actor }: AcceptEvidence): Promise<void> {
    await this.requirePending(workerId, organisationId, statementId);
    const streamId = evidenceStream(organisationId, statementId.toLowerCase());
    await this.streams.decideAcross(async () => {
      const existing = await this.streams.store.readStream(streamId);
      const events = decideAcceptEvidence(existing, actor);
      if (events.length === 0) return [];
      const metadata = { actor, tenantId: organisationId };
      return [
        {
          streamId,
          expectedRevision: existing[existing.length - 1]!.revision,
          events: events.map((e) => ({ ...e, metadata })),
        },
      ];
    }, streamId);
  }

  /** The read model says which evidence of this worker is pending: anything else is not found. */
  private async requirePending(workerId: string, organisationId: string, statementId: string): Promise<void> {
    const { rows } = await this.pool.query(
      `select 1 from ${schema()}.records where worker_id = $1 and organisation_id = $2 and statement_id = $3 and pending and withdrawn_at is null`,
      [workerId, organisationId, statementId.toLowerCase()],
    );
    if (rows.length === 0)
      throw new NotFoundException(
        `statementId: no pending evidence "${statementId}" of organisation "${organisationId}" for this worker`,
      );
  }
}

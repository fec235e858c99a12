import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { schema } from '../../read-model/indicator-judgements.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideOnWorker } from '../worker-commands.js';
import { ShareRecord, type ShareRecordInput } from './share-record.command.js';
import { decideShareRecord } from './share-record.decider.js';

@CommandHandler(ShareRecord)
export class ShareRecordHandler implements ICommandHandler<ShareRecord, void> {
  constructor(
    private readonly streams: WorkforceStreams,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async execute({ share, actor }: ShareRecord): Promise<void> {
    const onRecord = await this.onRecord(share);
    await decideOnWorker(this.streams, share.workerId, (s) => decideShareRecord(share, s, onRecord, actor), {
      actor,
      tenantId: share.withOrganisationId,
    });
  }

  /** Whether the evidence to share is on the worker's record (withdrawn evidence is not). */
  private async onRecord(share: ShareRecordInput): Promise<boolean> {
    if (share.scope.kind === 'record') return true;
    const { rows } = await this.pool.query(
      `select 1 from ${schema()}.records where worker_id = $1 and organisation_id = $2 and statement_id = $3 and withdrawn_at is null`,
      [share.workerId, share.scope.organisationId, share.scope.statementId],
    );
    return rows.length > 0;
  }
}

import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { schema } from '../../read-model/indicator-judgements.js';
import { EvidenceStatements, PLATFORM_AGENT } from '../evidence-statements.service.js';
import { WithdrawEvidence } from './withdraw-evidence.command.js';

/**
 * Voids the statement, only in the LRS of an organisation the asker acts for, the one that recorded
 * it: evidence of any other organisation is not found (404, the same answer as for no evidence at all).
 */
@CommandHandler(WithdrawEvidence)
export class WithdrawEvidenceHandler implements ICommandHandler<WithdrawEvidence> {
  constructor(
    private readonly statements: EvidenceStatements,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async execute({ worker, statementId, actingFor, now }: WithdrawEvidence) {
    const { rows } = await this.pool.query<{ organisation_id: string; withdrawn: boolean }>(
      `select organisation_id, withdrawn_at is not null as withdrawn from ${schema()}.records
        where worker_id = $1 and statement_id = $2 and ($3::text[] is null or organisation_id = any($3))`,
      [worker.id, statementId.toLowerCase(), actingFor === 'any' ? null : actingFor],
    );
    const organisationId = rows[0]?.organisation_id;
    if (!organisationId)
      throw new NotFoundException(`statementId: no evidence "${statementId}" is recorded for this worker`);
    // A second withdrawal (a retried request, a double click) would store one more voiding statement.
    if (rows[0]!.withdrawn) throw new ConflictException(`statementId: evidence "${statementId}" is withdrawn already`);
    const voiding = {
      id: randomUUID(),
      actor: PLATFORM_AGENT,
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef', id: statementId.toLowerCase() },
      timestamp: now.toISOString(),
    };
    const voidingStatementId = await this.statements.store(organisationId, voiding);
    await this.statements.waitFor(organisationId, voidingStatementId, statementId);
    return { statementId: statementId.toLowerCase(), voidingStatementId };
  }
}

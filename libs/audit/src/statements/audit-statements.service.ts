import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { waitForProjection } from '#libs/projections';
import { platformPrincipal } from '#libs/workforce';
import { statementStreamId, StatementWriter } from '#libs/xapi';
import { auditCycleStream } from '../cycle/audit-cycle.events.js';
import { foldAuditCycle } from '../cycle/audit-cycle.js';
import { AUDIT_PROJECTION } from '../read-model/audit.projection.js';
import {
  AUDIT_STATEMENT_REACTOR,
  causedBy,
  decideAuditStatement,
  type AuditStatementCommand,
} from './audit-statement.reactor.js';

const READ_YOUR_WRITES_MS = 5000;

/**
 * Answers and self-assessments made through /api are CLF-profile statements stored in the
 * organisation's LRS: the same statements a tool would send, taking the same path (the audit
 * statement reactor) to the audit's events.
 */
@Injectable()
export class AuditStatements {
  constructor(
    private readonly statements: StatementWriter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  /**
   * Stores the statement, then returns once the reactor has turned it into the cycle's event and the
   * read model holds it. Call it only after the command's decider accepted the command on the cycle as
   * it is, so a refusal writes nothing.
   */
  async record(command: AuditStatementCommand, statement: Record<string, unknown>): Promise<void> {
    const { organisationId, auditId } = command;
    const [statementId] = await this.statements.store({
      principal: platformPrincipal(organisationId),
      version: '2.0.0',
      statements: [statement],
      parts: new Map(),
      batch: false,
    });
    const [stored] = await this.store.readStream(statementStreamId(organisationId, statementId!), { maxCount: 1 });
    if (!stored) return;
    await waitForProjection(this.pool, AUDIT_STATEMENT_REACTOR, stored.position, READ_YOUR_WRITES_MS).catch(() => {});
    const cycle = await this.store.readStream(auditCycleStream(auditId));
    const event = causedBy(cycle, stored);
    if (!event) {
      // The cycle changed between the check and the reaction (e.g. completed): say why, as the reactor found it.
      decideAuditStatement(command, foldAuditCycle(cycle));
      return;
    }
    await waitForProjection(this.pool, AUDIT_PROJECTION, event.position, READ_YOUR_WRITES_MS).catch(() => {});
  }
}

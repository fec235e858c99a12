import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { comparePositions, type EventStore, type RecordedEvent } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { waitForApplied, waitForProjection } from '#libs/projections';
import { ConflictError, platformPrincipal } from '#libs/workforce';
import { STATEMENT_STORED, statementStreamId, statementStreamPrefix, StatementWriter } from '#libs/xapi';
import { auditCycleStream } from '../cycle/audit-cycle.events.js';
import { foldAuditCycle } from '../cycle/audit-cycle.js';
import { AUDIT_PROJECTION } from '../read-model/audit.projection.js';
import {
  AUDIT_STATEMENT_REACTOR,
  auditStatementReactor,
  causedBy,
  decideAuditStatement,
  type AuditStatementCommand,
} from './audit-statement.reactor.js';

const READ_YOUR_WRITES_MS = 5000;
/** Longer than an answer waits: the answers a completion waits for were each told 204 after at most that. */
const SETTLE_MS = 10_000;

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
  /**
   * Resolves once the reactor has decided every statement the organisation has stored so far, so a
   * cycle is completed only after the answers sent before it (through /api, answered 204 perhaps before
   * the reactor got to them, or by a tool) are in it; refused after that as "completed", they were lost.
   * Only the organisation's own statements can reach its cycle (the reactor takes a statement into a
   * cycle of the organisation whose LRS client sent it), so statements other organisations stored since
   * do not hold the completion. A 409 when the reactor is further behind than the API waits.
   */
  async settled(organisationId: string, auditId: string): Promise<void> {
    const head = await this.store.headPosition();
    const organisationStatements = {
      eventTypes: [STATEMENT_STORED],
      streamPrefixes: [statementStreamPrefix(organisationId)],
    };
    if (await waitForApplied(this.pool, this.store, auditStatementReactor, head, SETTLE_MS, organisationStatements))
      return;
    throw new ConflictError(
      'auditId',
      `answers sent to audit cycle "${auditId}" are still being recorded; complete it again in a moment`,
    );
  }

  async record(command: AuditStatementCommand, statement: Record<string, unknown>): Promise<void> {
    await this.recordAll(command.organisationId, command.auditId, [{ command, statement }]);
  }

  /**
   * Several statements of one cycle stored as one LRS batch (one transaction), then one wait for the
   * reactor and one for the read model: the answer comes once the cycle holds every one of them.
   */
  async recordAll(
    organisationId: string,
    auditId: string,
    entries: readonly { command: AuditStatementCommand; statement: Record<string, unknown> }[],
  ): Promise<void> {
    const statementIds = await this.statements.store({
      principal: platformPrincipal(organisationId),
      version: '2.0.0',
      statements: entries.map((e) => e.statement),
      parts: new Map(),
      batch: entries.length > 1,
    });
    const stored = await Promise.all(
      statementIds.map(
        async (id) => (await this.store.readStream(statementStreamId(organisationId, id), { maxCount: 1 }))[0],
      ),
    );
    const last = stored.reduce<RecordedEvent | undefined>(
      (a, b) => (b && (!a || comparePositions(b.position, a.position) > 0) ? b : a),
      undefined,
    );
    if (!last) return;
    await waitForProjection(this.pool, AUDIT_STATEMENT_REACTOR, last.position, READ_YOUR_WRITES_MS).catch(() => {});
    const cycle = await this.store.readStream(auditCycleStream(auditId));
    let latest: RecordedEvent | undefined;
    for (const [i, statementEvent] of stored.entries()) {
      const event = statementEvent && causedBy(cycle, statementEvent);
      // The cycle changed between the check and the reaction (e.g. completed): say why, as the reactor found it.
      if (!event) return void decideAuditStatement(entries[i]!.command, foldAuditCycle(cycle));
      if (!latest || comparePositions(event.position, latest.position) > 0) latest = event;
    }
    await waitForProjection(this.pool, AUDIT_PROJECTION, latest!.position, READ_YOUR_WRITES_MS).catch(() => {});
  }
}

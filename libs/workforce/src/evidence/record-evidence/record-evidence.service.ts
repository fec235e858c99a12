import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { waitForProjection } from '#libs/projections';
import { type LrsPrincipal, statementStreamId, StatementWriter } from '#libs/xapi';
import { evidenceStream, type RecordedBy } from '../../domain/events.js';
import { PLATFORM_CLIENT_KEY, withRecorder } from '../recorded-by.js';
import { CommandBus } from '../../http/command-bus.service.js';
import { schema } from '../../queries/indicator-judgements.js';
import type { WorkerSummary } from '../../queries/workers.query.js';
import type { Reach } from '../../workers/worker.js';
import { WORKFORCE_EVIDENCE_REACTOR } from '../clf-statement.reactor.js';
import { buildEvidenceStatement } from './build-statement.js';
import type { EvidenceInput } from './record-evidence.input.js';

/** The LRS identity statements recorded through /api are stored under; the LRS makes it their authority. */
export const PLATFORM_AGENT = {
  objectType: 'Agent' as const,
  name: 'Continuum API',
  account: { homePage: 'urn:continuum:platform', name: 'continuum-api' },
};

/** The platform's own LRS client in an organisation: how /api stores statements (evidence, audit answers). */
export function platformPrincipal(organisationId: string): LrsPrincipal {
  return {
    clientId: PLATFORM_CLIENT_KEY,
    key: PLATFORM_CLIENT_KEY,
    name: 'Continuum API',
    organisationId,
    scopes: ['statements/write'],
    authority: PLATFORM_AGENT,
  };
}

const READ_YOUR_WRITES_MS = 5000;

/**
 * Evidence recorded through /api is an xAPI statement of the CLF profile stored in the LRS, in the
 * worker's organisation: the same statement an LMS would send, taking the same path to the record.
 */
@Injectable()
export class EvidenceRecorder {
  constructor(
    private readonly statements: StatementWriter,
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  /** Stored in the LRS of the organisation the recorder acts for (`actingFor`), or else the worker's employer. */
  async record(
    worker: WorkerSummary,
    input: EvidenceInput,
    actingFor: Reach,
    recorder: RecordedBy,
  ): Promise<{ statementId: string; statement: Record<string, unknown> }> {
    const actor = worker.identifiers[0]!;
    const statement = withRecorder(buildEvidenceStatement(input, actor, randomUUID()), recorder);
    const organisationId = actingFor === 'any' || actingFor.length === 0 ? currentOrganisation(worker) : actingFor[0]!;
    const [statementId] = await this.statements.store({
      principal: platformPrincipal(organisationId),
      version: '2.0.0',
      statements: [statement],
      parts: new Map(),
      batch: false,
    });
    await this.waitFor(organisationId, statementId!, statementId!);
    return { statementId: statementId!, statement };
  }

  /**
   * Voids the statement behind a piece of evidence: it stops counting, and the history keeps that it
   * counted. Only in the LRS of an organisation in `actingFor`, the one that recorded it: evidence of any
   * other organisation is not found (404, the same answer as for no evidence at all).
   */
  async withdraw(
    worker: WorkerSummary,
    statementId: string,
    actingFor: Reach,
    now: Date,
  ): Promise<{ statementId: string; voidingStatementId: string }> {
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
    const [voidingStatementId] = await this.statements.store({
      principal: platformPrincipal(organisationId),
      version: '2.0.0',
      statements: [voiding],
      parts: new Map(),
      batch: false,
    });
    await this.waitFor(organisationId, voidingStatementId!, statementId);
    return { statementId: statementId.toLowerCase(), voidingStatementId: voidingStatementId! };
  }

  /**
   * Returns once the evidence is in the read model: the reactor has passed the statement (so the
   * evidence events are in the log), then the workforce projection has passed the evidence's last event
   * (or, for a plain learning record, the statement itself).
   */
  private async waitFor(organisationId: string, statementId: string, evidenceStatementId: string): Promise<void> {
    const [stored] = await this.store.readStream(statementStreamId(organisationId, statementId), { maxCount: 1 });
    if (!stored) return;
    await waitForProjection(this.pool, WORKFORCE_EVIDENCE_REACTOR, stored.position, READ_YOUR_WRITES_MS).catch(
      () => {},
    );
    const [evidence] = await this.store.readStream(evidenceStream(organisationId, evidenceStatementId), {
      direction: 'backwards',
      maxCount: 1,
    });
    // A plain learning record has no evidence stream: the projection takes it (and its voiding) from the statement.
    await this.commands.waitForReadModel(evidence?.position ?? stored.position);
  }
}

/** Statements are kept per organisation; a worker's evidence goes to their current employer (or `default`). */
function currentOrganisation(worker: WorkerSummary): string {
  return (
    worker.organisations.find((m) => m.to === null)?.organisationId ??
    worker.organisations[0]?.organisationId ??
    'default'
  );
}

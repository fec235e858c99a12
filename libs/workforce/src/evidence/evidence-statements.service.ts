import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { waitForProjection } from '#libs/projections';
import { type LrsPrincipal, statementStreamId, StatementWriter } from '#libs/xapi';
import { evidenceStream } from './evidence.events.js';
import { WorkforceStreams } from '../shared/workforce-streams.service.js';
import { PLATFORM_CLIENT_KEY } from './recorded-by.js';
import { WORKFORCE_EVIDENCE_REACTOR } from './clf-statement.reactor.js';

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
 * Evidence recorded or withdrawn through /api is an xAPI statement stored in the LRS of an organisation
 * under the platform's own client: the same statement an LMS would send, taking the same path to the
 * record. The commands that do so return once the read model holds its result.
 */
@Injectable()
export class EvidenceStatements {
  constructor(
    private readonly statements: StatementWriter,
    private readonly streams: WorkforceStreams,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  /** Stores one statement in the organisation's LRS; returns its id. */
  async store(organisationId: string, statement: Record<string, unknown>): Promise<string> {
    const [statementId] = await this.statements.store({
      principal: platformPrincipal(organisationId),
      version: '2.0.0',
      statements: [statement],
      parts: new Map(),
      batch: false,
    });
    return statementId!;
  }

  /**
   * Returns once the evidence is in the read model: the reactor has passed the statement (so the
   * evidence events are in the log), then the workforce projection has passed the evidence's last event
   * (or, for a plain learning record, the statement itself).
   */
  async waitFor(organisationId: string, statementId: string, evidenceStatementId: string): Promise<void> {
    const [stored] = await this.streams.store.readStream(statementStreamId(organisationId, statementId), {
      maxCount: 1,
    });
    if (!stored) return;
    await waitForProjection(this.pool, WORKFORCE_EVIDENCE_REACTOR, stored.position, READ_YOUR_WRITES_MS).catch(
      () => {},
    );
    const [evidence] = await this.streams.store.readStream(evidenceStream(organisationId, evidenceStatementId), {
      direction: 'backwards',
      maxCount: 1,
    });
    // A plain learning record has no evidence stream: the projection takes it (and its voiding) from the statement.
    await this.streams.waitForReadModel(evidence?.position ?? stored.position);
  }
}

import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type pg from 'pg';
import {
  assertCan,
  canReadWorker,
  canWriteEvidenceFor,
  isPlatformAdmin,
  type Viewer,
  type WorkerAccessTarget,
} from '#libs/identity';
import { PG_POOL } from '#libs/platform';
import { currentOrganisationsOf, workerSummary, type WorkerSummary } from '../read-model/workers.js';
import type { Visibility } from '../read-model/visibility.js';
import type { Reach } from '../workers/worker.js';

/**
 * Access to one worker's record. The rule is decided before anything is looked up beyond the
 * worker's organisations, and a denial is the same 403 whether or not the worker exists.
 */
@Injectable()
export class WorkerAccess {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async target(workerId: string): Promise<WorkerAccessTarget> {
    return { workerId, organisationIds: await currentOrganisationsOf(this.pool, workerId) };
  }

  async readable(viewer: Viewer, workerId: string): Promise<WorkerSummary> {
    assertCan(canReadWorker(viewer, await this.target(workerId)), "read this worker's record");
    return this.existing(workerId);
  }

  /** The worker, if the viewer may read their record, with what of it the viewer sees (see `visibilityOf`). */
  async readableView(viewer: Viewer, workerId: string): Promise<{ worker: WorkerSummary; visibility: Visibility }> {
    const worker = await this.readable(viewer, workerId);
    return { worker, visibility: visibilityOf(viewer, worker) };
  }

  async writableEvidence(viewer: Viewer, workerId: string, kind?: string): Promise<WorkerSummary> {
    assertCan(
      canWriteEvidenceFor(viewer, await this.target(workerId), kind),
      `record ${kind ?? 'this'} evidence for this worker`,
    );
    return this.existing(workerId);
  }

  async existing(workerId: string): Promise<WorkerSummary> {
    const worker = await workerSummary(this.pool, workerId);
    if (!worker) throw new NotFoundException(`workerId: no worker "${workerId}" is known`);
    return worker;
  }
}

/**
 * The organisations a viewer acts for in workforce commands: a platform admin any; a learning lead the
 * organisations they lead. Anyone else none.
 */
export function reachOf(viewer: Viewer): Reach {
  if (isPlatformAdmin(viewer)) return 'any';
  return viewer.roles.flatMap((role) => (role.kind === 'learning-lead' ? [role.organisationId] : []));
}

/**
 * The organisations on whose behalf a viewer records or withdraws evidence about a worker: of the
 * worker's current organisations, those the viewer leads or manages the worker in. A platform admin
 * acts for any; the worker themselves for none (their own evidence goes to their employer).
 */
export function actingOrganisations(viewer: Viewer, worker: WorkerSummary): Reach {
  if (isPlatformAdmin(viewer)) return 'any';
  const current = worker.organisations.filter((m) => m.to === null).map((m) => m.organisationId);
  return current.filter((organisationId) =>
    viewer.roles.some(
      (role) =>
        (role.kind === 'learning-lead' && role.organisationId === organisationId) ||
        (role.kind === 'line-manager' && role.organisationId === organisationId && role.workerIds.includes(worker.id)),
    ),
  );
}

/**
 * What of a worker's record a viewer sees: the worker and a platform admin all of it; anyone else the
 * records of the organisations through which they may read it (the worker's current organisations they
 * lead, or manage the worker in): what those organisations recorded and what the worker shares with them.
 */
export function visibilityOf(viewer: Viewer, worker: WorkerSummary): Visibility {
  if (isPlatformAdmin(viewer) || viewer.roles.some((r) => r.kind === 'worker' && r.workerId === worker.id))
    return 'all';
  const acting = actingOrganisations(viewer, worker);
  return acting === 'any' ? 'all' : acting;
}

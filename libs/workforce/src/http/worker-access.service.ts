import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type pg from 'pg';
import { assertCan, canReadWorker, canWriteEvidenceFor, type Viewer, type WorkerAccessTarget } from '#libs/identity';
import { PG_POOL } from '#libs/platform';
import { currentOrganisationsOf, workerSummary, type WorkerSummary } from '../queries/workers.query.js';

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

  async writableEvidence(viewer: Viewer, workerId: string, kind?: string): Promise<WorkerSummary> {
    assertCan(canWriteEvidenceFor(viewer, await this.target(workerId), kind), `record ${kind ?? 'this'} evidence for this worker`);
    return this.existing(workerId);
  }

  async existing(workerId: string): Promise<WorkerSummary> {
    const worker = await workerSummary(this.pool, workerId);
    if (!worker) throw new NotFoundException(`workerId: no worker "${workerId}" is known`);
    return worker;
  }
}

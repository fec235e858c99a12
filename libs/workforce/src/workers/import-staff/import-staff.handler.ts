import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppendRequest, EventMetadata } from '#libs/event-store';
import { NotFoundError, refusalWithin } from '../../domain/errors.js';
import { organisationExists } from '../../organisations/organisation-directory.js';
import { roleStream } from '../../roles/job-role.events.js';
import { evolveJobRole, initialJobRole, type JobRoleState } from '../../roles/job-role.js';
import { metadataOf, WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideAssignRole } from '../assign-role/assign-role.decider.js';
import { planClaims } from '../identifier-claims.js';
import { decideRegisterWorker } from '../register-worker/register-worker.decider.js';
import { workerStream, type WorkerEvent } from '../worker.events.js';
import { evolveWorker, initialWorker, type WorkerState } from '../worker.js';
import { workerAppend } from '../worker-commands.js';
import { ImportStaff, type StaffImported, type StaffRow } from './import-staff.command.js';

/**
 * Each row is decided as POST /api/workers and POST /api/workers/:id/roles decide it (the same
 * deciders, on the worker's stream and identifier claims as they are), then every row's appends go in
 * one append: atomic on PostgreSQL, so a refused row or a concurrent writer leaves nothing written. The
 * answer comes once the workforce read model holds the whole list.
 */
@CommandHandler(ImportStaff)
export class ImportStaffHandler implements ICommandHandler<ImportStaff, StaffImported> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ organisationId, rows, context, today, reach }: ImportStaff): Promise<StaffImported> {
    if (!(await organisationExists(this.streams, organisationId)))
      throw new NotFoundError('id', `no organisation "${organisationId}" is registered`);
    const roles = await this.rolesOf(rows);
    const metadata = metadataOf(context);
    await this.streams.decideAcross(async () => {
      // Rows are read in parallel; the first refused row (in the list's order) is the one named.
      const decided = await Promise.allSettled(
        rows.map(async (row) => this.decideRow(row, roles, organisationId, metadata, today, reach)),
      );
      const refused = decided.findIndex((d) => d.status === 'rejected');
      if (refused >= 0) throw refusalWithin(`workers[${refused}]`, (decided[refused] as PromiseRejectedResult).reason);
      return decided.flatMap((d) => (d as PromiseFulfilledResult<AppendRequest[]>).value);
    }, `the staff list of organisation "${organisationId}"`);
    return { workers: rows.map((row) => ({ id: row.worker.workerId })) };
  }

  private async rolesOf(rows: readonly StaffRow[]): Promise<Map<string, JobRoleState>> {
    const ids = [...new Set(rows.flatMap((row) => (row.roleId ? [row.roleId] : [])))];
    const states = await Promise.all(
      ids.map(async (id) => (await this.streams.load(roleStream(id), initialJobRole, evolveJobRole)).state),
    );
    return new Map(ids.map((id, i) => [id, states[i]!]));
  }

  private async decideRow(
    { worker, roleId }: StaffRow,
    roles: ReadonlyMap<string, JobRoleState>,
    organisationId: string,
    metadata: Partial<EventMetadata>,
    today: string,
    reach: ImportStaff['reach'],
  ): Promise<AppendRequest[]> {
    const { state, revision } = await this.streams.load(workerStream(worker.workerId), initialWorker, evolveWorker);
    const claims = await planClaims(this.streams.store, worker.workerId, worker.identifiers, metadata, reach);
    const events = decideRegisterWorker(worker, state, claims.heldByOthers, today, reach);
    if (roleId) {
      // Only this organisation's roles: another's is answered as unknown, saying nothing of it.
      const role = roles.get(roleId);
      if (role?.status !== 'defined' || role.organisationId !== organisationId)
        throw new NotFoundError('roleId', `no job role "${roleId}" is defined in this organisation`);
      const registered = events.reduce<WorkerState>((s, e: WorkerEvent) => evolveWorker(s, e), state);
      const assignment = { workerId: worker.workerId, roleId, from: worker.joinedOn ?? today };
      events.push(...decideAssignRole(assignment, registered, role, today));
    }
    return [...claims.requests, workerAppend(worker.workerId, revision, events, metadata)];
  }
}

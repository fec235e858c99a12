import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AppendRequest } from '#libs/event-store';
import { NotFoundError, refusalWithin, WorkforceError } from '../../domain/errors.js';
import { organisationExists } from '../../organisations/organisation-directory.js';
import { roleStream } from '../../roles/job-role.events.js';
import { evolveJobRole, initialJobRole, type JobRoleState } from '../../roles/job-role.js';
import { metadataOf, WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideAssignRole } from '../assign-role/assign-role.decider.js';
import { decideJoinOrganisation } from '../join-organisation/join-organisation.decider.js';
import { decideLeaveOrganisation } from '../leave-organisation/leave-organisation.decider.js';
import { WORKER_EVENTS as EV, workerStream, type WorkerEvent } from '../worker.events.js';
import { evolveWorker, initialWorker, type WorkerState } from '../worker.js';
import { workerAppend } from '../worker-commands.js';
import { RecordMoves, type Move, type MovesRecorded } from './record-moves.command.js';

/** A worker's stream as loaded, and what the moves so far decided on it. */
interface Decided {
  state: WorkerState;
  revision: bigint | undefined;
  events: WorkerEvent[];
}

/**
 * Each move is decided as POST /api/workers/:id/memberships, …/roles and …/memberships/end decide it
 * (the same deciders), on the worker as the moves before it in the list left them; then every worker's
 * events go in one append: atomic on PostgreSQL, so a refused move or a concurrent writer leaves nothing
 * written. The answer comes once the workforce read model holds them all.
 */
@CommandHandler(RecordMoves)
export class RecordMovesHandler implements ICommandHandler<RecordMoves, MovesRecorded> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ organisationId, moves, context, today, reach }: RecordMoves): Promise<MovesRecorded> {
    if (!(await organisationExists(this.streams, organisationId)))
      throw new NotFoundError('id', `no organisation "${organisationId}" is registered`);
    const roles = await this.rolesOf(moves);
    const metadata = metadataOf(context);
    let invited: boolean[] = [];
    await this.streams.decideAcross(async () => {
      const workers = await this.load(moves);
      invited = moves.map((move, i) => {
        try {
          return this.decideMove(move, workers.get(move.workerId)!, roles, organisationId, context.actor, today, reach);
        } catch (error) {
          throw refusalWithin(`rows[${i}]`, asMoveDate(error));
        }
      });
      return [...workers]
        .filter(([, w]) => w.events.length > 0)
        .map(([workerId, w]): AppendRequest => workerAppend(workerId, w.revision, w.events, metadata));
    }, `the moves of organisation "${organisationId}"`);
    return { rows: moves.map((move, i) => ({ workerId: move.workerId, invited: invited[i]! })) };
  }

  private async load(moves: readonly Move[]): Promise<Map<string, Decided>> {
    const ids = [...new Set(moves.map((m) => m.workerId))];
    const loaded = await Promise.all(ids.map((id) => this.streams.load(workerStream(id), initialWorker, evolveWorker)));
    return new Map(ids.map((id, i) => [id, { ...loaded[i]!, events: [] }]));
  }

  private async rolesOf(moves: readonly Move[]): Promise<Map<string, JobRoleState>> {
    const ids = [...new Set(moves.flatMap((m) => (m.action === 'assign-role' ? [m.roleId] : [])))];
    const states = await Promise.all(
      ids.map(async (id) => (await this.streams.load(roleStream(id), initialJobRole, evolveJobRole)).state),
    );
    return new Map(ids.map((id, i) => [id, states[i]!]));
  }

  /** Decides one move on the worker as the earlier moves left them, and folds it in: true when it made an invitation. */
  private decideMove(
    move: Move,
    worker: Decided,
    roles: ReadonlyMap<string, JobRoleState>,
    organisationId: string,
    actor: string,
    today: string,
    reach: RecordMoves['reach'],
  ): boolean {
    const { workerId, date } = move;
    let events: WorkerEvent[];
    if (move.action === 'join') {
      events = decideJoinOrganisation({ workerId, organisationId, from: date }, worker.state, true, today, {
        reach,
        userId: actor,
      });
    } else if (move.action === 'leave') {
      events = decideLeaveOrganisation({ workerId, organisationId, to: date }, worker.state, today, reach);
    } else {
      // Only this organisation's roles: another's is answered as unknown, saying nothing of it.
      const role = roles.get(move.roleId);
      if (role?.status !== 'defined' || role.organisationId !== organisationId)
        throw new NotFoundError('roleId', `no job role "${move.roleId}" is defined in this organisation`);
      events = decideAssignRole({ workerId, roleId: move.roleId, from: date }, worker.state, role, today, reach);
    }
    worker.state = events.reduce<WorkerState>((s, e) => evolveWorker(s, e), worker.state);
    worker.events.push(...events);
    return events.some((e) => e.type === EV.workerInvited);
  }
}

/** A move has one day, `date`: the deciders' `from` (join, role) and `to` (leave) are named as the row names it. */
function asMoveDate(error: unknown): unknown {
  if (!(error instanceof WorkforceError) || (error.field !== 'from' && error.field !== 'to')) return error;
  const Refusal = error.constructor as new (field: string, rule: string) => WorkforceError;
  return new Refusal('date', error.rule);
}

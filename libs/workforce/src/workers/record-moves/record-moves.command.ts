import { Command } from '@nestjs/cqrs';
import { z } from 'zod';
import { parseBody } from '#libs/platform';
import { recordMovesRequest } from './record-moves.request.js';
import type { CommandContext } from '../../shared/workforce-streams.service.js';
import type { Reach } from '../worker.js';

/**
 * One change to a worker's place in this organisation, on its date: joining it, taking one of its
 * job roles (the previous role there ends that day), or leaving it (the roles held there end too).
 */
export type Move =
  | { workerId: string; action: 'join'; date: string }
  | { workerId: string; action: 'leave'; date: string }
  | { workerId: string; action: 'assign-role'; date: string; roleId: string };

/** The answer, one row per move in order: `invited` when joining made an invitation (a worker known elsewhere). */
export const MovesRecorded = z.object({
  rows: z.array(z.object({ workerId: z.string(), invited: z.boolean() })),
});
export type MovesRecorded = z.infer<typeof MovesRecorded>;

/** The moves, in order (see `recordMovesRequest`). */
export function parseMoves(input: unknown): Move[] {
  return parseBody(recordMovesRequest, input).rows.map(({ workerId, action, date, roleId }) =>
    action === 'assign-role' ? { workerId, action, date, roleId: roleId! } : { workerId, action, date },
  );
}

/**
 * An organisation's learning lead records staff turnover in one request: workers joining, changing
 * job role and leaving, in the order given; one refused move refuses them all.
 */
export class RecordMoves extends Command<MovesRecorded> {
  constructor(
    readonly organisationId: string,
    readonly moves: readonly Move[],
    readonly context: CommandContext & { actor: string },
    readonly today: string,
    readonly reach: Reach,
  ) {
    super();
  }
}

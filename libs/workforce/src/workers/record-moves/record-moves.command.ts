import { Command } from '@nestjs/cqrs';
import { z } from 'zod';
import { invalid, withinRow } from '../../domain/errors.js';
import { body, isCalendarDate, oneOf, text } from '../../domain/input.js';
import type { CommandContext } from '../../shared/workforce-streams.service.js';
import type { Reach } from '../worker.js';

/** Rows one request may hold: as many as a staff-list import. */
export const MOVES_MAX_ROWS = 500;

export const MOVE_ACTIONS = ['join', 'assign-role', 'leave'] as const;
export type MoveAction = (typeof MOVE_ACTIONS)[number];

/**
 * One change to a worker's place in this organisation, on its date: joining it, taking one of its
 * job roles (the previous role there ends that day), or leaving it (the roles held there end too).
 */
export type Move =
  | { workerId: string; action: 'join'; date: string }
  | { workerId: string; action: 'leave'; date: string }
  | { workerId: string; action: 'assign-role'; date: string; roleId: string };

const MOVE_PROPERTIES = ['workerId', 'action', 'date', 'roleId'];

/** The answer, one row per move in order: `invited` when joining made an invitation (a worker known elsewhere). */
export const MovesRecorded = z.object({
  rows: z.array(z.object({ workerId: z.string(), invited: z.boolean() })),
});
export type MovesRecorded = z.infer<typeof MovesRecorded>;

/** Reads the moves; every refusal names its row (`rows[3].date`). */
export function parseMoves(input: unknown): Move[] {
  const raw = body(input).rows;
  if (!Array.isArray(raw) || raw.length === 0) return invalid('rows', 'must be a non-empty array of moves');
  if (raw.length > MOVES_MAX_ROWS)
    return invalid('rows', `must hold at most ${MOVES_MAX_ROWS} moves (send more in several requests, in order)`);
  return raw.map((value, i) => withinRow(`rows[${i}]`, () => parseMove(value)));
}

function parseMove(value: unknown): Move {
  const row = body(value);
  const unknown = Object.keys(row).find((key) => !MOVE_PROPERTIES.includes(key));
  if (unknown) invalid(unknown, `is not a property of a move (${MOVE_PROPERTIES.join(', ')})`);
  const workerId = text(row, 'workerId', 63);
  const action = oneOf(row, 'action', MOVE_ACTIONS);
  if (!isCalendarDate(row.date)) invalid('date', 'is required and must be a calendar date YYYY-MM-DD');
  const date = row.date as string;
  if (action !== 'assign-role') {
    if (row.roleId !== undefined) invalid('roleId', `is only for assign-role (this move is ${action})`);
    return { workerId, action, date };
  }
  return { workerId, action, date, roleId: text(row, 'roleId', 63) };
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

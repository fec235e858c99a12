import { Command } from '@nestjs/cqrs';
import { z } from 'zod';
import { invalid, withinRow } from '../../domain/errors.js';
import { body, optionalText } from '../../domain/input.js';
import type { CommandContext } from '../../shared/workforce-streams.service.js';
import { parseRegisterWorker, type RegisterWorkerInput } from '../register-worker/register-worker.command.js';
import type { Reach } from '../worker.js';

/** Rows one import may hold: a large employer's whole staff list, in one transaction a request can afford. */
export const STAFF_IMPORT_MAX_ROWS = 500;

/** A row of the staff list: a registration at this organisation, and the job role held from `joinedOn`. */
export interface StaffRow {
  worker: RegisterWorkerInput;
  roleId?: string;
}

const STAFF_ROW_PROPERTIES = ['name', 'identifiers', 'registrationNumber', 'joinedOn', 'roleId'];

/** The answer: each row's worker id, in the rows' order. */
export const StaffImported = z.object({ workers: z.array(z.object({ id: z.string() })) });
export type StaffImported = z.infer<typeof StaffImported>;

/**
 * Reads the staff list; every refusal names its row (`workers[3].joinedOn`). An identifier given in two
 * rows is refused here: both rows would claim it in the one transaction.
 */
export function parseStaffImport(organisationId: string, input: unknown): StaffRow[] {
  const raw = body(input).workers;
  if (!Array.isArray(raw) || raw.length === 0) return invalid('workers', 'must be a non-empty array of staff rows');
  if (raw.length > STAFF_IMPORT_MAX_ROWS)
    return invalid('workers', `must hold at most ${STAFF_IMPORT_MAX_ROWS} rows (send a longer list in parts)`);
  const rowOf = new Map<string, number>();
  return raw.map((value, i) =>
    withinRow(`workers[${i}]`, () => {
      const row = body(value);
      const unknown = Object.keys(row).find((key) => !STAFF_ROW_PROPERTIES.includes(key));
      if (unknown) invalid(unknown, `is not a property of a staff row (${STAFF_ROW_PROPERTIES.join(', ')})`);
      const worker = { ...parseRegisterWorker(row), organisationId };
      worker.identifiers.forEach(({ ifi }, k) => {
        const earlier = rowOf.get(ifi);
        if (earlier !== undefined) invalid(`identifiers[${k}]`, `is also given in workers[${earlier}]`);
        rowOf.set(ifi, i);
      });
      const roleId = optionalText(row, 'roleId', 63);
      return roleId ? { worker, roleId } : { worker };
    }),
  );
}

/**
 * An organisation's learning lead registers its staff list: every row is a worker registered and
 * joining the organisation (and taking a job role), all in one append; one refused row refuses them all.
 */
export class ImportStaff extends Command<StaffImported> {
  constructor(
    readonly organisationId: string,
    readonly rows: readonly StaffRow[],
    readonly context: CommandContext,
    readonly today: string,
    readonly reach: Reach,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import { z } from 'zod';
import { parseBody } from '#libs/platform';
import type { CommandContext } from '../../shared/workforce-streams.service.js';
import { registrationOf, type RegisterWorkerInput } from '../register-worker/register-worker.command.js';
import { importStaffRequest } from './import-staff.request.js';
import type { Reach } from '../worker.js';

/** A row of the staff list: a registration at this organisation, and the job role held from `joinedOn`. */
export interface StaffRow {
  worker: RegisterWorkerInput;
  roleId?: string;
}

/** The answer: each row's worker id, in the rows' order. */
export const StaffImported = z.object({ workers: z.array(z.object({ id: z.string() })) });
export type StaffImported = z.infer<typeof StaffImported>;

/** The staff list as rows of the organisation (see `importStaffRequest`). */
export function parseStaffImport(organisationId: string, input: unknown): StaffRow[] {
  return parseBody(importStaffRequest, input).workers.map(({ roleId, ...registration }) => {
    const worker = { ...registrationOf(registration), organisationId };
    return roleId ? { worker, roleId } : { worker };
  });
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

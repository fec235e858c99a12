import { z } from 'zod';

/** What a change to a worker answers: the worker's id (registering, identifiers, memberships, roles). */
export const WorkerChanged = z.object({ id: z.string().describe("The worker's id") });
export type WorkerChanged = z.output<typeof WorkerChanged>;

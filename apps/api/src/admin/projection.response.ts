import { z } from 'zod';
import type { ProjectionStatus } from '#libs/projections';
import { checkSameShape } from '#libs/platform';

const Instant = z.iso.datetime();

const ProjectionStatusSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  position: z.string().nullable().describe('The log position its checkpoint reached; null before its first run'),
  headPosition: z.string().describe('The head of the log'),
  eventsApplied: z.number().int(),
  runner: z.string().nullable().describe('The process holding its lease'),
  leaseAcquiredAt: Instant.nullable(),
  updatedAt: Instant.nullable(),
  rebuiltAt: Instant.nullable(),
});

/** libs/projections keeps ProjectionStatus as its own interface; compilation fails if it and the schema drift. */
checkSameShape<ProjectionStatus, z.output<typeof ProjectionStatusSchema>>(true);

export const ProjectionView = ProjectionStatusSchema.extend({ kind: z.enum(['projection', 'reactor']) });
export type ProjectionView = z.output<typeof ProjectionView>;

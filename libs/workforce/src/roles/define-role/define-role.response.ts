import { z } from 'zod';

export const RoleDefined = z.object({ id: z.string().describe("The role's id") });
export type RoleDefined = z.output<typeof RoleDefined>;

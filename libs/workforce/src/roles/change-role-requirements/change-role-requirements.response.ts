import { z } from 'zod';

export const RoleRequirementsChanged = z.object({
  id: z.string(),
  changed: z.boolean().describe('false when the role already asked exactly this: nothing was recorded'),
});
export type RoleRequirementsChanged = z.output<typeof RoleRequirementsChanged>;

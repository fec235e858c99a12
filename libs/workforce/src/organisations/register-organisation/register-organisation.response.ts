import { z } from 'zod';

export const OrganisationRegistered = z.object({ id: z.string().describe("The organisation's id") });
export type OrganisationRegistered = z.output<typeof OrganisationRegistered>;

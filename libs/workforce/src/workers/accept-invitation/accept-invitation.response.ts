import { z } from 'zod';

export const InvitationAccepted = z.object({ id: z.string(), organisationId: z.string() });
export type InvitationAccepted = z.output<typeof InvitationAccepted>;

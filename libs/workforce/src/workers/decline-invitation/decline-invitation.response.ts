import { z } from 'zod';

export const InvitationDeclined = z.object({
  id: z.string(),
  organisationId: z.string(),
  status: z.literal('declined'),
});
export type InvitationDeclined = z.output<typeof InvitationDeclined>;

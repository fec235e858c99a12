import { z } from 'zod';

/** 202: the worker is known to another organisation, so they are invited and join once they accept. */
export const InvitedToJoin = z.object({
  id: z.string(),
  invitation: z.object({ organisationId: z.string(), status: z.literal('pending') }),
});
export type InvitedToJoin = z.output<typeof InvitedToJoin>;

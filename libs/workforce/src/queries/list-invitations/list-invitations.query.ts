import { Query } from '@nestjs/cqrs';
import { z } from 'zod';
import { CalendarDate } from '../../read-model/response-parts.js';

export const InvitationView = z.object({
  organisationId: z.string(),
  from: CalendarDate,
  status: z.literal('pending'),
});
export type InvitationView = z.output<typeof InvitationView>;

/** A worker's pending invitations to join organisations, from their own stream (an invitation is answered at once). */
export class ListInvitations extends Query<InvitationView[]> {
  constructor(readonly workerId: string) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';

export interface InvitationView {
  organisationId: string;
  from: string;
  status: 'pending';
}

/** A worker's pending invitations to join organisations, from their own stream (an invitation is answered at once). */
export class ListInvitations extends Query<InvitationView[]> {
  constructor(readonly workerId: string) {
    super();
  }
}

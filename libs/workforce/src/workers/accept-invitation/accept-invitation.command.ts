import { Command } from '@nestjs/cqrs';

/** The worker, signed in (or a platform admin), accepts a pending invitation: they join the organisation. */
export class AcceptInvitation extends Command<void> {
  constructor(
    readonly workerId: string,
    readonly organisationId: string,
    readonly actor: string,
  ) {
    super();
  }
}

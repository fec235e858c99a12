import { Command } from '@nestjs/cqrs';

/** The worker, signed in (or a platform admin), declines a pending invitation: they do not join. */
export class DeclineInvitation extends Command<void> {
  constructor(
    readonly workerId: string,
    readonly organisationId: string,
    readonly actor: string,
  ) {
    super();
  }
}

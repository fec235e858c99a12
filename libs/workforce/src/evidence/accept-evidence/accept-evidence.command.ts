import { Command } from '@nestjs/cqrs';

/**
 * The worker, or a learning lead of one of their organisations, accepts evidence pending on their
 * record (sent by an organisation they did not belong to): it counts from now on.
 */
export class AcceptEvidence extends Command<void> {
  constructor(
    readonly workerId: string,
    /** The organisation whose LRS stored the statement. */
    readonly organisationId: string,
    /** As the caller gave it (the evidence stream names it in lower case). */
    readonly statementId: string,
    readonly actor: string,
  ) {
    super();
  }
}

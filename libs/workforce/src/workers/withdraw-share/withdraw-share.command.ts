import { Command } from '@nestjs/cqrs';
import type { ShareRecordInput } from '../share-record/share-record.command.js';

/** The worker, signed in, withdraws a share exactly as it was made: the organisation no longer sees what it covered. */
export class WithdrawShare extends Command<void> {
  constructor(
    readonly share: ShareRecordInput,
    readonly actor: string,
  ) {
    super();
  }
}

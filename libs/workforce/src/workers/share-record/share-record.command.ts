import { Command } from '@nestjs/cqrs';
import type { ShareRecordInput } from './share-record.decider.js';

/** The worker, signed in, shares their whole record or one piece of evidence with an organisation they belong to. */
export class ShareRecord extends Command<void> {
  constructor(
    readonly share: ShareRecordInput,
    readonly actor: string,
  ) {
    super();
  }
}

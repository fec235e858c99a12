import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError } from '../../domain/errors.js';
import { workerStream } from '../worker.events.js';
import { metadataOf, WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { planClaims } from '../identifier-claims.js';
import { evolveWorker, initialWorker, knownOnlyWithin } from '../worker.js';
import { workerAppend } from '../worker-commands.js';
import { AddIdentifier } from './add-identifier.command.js';
import { decideAddIdentifier } from './add-identifier.decider.js';

/** Claims the identifier before the worker's stream is written, as registration does (see RegisterWorkerHandler). */
@CommandHandler(AddIdentifier)
export class AddIdentifierHandler implements ICommandHandler<AddIdentifier, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ identifier: command, actor, reach }: AddIdentifier): Promise<void> {
    const metadata = metadataOf({ actor });
    await this.streams.decideAcross(async () => {
      const { state, revision } = await this.streams.load(workerStream(command.workerId), initialWorker, evolveWorker);
      if (!knownOnlyWithin(state, reach))
        throw new ConflictError(
          'workerId',
          'the worker is known to another organisation: only they or a platform admin change their identifiers',
        );
      const claims = await planClaims(this.streams.store, command.workerId, [command.identifier], metadata, reach);
      const events = decideAddIdentifier(command, state, claims.heldByOthers.get(command.identifier.ifi));
      return [...claims.requests, workerAppend(command.workerId, revision, events, metadata)];
    }, workerStream(command.workerId));
  }
}

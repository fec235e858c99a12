import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../../domain/errors.js';
import { workerStream } from '../worker.events.js';
import { organisationExists } from '../../organisations/organisation-directory.js';
import { metadataOf, WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { planClaims } from '../identifier-claims.js';
import { evolveWorker, initialWorker } from '../worker.js';
import { workerAppend } from '../worker-commands.js';
import { RegisterWorker } from './register-worker.command.js';
import { decideRegisterWorker } from './register-worker.decider.js';

/**
 * Claims each identifier in its own stream before writing the worker's stream (atomically on
 * PostgreSQL, in that order on EventStoreDB), so two workers can never hold one identifier: of two
 * concurrent registrations under one identifier exactly one succeeds, and the other is decided again
 * and refused with a 409 naming the identifier.
 */
@CommandHandler(RegisterWorker)
export class RegisterWorkerHandler implements ICommandHandler<RegisterWorker, { id: string }> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ worker, context, today, reach }: RegisterWorker): Promise<{ id: string }> {
    const { organisationId } = worker;
    if (organisationId && !(await organisationExists(this.streams, organisationId)))
      throw new NotFoundError('organisationId', `no organisation "${organisationId}" is registered`);
    const metadata = metadataOf(context);
    await this.streams.decideAcross(async () => {
      const { state, revision } = await this.streams.load(workerStream(worker.workerId), initialWorker, evolveWorker);
      const claims = await planClaims(this.streams.store, worker.workerId, worker.identifiers, metadata, reach);
      const events = decideRegisterWorker(worker, state, claims.heldByOthers, today, reach);
      return [...claims.requests, workerAppend(worker.workerId, revision, events, metadata)];
    }, workerStream(worker.workerId));
    return { id: worker.workerId };
  }
}

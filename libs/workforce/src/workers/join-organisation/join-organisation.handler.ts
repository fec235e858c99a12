import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WORKER_EVENTS as EV } from '../worker.events.js';
import { organisationExists } from '../../organisations/organisation-directory.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideOnWorker } from '../worker-commands.js';
import { JoinOrganisation } from './join-organisation.command.js';
import { decideJoinOrganisation } from './join-organisation.decider.js';

@CommandHandler(JoinOrganisation)
export class JoinOrganisationHandler implements ICommandHandler<JoinOrganisation, { invited: boolean }> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ membership, actor, reach, today }: JoinOrganisation): Promise<{ invited: boolean }> {
    const exists = await organisationExists(this.streams, membership.organisationId);
    const events = await decideOnWorker(
      this.streams,
      membership.workerId,
      (s) => decideJoinOrganisation(membership, s, exists, today, { reach, userId: actor }),
      { actor, tenantId: membership.organisationId },
    );
    return { invited: events.some((e) => e.type === EV.workerInvited) };
  }
}

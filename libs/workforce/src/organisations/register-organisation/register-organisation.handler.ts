import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationStream } from '../organisation.events.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { evolveOrganisation, initialOrganisation } from '../organisation.js';
import { RegisterOrganisation } from './register-organisation.command.js';
import { decideRegisterOrganisation } from './register-organisation.decider.js';

@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation, { id: string }> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ organisation, actor }: RegisterOrganisation): Promise<{ id: string }> {
    const { organisationId } = organisation;
    await this.streams.decideOn(
      {
        streamId: organisationStream(organisationId),
        initial: initialOrganisation,
        evolve: evolveOrganisation,
        decide: (s) => decideRegisterOrganisation(organisation, s),
      },
      { actor, tenantId: organisationId },
    );
    return { id: organisationId };
  }
}

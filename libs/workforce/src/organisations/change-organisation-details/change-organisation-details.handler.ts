import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationStream } from '../organisation.events.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { evolveOrganisation, initialOrganisation } from '../organisation.js';
import { ChangeOrganisationDetails } from './change-organisation-details.command.js';
import { decideChangeOrganisationDetails } from './change-organisation-details.decider.js';

@CommandHandler(ChangeOrganisationDetails)
export class ChangeOrganisationDetailsHandler implements ICommandHandler<ChangeOrganisationDetails> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ details, actor }: ChangeOrganisationDetails): Promise<{ id: string; changed: boolean }> {
    const id = details.organisationId;
    const events = await this.streams.decideOn(
      {
        streamId: organisationStream(id),
        initial: initialOrganisation,
        evolve: evolveOrganisation,
        decide: (s) => decideChangeOrganisationDetails(details, s),
      },
      { actor, tenantId: id },
    );
    return { id, changed: events.length > 0 };
  }
}

import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationStream, roleStream } from '../../domain/events.js';
import { evolveOrganisation, initialOrganisation } from '../../organisations/organisation.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { evolveJobRole, initialJobRole } from '../job-role.js';
import { DefineRole } from './define-role.command.js';
import { decideDefineRole } from './define-role.decider.js';

@CommandHandler(DefineRole)
export class DefineRoleHandler implements ICommandHandler<DefineRole, { id: string }> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ role, actor }: DefineRole): Promise<{ id: string }> {
    const organisation = await this.streams.load(
      organisationStream(role.organisationId),
      initialOrganisation,
      evolveOrganisation,
    );
    await this.streams.decideOn(
      {
        streamId: roleStream(role.roleId),
        initial: initialJobRole,
        evolve: evolveJobRole,
        decide: (s) => decideDefineRole(role, s, organisation.state.status === 'registered'),
      },
      { actor, tenantId: role.organisationId },
    );
    return { id: role.roleId };
  }
}

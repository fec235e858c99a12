import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { roleStream } from '../job-role.events.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { evolveJobRole, initialJobRole } from '../job-role.js';
import { ChangeRoleRequirements } from './change-role-requirements.command.js';
import { decideChangeRoleRequirements } from './change-role-requirements.decider.js';

@CommandHandler(ChangeRoleRequirements)
export class ChangeRoleRequirementsHandler implements ICommandHandler<ChangeRoleRequirements> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ requirements, organisationId, actor }: ChangeRoleRequirements) {
    const id = requirements.roleId;
    const events = await this.streams.decideOn(
      {
        streamId: roleStream(id),
        initial: initialJobRole,
        evolve: evolveJobRole,
        decide: (s) => decideChangeRoleRequirements(requirements, s),
      },
      { actor, tenantId: organisationId },
    );
    return { id, changed: events.length > 0 };
  }
}

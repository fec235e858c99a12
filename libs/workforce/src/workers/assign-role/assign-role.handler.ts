import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { roleStream } from '../../roles/job-role.events.js';
import { evolveJobRole, initialJobRole } from '../../roles/job-role.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideOnWorker } from '../worker-commands.js';
import { AssignRole } from './assign-role.command.js';
import { decideAssignRole } from './assign-role.decider.js';

@CommandHandler(AssignRole)
export class AssignRoleHandler implements ICommandHandler<AssignRole, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ assignment, organisationId, actor, today, reach }: AssignRole): Promise<void> {
    const role = await this.streams.load(roleStream(assignment.roleId), initialJobRole, evolveJobRole);
    await decideOnWorker(
      this.streams,
      assignment.workerId,
      (s) => decideAssignRole(assignment, s, role.state, today, reach),
      {
        actor,
        tenantId: organisationId,
      },
    );
  }
}

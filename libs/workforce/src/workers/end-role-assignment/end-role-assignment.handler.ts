import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideOnWorker } from '../worker-commands.js';
import { EndRoleAssignment } from './end-role-assignment.command.js';
import { decideEndRoleAssignment } from './end-role-assignment.decider.js';

@CommandHandler(EndRoleAssignment)
export class EndRoleAssignmentHandler implements ICommandHandler<EndRoleAssignment, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ assignment, organisationId, actor, today, reach }: EndRoleAssignment): Promise<void> {
    await decideOnWorker(
      this.streams,
      assignment.workerId,
      (s) => decideEndRoleAssignment(assignment, s, today, organisationId, reach),
      {
        actor,
        tenantId: organisationId,
      },
    );
  }
}

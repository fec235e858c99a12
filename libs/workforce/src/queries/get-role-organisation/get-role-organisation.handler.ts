import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { roleStream } from '../../roles/job-role.events.js';
import { evolveJobRole, initialJobRole } from '../../roles/job-role.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { GetRoleOrganisation } from './get-role-organisation.query.js';

@QueryHandler(GetRoleOrganisation)
export class GetRoleOrganisationHandler implements IQueryHandler<GetRoleOrganisation> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ roleId }: GetRoleOrganisation): Promise<string | undefined> {
    const { state } = await this.streams.load(roleStream(roleId), initialJobRole, evolveJobRole);
    return state.status === 'defined' ? state.organisationId : undefined;
  }
}

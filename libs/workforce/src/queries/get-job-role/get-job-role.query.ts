import { Query } from '@nestjs/cqrs';
import { RoleSummary } from '../../read-model/organisations.js';

/** A job role as /api answers it: the same as in its organisation's list. */
export const JobRoleView = RoleSummary;
export type JobRoleView = RoleSummary;

/** A job role with its requirements, from the read model (a person specification is not personal data). */
export class GetJobRole extends Query<JobRoleView> {
  constructor(readonly roleId: string) {
    super();
  }
}

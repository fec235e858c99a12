import { Query } from '@nestjs/cqrs';

export interface JobRoleView {
  id: string;
  organisationId: string;
  name: string;
  requirements: { capabilityId: string; stage: string }[];
  qualifications: string[];
  training: string[];
}

/** A job role with its requirements, from the read model (a person specification is not personal data). */
export class GetJobRole extends Query<JobRoleView> {
  constructor(readonly roleId: string) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';

/**
 * The organisation a job role belongs to, from the role's own stream (so a role defined a moment ago
 * is found): who may change or assign it depends on it. Undefined for a role not defined.
 */
export class GetRoleOrganisation extends Query<string | undefined> {
  constructor(readonly roleId: string) {
    super();
  }
}

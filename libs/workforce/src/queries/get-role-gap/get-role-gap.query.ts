import { Query } from '@nestjs/cqrs';
import type { RoleGap } from '../../read-model/role-gap.js';
import type { Visibility } from '../../read-model/visibility.js';

/** A worker against their current role, or `roleId` (a role they aspire to): strengths and gaps as of a date. */
export class GetRoleGap extends Query<RoleGap> {
  constructor(
    readonly workerId: string,
    /** Undefined: the role the worker holds now. */
    readonly roleId: string | undefined,
    readonly asOf: Date,
    readonly visibility: Visibility,
  ) {
    super();
  }
}

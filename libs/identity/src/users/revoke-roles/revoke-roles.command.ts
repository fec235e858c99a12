import { Command } from '@nestjs/cqrs';
import type { AccessRole } from '../../access/viewer.js';
import type { ChangeContext, UserView } from '../users.service.js';

/** Revokes roles from a user; grants not held change nothing. 404 when there is no such user. */
export class RevokeRoles extends Command<UserView> {
  constructor(
    readonly userId: string,
    readonly roles: readonly AccessRole[],
    readonly context: ChangeContext,
  ) {
    super();
  }
}

import { Command } from '@nestjs/cqrs';
import type { NewUser } from '../user-input.js';
import type { ChangeContext, UserView } from '../users.service.js';

/**
 * A platform admin registers a user with any roles, or a learning lead one of their organisation
 * (`context.organisationId`) with roles in it. 409 when the email is taken.
 */
export class RegisterUser extends Command<UserView> {
  constructor(
    readonly user: NewUser,
    readonly context: ChangeContext,
  ) {
    super();
  }
}

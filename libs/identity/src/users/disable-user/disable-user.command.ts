import { Command } from '@nestjs/cqrs';
import type { ChangeContext, UserView } from '../users.service.js';

/** A platform admin disables a user: their sessions end at once and they cannot sign in. 404 when there is no such user. */
export class DisableUser extends Command<UserView> {
  constructor(
    readonly userId: string,
    readonly context: ChangeContext,
  ) {
    super();
  }
}

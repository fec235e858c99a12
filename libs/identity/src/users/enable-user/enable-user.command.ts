import { Command } from '@nestjs/cqrs';
import type { ChangeContext, UserView } from '../users.service.js';

/** A platform admin lets a disabled user sign in again. 404 when there is no such user. */
export class EnableUser extends Command<UserView> {
  constructor(
    readonly userId: string,
    readonly context: ChangeContext,
  ) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { UserView } from '../users.service.js';

/** One user with their roles; undefined when the id names nobody. */
export class GetUser extends Query<UserView | undefined> {
  constructor(readonly userId: string) {
    super();
  }
}

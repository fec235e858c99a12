import { Query } from '@nestjs/cqrs';
import type { UsersList } from '../users.service.js';
import type { UsersPage } from './users-page.js';

/** One page of users with their roles, oldest first (never a password hash). */
export class ListUsers extends Query<UsersList> {
  constructor(readonly page: UsersPage) {
    super();
  }
}

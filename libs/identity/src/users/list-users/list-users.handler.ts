import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UsersService, type UsersList } from '../users.service.js';
import { ListUsers } from './list-users.query.js';

@QueryHandler(ListUsers)
export class ListUsersHandler implements IQueryHandler<ListUsers> {
  constructor(private readonly users: UsersService) {}

  execute({ page }: ListUsers): Promise<UsersList> {
    return this.users.list(page);
  }
}

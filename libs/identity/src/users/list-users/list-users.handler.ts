import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UsersService, type UserView } from '../users.service.js';
import { ListUsers } from './list-users.query.js';

@QueryHandler(ListUsers)
export class ListUsersHandler implements IQueryHandler<ListUsers> {
  constructor(private readonly users: UsersService) {}

  execute(): Promise<UserView[]> {
    return this.users.list();
  }
}

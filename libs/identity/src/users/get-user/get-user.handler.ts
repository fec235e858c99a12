import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UsersService, type UserView } from '../users.service.js';
import { GetUser } from './get-user.query.js';

@QueryHandler(GetUser)
export class GetUserHandler implements IQueryHandler<GetUser> {
  constructor(private readonly users: UsersService) {}

  execute({ userId }: GetUser): Promise<UserView | undefined> {
    return this.users.get(userId);
  }
}

import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UsersService } from '../users.service.js';
import { UserBelongsTo } from './user-belongs-to.query.js';

@QueryHandler(UserBelongsTo)
export class UserBelongsToHandler implements IQueryHandler<UserBelongsTo> {
  constructor(private readonly users: UsersService) {}

  execute({ userId, organisationId }: UserBelongsTo): Promise<boolean> {
    return this.users.belongsTo(userId, organisationId);
  }
}

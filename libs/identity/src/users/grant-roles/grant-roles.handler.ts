import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { found } from '../found.js';
import { UsersService, type UserView } from '../users.service.js';
import { GrantRoles } from './grant-roles.command.js';

@CommandHandler(GrantRoles)
export class GrantRolesHandler implements ICommandHandler<GrantRoles, UserView> {
  constructor(private readonly users: UsersService) {}

  async execute({ userId, roles, context }: GrantRoles): Promise<UserView> {
    return found(await this.users.grantRoles(userId, roles, context), userId);
  }
}

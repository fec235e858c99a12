import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { found } from '../found.js';
import { UsersService, type UserView } from '../users.service.js';
import { RevokeRoles } from './revoke-roles.command.js';

@CommandHandler(RevokeRoles)
export class RevokeRolesHandler implements ICommandHandler<RevokeRoles, UserView> {
  constructor(private readonly users: UsersService) {}

  async execute({ userId, roles, context }: RevokeRoles): Promise<UserView> {
    return found(await this.users.revokeRoles(userId, roles, context), userId);
  }
}

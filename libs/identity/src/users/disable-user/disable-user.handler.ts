import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { found } from '../found.js';
import { UsersService, type UserView } from '../users.service.js';
import { DisableUser } from './disable-user.command.js';

@CommandHandler(DisableUser)
export class DisableUserHandler implements ICommandHandler<DisableUser, UserView> {
  constructor(private readonly users: UsersService) {}

  async execute({ userId, context }: DisableUser): Promise<UserView> {
    return found(await this.users.setDisabled(userId, true, context), userId);
  }
}

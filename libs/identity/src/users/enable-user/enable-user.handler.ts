import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { found } from '../found.js';
import { UsersService, type UserView } from '../users.service.js';
import { EnableUser } from './enable-user.command.js';

@CommandHandler(EnableUser)
export class EnableUserHandler implements ICommandHandler<EnableUser, UserView> {
  constructor(private readonly users: UsersService) {}

  async execute({ userId, context }: EnableUser): Promise<UserView> {
    return found(await this.users.setDisabled(userId, false, context), userId);
  }
}

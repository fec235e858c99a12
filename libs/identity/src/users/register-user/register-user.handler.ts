import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UsersService, type UserView } from '../users.service.js';
import { RegisterUser } from './register-user.command.js';

@CommandHandler(RegisterUser)
export class RegisterUserHandler implements ICommandHandler<RegisterUser, UserView> {
  constructor(private readonly users: UsersService) {}

  execute({ user, context }: RegisterUser): Promise<UserView> {
    return this.users.register(user, context);
  }
}

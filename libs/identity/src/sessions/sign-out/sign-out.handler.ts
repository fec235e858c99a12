import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SessionsService } from '../sessions.service.js';
import { SignOut } from './sign-out.command.js';

@CommandHandler(SignOut)
export class SignOutHandler implements ICommandHandler<SignOut, void> {
  constructor(private readonly sessions: SessionsService) {}

  execute({ token }: SignOut): Promise<void> {
    return this.sessions.signOut(token);
  }
}

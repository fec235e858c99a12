import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SessionsService, type SignedIn } from '../sessions.service.js';
import { SignIn } from './sign-in.command.js';

@CommandHandler(SignIn)
export class SignInHandler implements ICommandHandler<SignIn, SignedIn> {
  constructor(private readonly sessions: SessionsService) {}

  execute({ credentials, ip }: SignIn): Promise<SignedIn> {
    return this.sessions.signIn(credentials, ip);
  }
}

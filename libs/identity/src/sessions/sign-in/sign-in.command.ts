import { Command } from '@nestjs/cqrs';
import type { SignInInput } from '../../users/user-input.js';
import type { SignedIn } from '../sessions.service.js';

/** Email and password for a session token; `ip` counts failures per address (see SignInRateLimiter). */
export class SignIn extends Command<SignedIn> {
  constructor(
    readonly credentials: SignInInput,
    readonly ip: string,
  ) {
    super();
  }
}

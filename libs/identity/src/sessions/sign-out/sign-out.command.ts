import { Command } from '@nestjs/cqrs';

/** Ends the session of a bearer token; signing out of a session already ended changes nothing. */
export class SignOut extends Command<void> {
  constructor(readonly token: string) {
    super();
  }
}

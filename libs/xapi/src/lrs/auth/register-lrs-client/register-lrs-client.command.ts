import type { NewLrsClient } from '../lrs-client-input.js';

/** Registers an LRS client (a parsed body: see parseNewLrsClient); its key and secret are made here. */
export class RegisterLrsClient {
  constructor(
    readonly client: NewLrsClient,
    readonly actor = 'admin',
  ) {}
}

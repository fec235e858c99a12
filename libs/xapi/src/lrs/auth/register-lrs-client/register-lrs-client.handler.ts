import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { inTransaction } from '#libs/database';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { appendLrsClientEvents } from '../lrs-client.events.js';
import { toView, type ClientRow, type CreatedLrsClient } from '../lrs-client-rows.js';
import { hashSecret, newClientKey, newClientSecret } from '../lrs-secret.js';
import { RegisterLrsClient } from './register-lrs-client.command.js';
import { decideRegisterLrsClient } from './register-lrs-client.decider.js';

/** The row and its event in one transaction; the secret is returned this once, only its hash is kept. */
@CommandHandler(RegisterLrsClient)
export class RegisterLrsClientHandler implements ICommandHandler<RegisterLrsClient, CreatedLrsClient> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: RegisterLrsClient): Promise<CreatedLrsClient> {
    const registered = decideRegisterLrsClient(command, { clientId: randomUUID(), key: newClientKey() });
    const { clientId, key, name, organisationId, scopes } = registered.data;
    const secret = newClientSecret();
    const secretHash = await hashSecret(secret);
    const row = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ClientRow>(
        `insert into lrs_clients (id, key, secret_hash, name, organisation_id, scopes)
         values ($1, $2, $3, $4, $5, $6) returning *`,
        [clientId, key, secretHash, name, organisationId, scopes],
      );
      await appendLrsClientEvents(this.store, client, registered.data, command.actor, [registered], 'no_stream');
      return rows[0];
    });
    return { ...toView(row), secret };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { inTransaction } from '#libs/database';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { appendLrsClientEvents } from '../lrs-client.events.js';
import { isUuid, type ClientRow } from '../lrs-client-rows.js';
import { LrsClientsService } from '../lrs-clients.service.js';
import { RevokeLrsClient } from './revoke-lrs-client.command.js';
import { decideRevokeLrsClient, type RevocableClient, type RevokeResult } from './revoke-lrs-client.decider.js';

/** Locks the row, decides, marks it revoked with its event in one transaction, then drops it from this process's cache. */
@CommandHandler(RevokeLrsClient)
export class RevokeLrsClientHandler implements ICommandHandler<RevokeLrsClient, RevokeResult> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LrsClientsService) private readonly clients: LrsClientsService,
  ) {}

  async execute(command: RevokeLrsClient): Promise<RevokeResult> {
    if (!isUuid(command.clientId)) return 'not-found';
    const result = await inTransaction(this.pool, async (client): Promise<RevokeResult> => {
      const { rows } = await client.query<ClientRow>('select * from lrs_clients where id = $1 for update', [
        command.clientId,
      ]);
      const decision = decideRevokeLrsClient(command, rows[0] ? revocable(rows[0]) : undefined);
      if (decision.result !== 'revoked') return decision.result;
      await client.query('update lrs_clients set revoked_at = now() where id = $1', [command.clientId]);
      await appendLrsClientEvents(this.store, client, decision.events[0].data, command.actor, decision.events);
      return decision.result;
    });
    // After the commit: a verification that read the row before it must not re-cache it (see the cache).
    this.clients.forget(command.clientId);
    return result;
  }
}

function revocable(row: ClientRow): RevocableClient {
  return { key: row.key, organisationId: row.organisation_id, revoked: row.revoked_at !== null };
}

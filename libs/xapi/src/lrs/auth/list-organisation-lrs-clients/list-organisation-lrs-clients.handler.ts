import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { z } from 'zod';
import { encodeCreationCursor, PG_POOL } from '#libs/platform';
import { toView, type ClientRow } from '../lrs-client-rows.js';
import type { lrsClientPageResponse } from '../lrs-client.response.js';
import { ListOrganisationLrsClients } from './list-organisation-lrs-clients.query.js';

/** One page; `next` is the cursor of the page after, null on the last. */
export type LrsClientPage = z.output<typeof lrsClientPageResponse>;

/** created_at in whole microseconds (its full precision), so a page cursor resumes exactly after its row. */
const CREATED_MICROS = '(extract(epoch from created_at) * 1000000)::bigint';

@QueryHandler(ListOrganisationLrsClients)
export class ListOrganisationLrsClientsHandler implements IQueryHandler<ListOrganisationLrsClients, LrsClientPage> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ organisationId, page }: ListOrganisationLrsClients): Promise<LrsClientPage> {
    const { rows } = await this.pool.query<ClientRow & { position: string }>(
      `select *, ${CREATED_MICROS}::text as position from lrs_clients
       where organisation_id = $1 and ($2::bigint is null or (${CREATED_MICROS}, id) > ($2::bigint, $3::uuid))
       order by created_at, id limit $4`,
      [organisationId, page.after?.createdMicros ?? null, page.after?.id ?? null, page.limit + 1],
    );
    const clients = rows.slice(0, page.limit);
    const last = clients[clients.length - 1];
    return {
      organisationId,
      clients: clients.map(toView),
      next:
        rows.length > page.limit && last ? encodeCreationCursor({ createdMicros: last.position, id: last.id }) : null,
    };
  }
}

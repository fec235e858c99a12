import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { liveSchema } from '#libs/projections';
import { agentIfi, ifiOf } from '../../statement-model/helpers/agent-ifi.js';
import type { Agent, Person } from '../../statement-model/types.js';
import { awaitReadModel } from '../read-your-writes.js';
import { AGENTS_PROJECTION, agentsProjection } from './agents.projection.js';

/**
 * The Person Object for an Agent (Communication 2.4): its identifier and every name statements have
 * given it. The LRS does not link different identifiers into one person, so the Person carries the
 * requested identifier only — which also means no extra permission is needed (2.4.s3.b1).
 */
@Injectable()
export class AgentsService {
  private readonly logger = new Logger('XapiAgents');

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Once the `xapi-agents` read model has every statement stored before the request (read-your-writes). */
  async person(organisationId: string, agent: Agent): Promise<Person> {
    await awaitReadModel(this.pool, this.store, agentsProjection, this.logger);
    const { rows } = await this.pool.query<{ name: string }>(
      `select name from ${liveSchema(AGENTS_PROJECTION)}.agent_names where organisation_id = $1 and ifi = $2 order by first_seen, name`,
      [organisationId, agentIfi(agent)],
    );
    return personOf(
      agent,
      rows.map((row) => row.name),
    );
  }
}

/** Each property an array (2.4.s5); the requested Agent's own name is included too (2.4.s3.b3). */
export function personOf(agent: Agent, seenNames: readonly string[]): Person {
  const person: Person = { objectType: 'Person' };
  const names = [...new Set([...(agent.name ? [agent.name] : []), ...seenNames])];
  if (names.length > 0) person.name = names;
  const ifi = ifiOf(agent);
  if (ifi.mbox !== undefined) person.mbox = [ifi.mbox];
  if (ifi.mbox_sha1sum !== undefined) person.mbox_sha1sum = [ifi.mbox_sha1sum];
  if (ifi.openid !== undefined) person.openid = [ifi.openid];
  if (ifi.account !== undefined) person.account = [ifi.account];
  return person;
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { liveSchema } from '#libs/projections';
import type { Activity, ActivityDefinition } from '../../statement-model/types.js';
import { awaitReadModel } from '../read-your-writes.js';
import { ACTIVITIES_PROJECTION, activitiesProjection } from './activities.projection.js';

/**
 * Reads the canonical Activity definitions kept by the `xapi-activities` projection, once it has
 * applied every statement stored before the request (read-your-writes; statement writes do not wait
 * for this read model, so ingest does not either).
 */
@Injectable()
export class ActivitiesService {
  private readonly logger = new Logger('XapiActivities');

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The Activity Object; without a known definition, just its id (Communication 2.5.s2.b1). */
  async activity(organisationId: string, activityId: string): Promise<Activity> {
    const definitions = await this.canonicalDefinitions(organisationId, [activityId]);
    const definition = definitions.get(activityId);
    return definition
      ? { objectType: 'Activity', id: activityId, definition }
      : { objectType: 'Activity', id: activityId };
  }

  /** Canonical definitions by Activity id, for the statements resource's `canonical` format too. */
  async canonicalDefinitions(
    organisationId: string,
    activityIds: readonly string[],
  ): Promise<Map<string, ActivityDefinition>> {
    if (activityIds.length === 0) return new Map();
    await awaitReadModel(this.pool, this.store, activitiesProjection, this.logger);
    const { rows } = await this.pool.query<{ activity_id: string; definition: ActivityDefinition }>(
      `select activity_id, definition from ${liveSchema(ACTIVITIES_PROJECTION)}.activities
       where organisation_id = $1 and activity_id = any($2::text[])`,
      [organisationId, [...activityIds]],
    );
    return new Map(rows.map((row) => [row.activity_id, row.definition]));
  }
}

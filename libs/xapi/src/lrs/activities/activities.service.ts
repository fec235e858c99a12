import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { liveSchema } from '#libs/projections';
import type { Activity, ActivityDefinition } from '../../statements/types.js';
import { ACTIVITIES_PROJECTION } from './activities.projection.js';

/** Reads the canonical Activity definitions kept by the `xapi-activities` projection. */
@Injectable()
export class ActivitiesService {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** The Activity Object; without a known definition, just its id (Communication 2.5.s2.b1). */
  async activity(organisationId: string, activityId: string): Promise<Activity> {
    const definitions = await this.canonicalDefinitions(organisationId, [activityId]);
    const definition = definitions.get(activityId);
    return definition ? { objectType: 'Activity', id: activityId, definition } : { objectType: 'Activity', id: activityId };
  }

  /** Canonical definitions by Activity id, for the statements resource's `canonical` format too. */
  async canonicalDefinitions(organisationId: string, activityIds: readonly string[]): Promise<Map<string, ActivityDefinition>> {
    if (activityIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ activity_id: string; definition: ActivityDefinition }>(
      `select activity_id, definition from ${liveSchema(ACTIVITIES_PROJECTION)}.activities
       where organisation_id = $1 and activity_id = any($2::text[])`,
      [organisationId, [...activityIds]],
    );
    return new Map(rows.map((row) => [row.activity_id, row.definition]));
  }
}

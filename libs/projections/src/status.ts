import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import type { Projection } from './projection.js';

export interface ProjectionStatus {
  name: string;
  description?: string;
  position: string | null;
  headPosition: string;
  eventsApplied: number;
  runner: string | null;
  leaseAcquiredAt: string | null;
  updatedAt: string | null;
  rebuiltAt: string | null;
}

export async function projectionStatuses(
  pool: pg.Pool,
  store: EventStore,
  projections: readonly Projection[],
): Promise<ProjectionStatus[]> {
  const head = await store.headPosition();
  const { rows } = await pool.query<{
    name: string;
    position: string;
    events_applied: number;
    runner: string | null;
    lease_acquired_at: Date | null;
    updated_at: Date;
    rebuilt_at: Date | null;
  }>('select * from projection_checkpoints where name = any($1)', [projections.map((p) => p.name)]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  return projections.map((p) => {
    const row = byName.get(p.name);
    return {
      name: p.name,
      description: p.description,
      position: row ? row.position.split('/')[0] : null,
      headPosition: head.commit.toString(),
      eventsApplied: row?.events_applied ?? 0,
      runner: row?.runner ?? null,
      leaseAcquiredAt: row?.lease_acquired_at?.toISOString() ?? null,
      updatedAt: row?.updated_at.toISOString() ?? null,
      rebuiltAt: row?.rebuilt_at?.toISOString() ?? null,
    };
  });
}

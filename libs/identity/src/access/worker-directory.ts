/**
 * Where a worker works, as far as identity needs to know: a learning lead may give someone the
 * `worker` role, or a line-manager role naming a worker, only for workers of the lead's organisation
 * (and, for a worker's own pages, what those organisations are called).
 * The workforce lib owns those facts; it provides this port (globally, under WORKER_DIRECTORY).
 * Without a provider, only platform admins can grant or revoke `worker` roles.
 */
export interface WorkerDirectory {
  /** The organisations the worker currently belongs to; empty when the worker is unknown. */
  organisationIdsOf(workerId: string): Promise<readonly string[]>;
  /** Every organisation that knows the worker: memberships past and present. */
  organisationsKnowing(workerId: string): Promise<readonly string[]>;
  /** The names of these organisations, by id (an unknown id is left out): to say in words whose a thing is. */
  organisationNames(organisationIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

/** What the grant rules need to know about one worker named in a role. */
export interface WorkerPlaces {
  current: readonly string[];
  known: readonly string[];
}

export const WORKER_DIRECTORY = Symbol('WorkerDirectory');

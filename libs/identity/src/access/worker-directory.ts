/**
 * Where a worker works, as far as identity needs to know: a learning lead may give someone the
 * `worker` role for a worker only when that worker belongs to the lead's organisation. The
 * workforce lib owns that fact; it provides this port (globally, under WORKER_DIRECTORY). Without
 * a provider, only platform admins can grant or revoke `worker` roles.
 */
export interface WorkerDirectory {
  /** The organisations the worker currently belongs to; empty when the worker is unknown. */
  organisationIdsOf(workerId: string): Promise<readonly string[]>;
}

export const WORKER_DIRECTORY = Symbol('WorkerDirectory');

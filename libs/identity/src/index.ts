export * from './access/viewer.js';
export * from './access/signed-in.guard.js';
export * from './access/current-viewer.decorator.js';
export { canGrantRole, describeRole } from './access/grant-rules.js';
export { WORKER_DIRECTORY, type WorkerDirectory } from './access/worker-directory.js';
export { identityMigrations } from './identity.migrations.js';
export { IdentityModule } from './identity.module.js';
export {
  UsersService,
  IDENTITY_EVENTS,
  userStreamId,
  type UserView,
  type ChangeContext,
} from './users/users.service.js';
export {
  SessionsService,
  IDENTITY_OPTIONS,
  SIGN_IN_FAILED,
  type IdentityOptions,
  type SignedIn,
} from './sessions/sessions.service.js';
export type { NewUser, InputProblem } from './users/user-input.js';
export { signedInBodyGate } from './access/signed-in-body-gate.js';
export { lowerPasswordCostForBenchmarks } from './passwords/password-hash.js';
export {
  passwordHashing,
  HASHES_IN_FLIGHT,
  MAX_HASHES_WAITING,
  HASHING_BUSY_RETRY_AFTER_SECONDS,
} from './passwords/password-hash.js';

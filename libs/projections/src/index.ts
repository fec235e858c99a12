export * from './checkpoints.js';
export * from './projection.js';
export * from './rebuild.js';
export * from './runner.js';
export * from './schema.js';
export * from './status.js';
export * from './builtin/event-log.projection.js';
export * from './wait.js';

export * from './errors.js';
export * from './event.js';
export * from './event-store.port.js';
export * from './esdb/esdb-event-store.js';
export * from './postgres/postgres-event-store.js';
export * from './postgres/schema.js';

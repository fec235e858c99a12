export * from './embedded-postgres.js';
export * from './migrations.js';
export * from './pool.js';
export * from './scratch.js';
export * from './listener.js';
export * from './copy.js';

export * from './lrs-principal.js';
export * from './require-scope.decorator.js';
export * from './principal.decorator.js';
export * from './lrs-auth.guard.js';
export * from './lrs-auth.module.js';
export * from './lrs-clients.service.js';
export * from './lrs-client-input.js';
export * from './lrs-client.migrations.js';

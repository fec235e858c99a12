export * from './modules.js';
export * from './runtime.js';
export * from './worker.js';
export * from './admin.guard.js';
export * from './platform.module.js';
export * from './authenticate-before-body.js';

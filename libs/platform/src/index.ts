export * from './runtime.js';
export * from './admin.guard.js';
export * from './platform.module.js';
export * from './authenticate-before-body.js';
export * from './problem-details.js';
export * from './response-schema.js';
export * from './same-shape.js';
export * from './creation-page.js';

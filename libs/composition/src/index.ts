export * from './contexts.js';
export * from './runtime.js';
export * from './background.js';

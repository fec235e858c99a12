export * from './config.js';
export * from './running-instance.js';

export * from './config.js';
export * from './running-instance.js';
export * from './trust-proxy.js';

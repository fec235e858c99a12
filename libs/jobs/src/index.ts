export * from './bullmq/bullmq-job-queue.js';
export * from './create-job-queue.js';
export * from './errors.js';
export * from './in-process/in-process-job-queue.js';
export * from './job-queue.port.js';
export { normalizeProgress } from './progress.js';
export { assertValidJobId, assertValidJobName } from './validation.js';

export {
  generatePlan,
  recordsOf,
  stageOf,
  organisationIdOf,
  ROLE_TEMPLATES,
  type GenerateOptions,
  type Plan,
  type PlannedAudit,
  type PlannedOrganisation,
  type PlannedRecord,
  type PlannedWorker,
} from './plan/plan.js';
export { COUNCIL_AREAS, SECTOR_SHARES, sizeBandOf } from './plan/scotland.js';
export { parseGenerateOptions } from './generate-options.js';
export { generateRequest, GENERATE_LIMITS } from './generate.request.js';
export {
  sendPlan,
  type Journal,
  type SendOptions,
  type SendPhase,
  type SendProgress,
  type SendResult,
} from './send/send-plan.js';
export { fileJournal, fileJournalOptions } from './send/file-journal.js';
export { runGenerateJob, type GenerateJobData, type GenerateJobResult } from './generate.job.js';

import { auditProjection } from './read-model/audit.projection.js';

/**
 * What the composition root registers for this context besides AuditModule, without importing Nest or
 * libs/platform (which lists it). It has no migrations of its own: every table is the projection's.
 */
export const auditProjections = [auditProjection] as const;

import { auditProjection } from './read-model/audit.projection.js';

/**
 * What the composition root (libs/composition) registers for this context besides AuditModule. It has
 * no migrations of its own: every table is the projection's.
 */
export const auditProjections = [auditProjection] as const;

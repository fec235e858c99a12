/** The learning lead's views: one chunk of their own, loaded on a lead's first visit (workers never load it). */
export { AdoptionView } from './adoption';
export { AuditView } from './audit';
export { AuditCapabilityView } from './audit-capability';
export { AuditCycleView } from './audit-cycle';
export { LrsClientsView } from './lrs-clients';
export { RolesView } from './roles';
export { StaffView } from './staff';
export { OrganisationsView } from './organisations';
export { WorkersFromStatementsView } from './workers-from-statements';

import { useQueries, useQuery } from '@tanstack/preact-query';
import { api, query } from './client';
import type {
  Adoption,
  AuditCycle,
  AuditCycleSummary,
  AuditHistory,
  AuditStatus,
  AuditStructure,
  CapabilityProfile,
  Framework,
  RecordKind,
  RoleGap,
  RolesPage,
  StageHistory,
  TimelinePage,
  Worker,
  EvidenceExport,
  TrendAnswer,
  StaffPage,
  CapabilitySummary,
  MySurvey,
  LrsClientPage,
  OrganisationPage,
  WorkersFromStatementsPage,
} from './types';

/** Query keys: everything about one worker starts with ['worker', id], so one invalidation refreshes it all. */
export const keys = {
  framework: ['framework'] as const,
  worker: (id: string) => ['worker', id] as const,
  capabilities: (id: string) => ['worker', id, 'capabilities'] as const,
  timeline: (id: string, filter: TimelineFilter, after: string | undefined) =>
    ['worker', id, 'timeline', filter, after ?? null] as const,
  history: (id: string) => ['worker', id, 'history'] as const,
  roleGap: (id: string, roleId: string | undefined) => ['worker', id, 'role-gap', roleId ?? null] as const,
  exportSummary: (id: string, from: string, to: string) => ['worker', id, 'export', from, to] as const,
  organisationRoles: (organisationId: string) => ['organisation', organisationId, 'roles'] as const,
  auditStructure: ['framework', 'audit'] as const,
  /** Everything about an organisation's self-audit starts here, so a change refreshes status and history too. */
  audits: (organisationId: string) => ['organisation', organisationId, 'audits'] as const,
  audit: (organisationId: string, auditId: string) => ['organisation', organisationId, 'audits', auditId] as const,
  auditStatus: (organisationId: string) => ['organisation', organisationId, 'audits', 'status'] as const,
  auditHistory: (organisationId: string) => ['organisation', organisationId, 'audits', 'history'] as const,
  adoption: (organisationId: string) => ['organisation', organisationId, 'adoption'] as const,
  trend: (trend: string, search: string) => ['trends', trend, search] as const,
  staff: (organisationId: string, after: string | undefined) =>
    ['organisation', organisationId, 'staff', after ?? null] as const,
  mySurveys: ['me', 'surveys'] as const,
  lrsClients: (organisationId: string, after: string | undefined) =>
    ['organisation', organisationId, 'lrs-clients', after ?? null] as const,
  organisations: (limit: number, after: string | undefined, search: string | undefined) =>
    ['organisations', limit, after ?? null, search ?? null] as const,
  workersFromStatements: (organisationId: string, after: string | undefined) =>
    ['organisation', organisationId, 'workers-from-statements', after ?? null] as const,
  capabilitySummary: (organisationId: string, asOf: string) =>
    ['organisation', organisationId, 'capability-summary', asOf] as const,
};

export interface TimelineFilter {
  kind?: RecordKind;
  capabilityId?: string;
  from?: string;
  to?: string;
}

/** The CLF catalogue does not change while the app is open. */
export const useFramework = () =>
  useQuery({
    queryKey: keys.framework,
    queryFn: () => api<Framework>('GET', '/api/framework'),
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const useWorker = (id: string) =>
  useQuery({ queryKey: keys.worker(id), queryFn: () => api<Worker>('GET', `/api/workers/${encodeURIComponent(id)}`) });

export const useCapabilities = (id: string) =>
  useQuery({
    queryKey: keys.capabilities(id),
    queryFn: () => api<CapabilityProfile>('GET', `/api/workers/${encodeURIComponent(id)}/capabilities`),
  });

export const TIMELINE_PAGE_SIZE = 20;

export const useTimeline = (id: string, filter: TimelineFilter, after?: string, limit = TIMELINE_PAGE_SIZE) =>
  useQuery({
    queryKey: [...keys.timeline(id, filter, after), limit],
    queryFn: () =>
      api<TimelinePage>(
        'GET',
        `/api/workers/${encodeURIComponent(id)}/timeline${query({ kind: filter.kind, capabilityId: filter.capabilityId, from: filter.from, to: filter.to && endOfDay(filter.to), limit, after })}`,
      ),
    placeholderData: (previous) => previous,
  });

/** `to` is exclusive on the API; a date chosen in a form means "up to and including that day". */
function endOfDay(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString() : date;
}

export const useStageHistory = (id: string) =>
  useQuery({
    queryKey: keys.history(id),
    queryFn: () => api<StageHistory>('GET', `/api/workers/${encodeURIComponent(id)}/capabilities/history`),
  });

/** `enabled: false` when there is nothing to compare with (no role chosen and none held): not asked, not an error. */
export const useRoleGap = (id: string, roleId?: string, enabled = true) =>
  useQuery({
    queryKey: keys.roleGap(id, roleId),
    queryFn: () => api<RoleGap>('GET', `/api/workers/${encodeURIComponent(id)}/role-gap${query({ roleId })}`),
    retry: false,
    enabled,
  });

export const useExportSummary = (id: string, from: string, to: string) =>
  useQuery({
    queryKey: keys.exportSummary(id, from, to),
    queryFn: () =>
      api<EvidenceExport>(
        'GET',
        `/api/workers/${encodeURIComponent(id)}/evidence-export${query({ format: 'json', from, to })}`,
      ),
  });

/** An organisation's job roles: its learning lead, line managers and current workers and platform admins list them (others get 403). */
const organisationRoles = (organisationId: string) => ({
  queryKey: keys.organisationRoles(organisationId),
  queryFn: () => api<RolesPage>('GET', `/api/organisations/${encodeURIComponent(organisationId)}/roles?limit=500`),
  retry: false,
});

export const useOrganisationRoles = (organisationId: string) => useQuery(organisationRoles(organisationId));

/** The job roles of each organisation, one answer each (the API lists one organisation's at a time), in order. */
export const useRolesOfOrganisations = (organisationIds: readonly string[]) =>
  useQueries({ queries: organisationIds.map((id) => organisationRoles(id)) });

const org = (organisationId: string) => `/api/organisations/${encodeURIComponent(organisationId)}`;

/** Seed 003's layout of the self-audit; like the catalogue, it does not change while the app is open. */
export const useAuditStructure = () =>
  useQuery({
    queryKey: keys.auditStructure,
    queryFn: () => api<AuditStructure>('GET', '/api/framework/audit'),
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const useAudits = (organisationId: string) =>
  useQuery({
    queryKey: keys.audits(organisationId),
    queryFn: () => api<{ audits: AuditCycleSummary[] }>('GET', `${org(organisationId)}/audits`),
    retry: false,
  });

export const useAudit = (organisationId: string, auditId: string) =>
  useQuery({
    queryKey: keys.audit(organisationId, auditId),
    queryFn: () => api<AuditCycle>('GET', `${org(organisationId)}/audits/${encodeURIComponent(auditId)}`),
    retry: false,
  });

export const useAuditStatus = (organisationId: string) =>
  useQuery({
    queryKey: keys.auditStatus(organisationId),
    queryFn: () => api<AuditStatus>('GET', `${org(organisationId)}/audit-status`),
    retry: false,
  });

export const useAuditHistory = (organisationId: string) =>
  useQuery({
    queryKey: keys.auditHistory(organisationId),
    queryFn: () => api<AuditHistory>('GET', `${org(organisationId)}/audit-history`),
    retry: false,
  });

export const useAdoption = (organisationId: string) =>
  useQuery({
    queryKey: keys.adoption(organisationId),
    queryFn: () => api<Adoption>('GET', `${org(organisationId)}/adoption`),
    retry: false,
  });

export const STAFF_PAGE_SIZE = 25;

/** The organisation's workers by id, a page at a time (its learning lead). */
export const useStaff = (organisationId: string, after: string | undefined) =>
  useQuery({
    queryKey: keys.staff(organisationId, after),
    queryFn: () => api<StaffPage>('GET', `${org(organisationId)}/workers${query({ limit: STAFF_PAGE_SIZE, after })}`),
    placeholderData: (previous) => previous,
    retry: false,
  });

/** Workers per stage on each personal capability, and role fit, at the end of `asOf`. */
export const useCapabilitySummary = (organisationId: string, asOf: string) =>
  useQuery({
    queryKey: keys.capabilitySummary(organisationId, asOf),
    queryFn: () => api<CapabilitySummary>('GET', `${org(organisationId)}/capability-summary${query({ asOf })}`),
    placeholderData: (previous) => previous,
    retry: false,
  });

/** The signed-in worker's open staff surveys, each saying whether they answered it already. */
export const useMySurveys = (enabled: boolean) =>
  useQuery({
    queryKey: keys.mySurveys,
    queryFn: () => api<{ surveys: MySurvey[] }>('GET', '/api/me/surveys'),
    enabled,
    retry: false,
  });

/** The organisation's LRS clients, revoked ones too, oldest first, a page at a time (never a secret). */
export const useLrsClients = (organisationId: string, after: string | undefined) =>
  useQuery({
    queryKey: keys.lrsClients(organisationId, after),
    queryFn: () => api<LrsClientPage>('GET', `${org(organisationId)}/lrs-clients${query({ after })}`),
    placeholderData: (previous) => previous,
    retry: false,
  });

/**
 * The organisations the person may act for, by id, a page at a time: every one for a platform admin,
 * their own for a learning lead (anyone else is refused, so ask only for those two).
 */
/** The organisations the person acts for, by id; `search`: those whose name or id holds it. */
export const useOrganisations = (limit: number, after: string | undefined, enabled = true, search?: string) =>
  useQuery({
    queryKey: keys.organisations(limit, after, search),
    queryFn: () => api<OrganisationPage>('GET', `/api/organisations${query({ limit, after, q: search })}`),
    placeholderData: (previous) => previous,
    staleTime: 5 * 60_000,
    enabled,
    retry: false,
  });

export const WORKERS_FROM_STATEMENTS_PAGE_SIZE = 20;

/** The organisation's workers registered from its LRS clients' statements and not yet reviewed. */
export const useWorkersFromStatements = (organisationId: string, after: string | undefined) =>
  useQuery({
    queryKey: keys.workersFromStatements(organisationId, after),
    queryFn: () =>
      api<WorkersFromStatementsPage>(
        'GET',
        `${org(organisationId)}/workers-from-statements${query({ limit: WORKERS_FROM_STATEMENTS_PAGE_SIZE, after })}`,
      ),
    placeholderData: (previous) => previous,
    retry: false,
  });

/** The paths of an organisation's audit calls, for the forms that write. */
export const auditPaths = {
  audits: (organisationId: string) => `${org(organisationId)}/audits`,
  audit: (organisationId: string, auditId: string) => `${org(organisationId)}/audits/${encodeURIComponent(auditId)}`,
  adoption: (organisationId: string) => `${org(organisationId)}/adoption`,
  lrsClients: (organisationId: string) => `${org(organisationId)}/lrs-clients`,
  workersFromStatements: (organisationId: string) => `${org(organisationId)}/workers-from-statements`,
  staff: (organisationId: string) => `${org(organisationId)}/workers`,
};

/** One trend as `search` (from, to, by, filters, capabilityId) asks for it; the previous figures stay while the next load. */
export const useTrend = (trend: string, search: string, enabled = true) =>
  useQuery({
    enabled,
    queryKey: keys.trend(trend, search),
    queryFn: () => api<TrendAnswer>('GET', `/api/trends/${encodeURIComponent(trend)}${search}`),
    placeholderData: (previous) => previous,
    retry: false,
  });

/**
 * The values a segment takes in the figures (regions, service types, job role names), for the filters:
 * the rows of a trend segmented by it name every value, suppressed ones too.
 */
export const useSegmentValues = (dimension: string, enabled = true, organisationId?: string) => {
  const trend = dimension === 'role' ? 'role-fit' : 'adoption';
  const search = query({ by: dimension, organisationId });
  return useQuery({
    enabled,
    queryKey: keys.trend(trend, search),
    queryFn: () => api<TrendAnswer>('GET', `/api/trends/${trend}${search}`),
    select: (answer) =>
      [...new Set(answer.rows.map((r) => r.segment[dimension]).filter((v): v is string => Boolean(v)))].sort(),
    staleTime: 5 * 60_000,
    retry: false,
  });
};

import { useQuery } from '@tanstack/preact-query';
import { api, query } from './client';
import type { CapabilityProfile, Framework, RecordKind, RoleGap, RolesPage, StageHistory, TimelinePage, Worker, EvidenceExport } from './types';

/** Query keys: everything about one worker starts with ['worker', id], so one invalidation refreshes it all. */
export const keys = {
  framework: ['framework'] as const,
  worker: (id: string) => ['worker', id] as const,
  capabilities: (id: string) => ['worker', id, 'capabilities'] as const,
  timeline: (id: string, filter: TimelineFilter, after: string | undefined) => ['worker', id, 'timeline', filter, after ?? null] as const,
  history: (id: string) => ['worker', id, 'history'] as const,
  roleGap: (id: string, roleId: string | undefined) => ['worker', id, 'role-gap', roleId ?? null] as const,
  exportSummary: (id: string, from: string, to: string) => ['worker', id, 'export', from, to] as const,
  organisationRoles: (organisationId: string) => ['organisation', organisationId, 'roles'] as const,
};

export interface TimelineFilter {
  kind?: RecordKind;
  capabilityId?: string;
  from?: string;
  to?: string;
}

/** The CLF catalogue does not change while the app is open. */
export const useFramework = () => useQuery({ queryKey: keys.framework, queryFn: () => api<Framework>('GET', '/api/framework'), staleTime: Infinity, gcTime: Infinity });

export const useWorker = (id: string) => useQuery({ queryKey: keys.worker(id), queryFn: () => api<Worker>('GET', `/api/workers/${encodeURIComponent(id)}`) });

export const useCapabilities = (id: string) =>
  useQuery({ queryKey: keys.capabilities(id), queryFn: () => api<CapabilityProfile>('GET', `/api/workers/${encodeURIComponent(id)}/capabilities`) });

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
  useQuery({ queryKey: keys.history(id), queryFn: () => api<StageHistory>('GET', `/api/workers/${encodeURIComponent(id)}/capabilities/history`) });

export const useRoleGap = (id: string, roleId?: string) =>
  useQuery({
    queryKey: keys.roleGap(id, roleId),
    queryFn: () => api<RoleGap>('GET', `/api/workers/${encodeURIComponent(id)}/role-gap${query({ roleId })}`),
    retry: false,
  });

export const useExportSummary = (id: string, from: string, to: string) =>
  useQuery({
    queryKey: keys.exportSummary(id, from, to),
    queryFn: () => api<EvidenceExport>('GET', `/api/workers/${encodeURIComponent(id)}/evidence-export${query({ format: 'json', from, to })}`),
  });

/** An organisation's job roles; only its learning lead and platform admins may list them (others get 403). */
export const useOrganisationRoles = (organisationId: string | undefined) =>
  useQuery({
    queryKey: keys.organisationRoles(organisationId ?? ''),
    queryFn: () => api<RolesPage>('GET', `/api/organisations/${encodeURIComponent(organisationId!)}/roles?limit=500`),
    enabled: Boolean(organisationId),
    retry: false,
  });

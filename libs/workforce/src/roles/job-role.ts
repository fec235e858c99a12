import { JOB_ROLE_EVENTS as EV, type JobRoleDetails, type JobRoleEvent } from './job-role.events.js';

export type JobRoleState =
  { status: 'unknown' } | ({ status: 'defined'; roleId: string; organisationId: string } & JobRoleDetails);

export const initialJobRole = (): JobRoleState => ({ status: 'unknown' });

export function evolveJobRole(state: JobRoleState, event: JobRoleEvent): JobRoleState {
  switch (event.type) {
    case EV.jobRoleDefined:
      return { status: 'defined', ...event.data };
    case EV.jobRoleRequirementsChanged:
      return state.status === 'defined' ? { ...state, ...event.data } : state;
  }
}

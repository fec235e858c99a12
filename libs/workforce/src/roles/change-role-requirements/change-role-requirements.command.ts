import { Command } from '@nestjs/cqrs';
import type { ChangeRoleRequirementsInput } from './change-role-requirements.decider.js';

/** A learning lead changes a role's requirements; `changed` is false when nothing differs. */
export class ChangeRoleRequirements extends Command<{ id: string; changed: boolean }> {
  constructor(
    readonly requirements: ChangeRoleRequirementsInput,
    /** The role's organisation, which the asker was allowed to manage: the events' tenant. */
    readonly organisationId: string,
    readonly actor: string,
  ) {
    super();
  }
}

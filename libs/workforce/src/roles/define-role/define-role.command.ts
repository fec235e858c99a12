import { Command } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { JobRoleDetails } from '../job-role.events.js';
import { body, optionalSlug, text } from '../../domain/input.js';
import { parseJobRoleDetails } from '../job-role-details.js';
import type { RoleDefined } from './define-role.response.js';

export interface DefineRoleInput extends JobRoleDetails {
  roleId: string;
  organisationId: string;
}

export function parseDefineRole(input: unknown): DefineRoleInput {
  const b = body(input);
  return {
    roleId: optionalSlug(b, 'id') ?? randomUUID(),
    organisationId: text(b, 'organisationId', 63),
    ...parseJobRoleDetails(b),
  };
}

/** A learning lead defines a job role of their organisation: required stages, qualifications, training. */
export class DefineRole extends Command<RoleDefined> {
  constructor(
    readonly role: DefineRoleInput,
    readonly actor: string,
  ) {
    super();
  }
}

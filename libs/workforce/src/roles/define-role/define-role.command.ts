import { Command } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { JobRoleDetails } from '../job-role.events.js';
import { parseBody } from '#libs/platform';
import { defineRoleRequest } from './define-role.request.js';
import type { RoleDefined } from './define-role.response.js';

export interface DefineRoleInput extends JobRoleDetails {
  roleId: string;
  organisationId: string;
}

export function parseDefineRole(input: unknown): DefineRoleInput {
  const { id, ...role } = parseBody(defineRoleRequest, input);
  return { roleId: id ?? randomUUID(), ...role };
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

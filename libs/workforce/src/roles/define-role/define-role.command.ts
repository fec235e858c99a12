import { Command } from '@nestjs/cqrs';
import type { DefineRoleInput } from './define-role.decider.js';

/** A learning lead defines a job role of their organisation: required stages, qualifications, training. */
export class DefineRole extends Command<{ id: string }> {
  constructor(
    readonly role: DefineRoleInput,
    readonly actor: string,
  ) {
    super();
  }
}

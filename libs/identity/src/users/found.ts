import { NotFoundException } from '@nestjs/common';
import type { UserView } from './users.service.js';

/** 404 for a user id that names nobody (or is no id at all). */
export function found(user: UserView | undefined, id: string): UserView {
  if (!user) throw new NotFoundException(`No user with id "${id}"`);
  return user;
}

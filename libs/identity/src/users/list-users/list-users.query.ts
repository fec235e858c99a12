import { Query } from '@nestjs/cqrs';
import type { UserView } from '../users.service.js';

/** Every user with their roles, oldest first (never a password hash). */
export class ListUsers extends Query<UserView[]> {}

import { Query } from '@nestjs/cqrs';

/**
 * Whether a user is one of an organisation's people: registered by it, or holding a role in it. What a
 * learning lead may change the roles of.
 */
export class UserBelongsTo extends Query<boolean> {
  constructor(
    readonly userId: string,
    readonly organisationId: string,
  ) {
    super();
  }
}

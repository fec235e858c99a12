import type pg from 'pg';
import { NotFoundError } from '../domain/errors.js';
import { organisationRegistered } from './organisations.js';

/** The queries of one organisation answer 404 for an organisation the read model does not hold. */
export async function requireRegistered(pool: pg.Pool, organisationId: string): Promise<void> {
  if (!(await organisationRegistered(pool, organisationId)))
    throw new NotFoundError('id', `no organisation "${organisationId}" is registered`);
}

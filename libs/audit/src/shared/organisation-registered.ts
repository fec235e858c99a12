import type { EventStore } from '#libs/event-store';
import { NotFoundError, organisationStream } from '#libs/workforce';

/** Reads of an organisation's audits name an unknown organisation as such (a platform admin may ask for any id). */
export async function assertOrganisationRegistered(store: EventStore, organisationId: string): Promise<void> {
  const first = await store.readStream(organisationStream(organisationId), { maxCount: 1 });
  if (first.length === 0) throw new NotFoundError('id', `no organisation "${organisationId}" is registered`);
}

import type { AppendRequest, AppendResult, EventStore } from '#libs/event-store';

/**
 * Appends to several streams: atomically where the store can (PostgreSQL `appendMany`), otherwise
 * (EventStoreDB) one stream after another in the order given. Callers order the requests so that a
 * failure part-way leaves a state a retry completes: identifier claims first, the worker's own stream
 * last, every append with an expected revision, so a repeated append fails rather than doubling.
 */
export async function appendInOrder(store: EventStore, requests: readonly AppendRequest[]): Promise<AppendResult[]> {
  if (requests.length === 0) return [];
  if (requests.length === 1) return [await store.append(requests[0]!)];
  if (store.kind === 'postgres') return store.appendMany(requests);
  const results: AppendResult[] = [];
  for (const request of requests) results.push(await store.append(request));
  return results;
}

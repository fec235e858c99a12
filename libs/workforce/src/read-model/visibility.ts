import { schema } from './indicator-judgements.js';

/**
 * Which records of a worker's record a viewer sees: `all` (the worker, a platform admin), or those of
 * the listed organisations: recorded in them (their people, their LRS clients) or shared with them by
 * the worker (the whole record, or one piece of evidence). Stages are computed from these records only.
 */
export type Visibility = 'all' | readonly string[];

/** The query parameter a `visibleRecord` condition reads: null for `all`. */
export const visibilityParameter = (visibility: Visibility): string[] | null =>
  visibility === 'all' ? null : [...visibility];

/** SQL condition: the record `alias` is visible to the organisations in the text[] parameter `param` (null: all). */
export function visibleRecord(alias: string, param: string): string {
  return `(${param}::text[] is null or ${alias}.organisation_id = any(${param}) or exists (
    select from ${schema()}.shares s
     where s.worker_id = ${alias}.worker_id and s.with_organisation_id = any(${param})
       and ((s.record_organisation_id = '' and s.statement_id = '') or (s.record_organisation_id = ${alias}.organisation_id and s.statement_id = ${alias}.statement_id))))`;
}

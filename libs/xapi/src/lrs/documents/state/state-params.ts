import { badRequest } from '../../http/xapi-errors.js';
import type { XapiVersion } from '../../http/xapi-version.js';
import type { DocumentContext, DocumentKey } from '../shared/document-key.js';
import {
  activityIdParam,
  agentParam,
  checkParameterNames,
  documentIdParam,
  registrationParam,
  sinceParam,
  type Query,
} from '../shared/document-params.js';

const SECTION = 'Communication 2.3';
const WHERE = 'the State Resource';
const CONTEXT_PARAMS = ['activityId', 'agent', 'registration'] as const;

/** The context every State request names: Activity + Agent [+ registration]. */
function stateContext(query: Query, version: XapiVersion): DocumentContext {
  return {
    resource: 'state',
    activityId: activityIdParam(query, SECTION),
    agentIfi: agentParam(query, version, SECTION).ifi,
    registration: registrationParam(query, SECTION),
  };
}

function singleKey(context: DocumentContext, query: Query): DocumentKey {
  return {
    ...context,
    registration: context.registration ?? '',
    documentId: documentIdParam(query, 'stateId', SECTION),
  };
}

/** PUT / POST: one document, `stateId` required (2.3.s3). */
export function stateWriteParams(query: Query, version: XapiVersion): DocumentKey {
  checkParameterNames(query, [...CONTEXT_PARAMS, 'stateId'], WHERE);
  return singleKey(stateContext(query, version), query);
}

/** GET: one document with `stateId`, else the ids (with `since`), never both (2.3.s3-s4). */
export function stateGetParams(
  query: Query,
  version: XapiVersion,
): { key: DocumentKey } | { context: DocumentContext; since?: Date } {
  checkParameterNames(query, [...CONTEXT_PARAMS, 'stateId', 'since'], WHERE);
  const context = stateContext(query, version);
  if (query.stateId !== undefined) {
    if (query.since !== undefined) {
      throw badRequest(
        'since parameter: not allowed with stateId; since filters the multiple-document GET (Communication 2.3.s4)',
      );
    }
    return { key: singleKey(context, query) };
  }
  return { context, since: sinceParam(query, version, SECTION) };
}

/** DELETE: one document with `stateId`, else every document of the context (2.3.s5). */
export function stateDeleteParams(
  query: Query,
  version: XapiVersion,
): { key: DocumentKey } | { context: DocumentContext } {
  checkParameterNames(query, [...CONTEXT_PARAMS, 'stateId'], WHERE);
  const context = stateContext(query, version);
  return query.stateId !== undefined ? { key: singleKey(context, query) } : { context };
}

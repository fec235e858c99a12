import { badRequest } from '../../http/xapi-errors.js';
import type { XapiVersion } from '../../http/xapi-version.js';
import type { DocumentContext, DocumentKey } from '../shared/document-key.js';
import { agentParam, checkParameterNames, documentIdParam, sinceParam, type Query } from '../shared/document-params.js';

const SECTION = 'Communication 2.6';
const WHERE = 'the Agent Profile Resource';

function context(query: Query, version: XapiVersion): DocumentContext {
  return { resource: 'agent-profile', activityId: '', agentIfi: agentParam(query, version, SECTION).ifi };
}

function key(query: Query, version: XapiVersion): DocumentKey {
  return { ...context(query, version), registration: '', documentId: documentIdParam(query, 'profileId', SECTION) };
}

/** PUT / POST / DELETE: one document, `profileId` required (2.6.s3). */
export function agentProfileWriteParams(query: Query, version: XapiVersion): DocumentKey {
  checkParameterNames(query, ['agent', 'profileId'], WHERE);
  return key(query, version);
}

/** GET: one document with `profileId`, else the ids (with `since`), never both (2.6.s3-s4). */
export function agentProfileGetParams(
  query: Query,
  version: XapiVersion,
): { key: DocumentKey } | { context: DocumentContext; since?: Date } {
  checkParameterNames(query, ['agent', 'profileId', 'since'], WHERE);
  if (query.profileId !== undefined) {
    if (query.since !== undefined)
      throw badRequest(
        `since parameter: not allowed with profileId; since filters the multiple-document GET (${SECTION}.s4)`,
      );
    return { key: key(query, version) };
  }
  return { context: context(query, version), since: sinceParam(query, version, SECTION) };
}

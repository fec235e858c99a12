import { badRequest } from '../../http/xapi-errors.js';
import type { XapiVersion } from '../../http/xapi-version.js';
import type { DocumentContext, DocumentKey } from '../shared/document-key.js';
import {
  activityIdParam,
  checkParameterNames,
  documentIdParam,
  sinceParam,
  type Query,
} from '../shared/document-params.js';

const SECTION = 'Communication 2.7';
const WHERE = 'the Activity Profile Resource';

function context(query: Query): DocumentContext {
  return { resource: 'activity-profile', activityId: activityIdParam(query, SECTION), agentIfi: '' };
}

function key(query: Query): DocumentKey {
  return { ...context(query), registration: '', documentId: documentIdParam(query, 'profileId', SECTION) };
}

/** PUT / POST / DELETE: one document, `profileId` required (2.7.s3). */
export function activityProfileWriteParams(query: Query): DocumentKey {
  checkParameterNames(query, ['activityId', 'profileId'], WHERE);
  return key(query);
}

/** GET: one document with `profileId`, else the ids (with `since`), never both (2.7.s3-s4). */
export function activityProfileGetParams(
  query: Query,
  version: XapiVersion,
): { key: DocumentKey } | { context: DocumentContext; since?: Date } {
  checkParameterNames(query, ['activityId', 'profileId', 'since'], WHERE);
  if (query.profileId !== undefined) {
    if (query.since !== undefined)
      throw badRequest(
        `since parameter: not allowed with profileId; since filters the multiple-document GET (${SECTION}.s4)`,
      );
    return { key: key(query) };
  }
  return { context: context(query), since: sinceParam(query, version, SECTION) };
}

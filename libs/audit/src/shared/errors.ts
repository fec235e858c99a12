/**
 * The workforce's domain errors (and so its error filter's mapping to 400/404/409), imported by file
 * for what the audit statement reactor reaches: libs/platform lists that reactor, and '#libs/workforce'
 * brings the workforce's Nest module, which imports libs/platform (an import cycle).
 */
export { ConflictError, InvalidInputError, invalid, NotFoundError, WorkforceError } from '../../../workforce/src/domain/errors.js';

import { optionalText, requestBody, requiredBoolean } from '#libs/platform';
import { AUDIT_TEXT_MAX } from '../../shared/input.js';

/** What one self-assessment takes beside its indicator: achieved yes/no and the evidence for it. */
export const selfAssessmentFields = { achieved: requiredBoolean(), evidence: optionalText(AUDIT_TEXT_MAX) };

/** The body of `PUT …/audits/:auditId/indicators/:indicatorId`. */
export const selfAssessIndicatorRequest = requestBody(selfAssessmentFields);

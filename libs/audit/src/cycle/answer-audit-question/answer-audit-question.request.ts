import { requestBody, requiredText } from '#libs/platform';
import { AUDIT_TEXT_MAX } from '../../shared/input.js';

/** The body of `PUT …/audits/:auditId/answers/:questionId`: reflections and evidence, as text and links. */
export const answerAuditQuestionRequest = requestBody({ response: requiredText(AUDIT_TEXT_MAX) });

import { allAuditQuestions, findIndicator, organisationalCapabilities, type Indicator } from '#libs/framework';
import { invalid } from '#libs/workforce';

/**
 * The parts of the CLF catalogue an audit refers to by id, each looked up with a refusal that names
 * the field and the rule when the id is not one the audit has.
 */
export function auditQuestion(questionId: string, field = 'questionId') {
  return (
    allAuditQuestions.find((q) => q.id === questionId) ??
    invalid(field, `"${questionId}" is not an audit question of the CLF (see GET /api/framework/audit)`)
  );
}

function organisationalIndicator(indicatorId: string, field: string): Indicator {
  const indicator = findIndicator(indicatorId);
  if (!indicator) return invalid(field, `"${indicatorId}" is not an indicator of the CLF (see GET /api/framework)`);
  if (indicator.role === 'personal')
    return invalid(
      field,
      `"${indicatorId}" is a personal capability's indicator; an audit takes organisational capabilities' indicators`,
    );
  return indicator;
}

/** Self-assessed by the organisation: an organisational capability's "If the organisation..." indicator. */
export function organisationIndicator(indicatorId: string, field = 'indicatorId'): Indicator {
  const indicator = organisationalIndicator(indicatorId, field);
  if (indicator.role !== 'organisation')
    return invalid(
      field,
      `"${indicatorId}" is a worker indicator; it is evidenced by the staff survey, not self-assessed`,
    );
  return indicator;
}

/** Evidenced by the staff survey: an organisational capability's "Then the social service worker should..." indicator. */
export function workerIndicator(indicatorId: string, field = 'indicatorId'): Indicator {
  const indicator = organisationalIndicator(indicatorId, field);
  if (indicator.role !== 'worker')
    return invalid(
      field,
      `"${indicatorId}" is an organisation indicator; the staff survey asks about worker indicators`,
    );
  return indicator;
}

/** An action of the plan is linked to any indicator of an organisational capability. */
export const actionIndicator = (indicatorId: string, field = 'indicatorId') =>
  organisationalIndicator(indicatorId, field);

export { organisationalCapabilities };

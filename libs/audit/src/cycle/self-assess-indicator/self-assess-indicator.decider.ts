import { organisationIndicator } from '../../shared/audit-catalogue.js';
import { auditText } from '../../shared/input.js';
import { AUDIT_CYCLE_EVENTS as EV, type OrganisationIndicatorSelfAssessed } from '../audit-cycle.events.js';
import { openCycleOf, type AuditCycleState } from '../audit-cycle.js';
import type { SelfAssessIndicator } from './self-assess-indicator.command.js';

/** Only organisation indicators are self-assessed; worker indicators are evidenced by the staff survey. */
export function decideSelfAssessIndicator(
  command: SelfAssessIndicator,
  state: AuditCycleState,
): OrganisationIndicatorSelfAssessed[] {
  const indicator = organisationIndicator(command.indicatorId);
  const { auditId, organisationId } = openCycleOf(state, command.organisationId, command.auditId);
  const { achieved } = command;
  const evidence = auditText(command.evidence, 'evidence', false);
  const data = {
    auditId,
    organisationId,
    capabilityId: indicator.capabilityId,
    indicatorId: indicator.id,
    achieved,
    evidence,
  };
  return [{ type: EV.indicatorSelfAssessed, version: 1, data }];
}

import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { withinRow } from '#libs/workforce';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { selfAssessmentStatement } from '../../statements/audit-statement.js';
import { AuditStatements } from '../../statements/audit-statements.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold, openCycleOf } from '../audit-cycle.js';
import { SelfAssessIndicators } from './self-assess-indicators.command.js';
import { decideSelfAssessIndicator } from './self-assess-indicator.decider.js';

/**
 * Every row is decided on the cycle as it is before anything is stored (one refused row: nothing
 * written), then the self-assessments go as one batch of audit statements, each taking the reactor's
 * path to the cycle's events as a single one does.
 */
@CommandHandler(SelfAssessIndicators)
export class SelfAssessIndicatorsHandler implements ICommandHandler<SelfAssessIndicators, void> {
  constructor(
    private readonly streams: AuditStreams,
    private readonly statements: AuditStatements,
  ) {}

  async execute({ organisationId, auditId, assessments }: SelfAssessIndicators): Promise<void> {
    const { state } = await this.streams.load(auditCycleStream(auditId), auditCycleFold.initial, auditCycleFold.evolve);
    // The cycle's own refusals (unknown here, completed) name the cycle, not a row.
    openCycleOf(state, organisationId, auditId);
    assessments.forEach((command, i) => withinRow(`indicators[${i}]`, () => decideSelfAssessIndicator(command, state)));
    const timestamp = new Date().toISOString();
    await this.statements.recordAll(
      organisationId,
      auditId,
      assessments.map((command) => ({ command, statement: selfAssessmentStatement(command, randomUUID(), timestamp) })),
    );
  }
}

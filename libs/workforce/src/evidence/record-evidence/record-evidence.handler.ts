import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WorkerSummary } from '../../read-model/workers.js';
import { EvidenceStatements } from '../evidence-statements.service.js';
import { withRecorder } from '../recorded-by.js';
import { buildEvidenceStatement } from './build-statement.js';
import { RecordEvidence } from './record-evidence.command.js';

@CommandHandler(RecordEvidence)
export class RecordEvidenceHandler implements ICommandHandler<RecordEvidence> {
  constructor(private readonly statements: EvidenceStatements) {}

  async execute({ worker, evidence, actingFor, recorder }: RecordEvidence) {
    const actor = worker.identifiers[0]!;
    const statement = withRecorder(buildEvidenceStatement(evidence, actor, randomUUID()), recorder);
    const organisationId = actingFor === 'any' || actingFor.length === 0 ? currentOrganisation(worker) : actingFor[0]!;
    const statementId = await this.statements.store(organisationId, statement);
    await this.statements.waitFor(organisationId, statementId, statementId);
    return { statementId, statement };
  }
}

/** Statements are kept per organisation; a worker's evidence goes to their current employer (or `default`). */
function currentOrganisation(worker: WorkerSummary): string {
  return (
    worker.organisations.find((m) => m.to === null)?.organisationId ??
    worker.organisations[0]?.organisationId ??
    'default'
  );
}

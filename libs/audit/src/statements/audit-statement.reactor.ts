import { WrongExpectedRevisionError, type EventMetadata, type EventStore, type RecordedEvent } from '#libs/event-store';
import { recogniseStatement } from '#libs/framework';
import type { Projection } from '#libs/projections';
import { WorkforceError } from '#libs/workforce';
import { STATEMENT_STORED, statementStreamId, storedStatement, type StatementStoredData } from '#libs/xapi';
import { AnswerAuditQuestion } from '../cycle/answer-audit-question/answer-audit-question.command.js';
import { decideAnswerAuditQuestion } from '../cycle/answer-audit-question/answer-audit-question.decider.js';
import { auditCycleStream, type AuditCycleEvent } from '../cycle/audit-cycle.events.js';
import { foldAuditCycle, type AuditCycleState } from '../cycle/audit-cycle.js';
import { decideWithdrawal } from '../cycle/withdraw-audit-statement/withdraw-audit-statement.decider.js';
import { SelfAssessIndicator } from '../cycle/self-assess-indicator/self-assess-indicator.command.js';
import { decideSelfAssessIndicator } from '../cycle/self-assess-indicator/self-assess-indicator.decider.js';
import { PLATFORM_USER_HOME_PAGE } from './audit-statement.js';

export const AUDIT_STATEMENT_REACTOR = 'audit-statement-reactor';

/** The LRS client key the platform's own statements (those /api stores) are stored under. */
const PLATFORM_CLIENT_KEY = 'continuum-api';
const ATTEMPTS = 5;

/** A self-audit statement as the command it stands for. */
export type AuditStatementCommand = AnswerAuditQuestion | SelfAssessIndicator;

/**
 * The one path from self-audit statements to audit events. Every `xapi.StatementStored` of the CLF
 * profile's audit templates (a tool's through /xapi, or the one /api stored for a learning lead) is
 * decided by the same decider as the API command, on the cycle its registration names; a statement
 * the decider refuses (an unknown or completed cycle, another organisation's cycle) stays a stored
 * statement and records nothing. Idempotent: an event caused by a statement is appended once.
 * A reactor: never rebuilt (replaying would react again).
 */
export const auditStatementReactor: Projection = {
  name: AUDIT_STATEMENT_REACTOR,
  description:
    'Reactor: CLF self-audit statements → audit.AuditQuestionAnswered / OrganisationIndicatorSelfAssessed, and their withdrawal when voided',
  reactor: true,
  // Awaited: an /api answer waits for it (read-your-writes), as for the statements read model.
  awaited: true,
  filter: { eventTypes: [STATEMENT_STORED] },
  async createTables() {
    // Nothing but its checkpoint: what it did is in the log.
  },
  async apply(events, { store }) {
    for (const event of events) {
      const command = auditCommandOf(event);
      if (command) await reactTo(store, event, command);
      const voided = voidedStatementIdOf(event);
      if (voided) await reactToVoiding(store, event, voided);
    }
  },
};

/**
 * Pure: the audit command a stored statement stands for, or none. The organisation is the one the
 * sending LRS client belongs to; a statement naming another organisation is not that client's to make.
 */
export function auditCommandOf(event: RecordedEvent): AuditStatementCommand | undefined {
  const statement = storedStatement(event.data as StatementStoredData, event.recordedAt) as unknown as Record<
    string,
    unknown
  >;
  const fact = recogniseStatement(statement);
  const organisationId = event.metadata.tenantId;
  if (fact.kind !== 'audit-answer' && fact.kind !== 'audit-indicator-assessed') return undefined;
  if (fact.organisationId !== organisationId) return undefined;
  const actor = actorOfAuditStatement(event, statement);
  // A UUID is the same in capitals (xAPI takes either); cycle ids are minted in lower case.
  const auditId = fact.auditId.toLowerCase();
  if (fact.kind === 'audit-answer')
    return new AnswerAuditQuestion(organisationId, auditId, fact.questionId, fact.response, actor);
  return new SelfAssessIndicator(organisationId, auditId, fact.indicatorId, fact.achieved, fact.evidence ?? '', actor);
}

/**
 * Who the events name as actor: the signed-in user for a statement /api stored on their behalf, else
 * the LRS client that sent it (a tool's statement names its own actor; it is not an account here).
 */
function actorOfAuditStatement(event: RecordedEvent, statement: Record<string, unknown>): string {
  const account = (statement.actor as { account?: { homePage?: unknown; name?: unknown } } | undefined)?.account;
  if (
    event.metadata.actor === PLATFORM_CLIENT_KEY &&
    account?.homePage === PLATFORM_USER_HOME_PAGE &&
    typeof account.name === 'string'
  ) {
    return account.name;
  }
  return event.metadata.actor ?? 'unknown';
}

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

/** Pure: the id of the statement a stored voiding statement voids, or none. */
export function voidedStatementIdOf(event: RecordedEvent): string | undefined {
  const { statement } = event.data as StatementStoredData;
  const { verb, object } = statement as unknown as { verb?: { id?: unknown }; object?: Record<string, unknown> };
  if (verb?.id !== VOIDED || object?.objectType !== 'StatementRef' || typeof object.id !== 'string') return undefined;
  return object.id;
}

/**
 * A voided self-audit statement stops counting: the answer it gave the cycle is withdrawn. The voided
 * statement is looked up in the voiding client's own organisation (an LRS client can only void its
 * organisation's statements); one that gave no cycle an event (refused, or not an audit statement)
 * changes nothing.
 */
async function reactToVoiding(store: EventStore, voiding: RecordedEvent, voidedId: string): Promise<void> {
  const organisationId = voiding.metadata.tenantId;
  if (organisationId === undefined) return;
  const [target] = await store.readStream(statementStreamId(organisationId, voidedId), { maxCount: 1 });
  const command = target && auditCommandOf(target);
  if (!command) return;
  const streamId = auditCycleStream(command.auditId);
  for (let attempt = 1; ; attempt++) {
    const existing = await store.readStream(streamId);
    const answered = causedBy(existing, target);
    if (!answered || causedBy(existing, voiding)) return;
    let decided: AuditCycleEvent[];
    try {
      decided = decideWithdrawal(existing, command.organisationId, command.auditId, answered.metadata.eventId);
    } catch (error) {
      // A completed cycle keeps what it had; the voiding stays in the LRS.
      if (error instanceof WorkforceError) return;
      throw error;
    }
    if (decided.length === 0) return;
    const metadata: Partial<EventMetadata> = {
      causationId: voiding.metadata.eventId,
      correlationId: voiding.metadata.correlationId ?? voiding.metadata.eventId,
      tenantId: organisationId,
      actor: voiding.metadata.actor ?? 'unknown',
      occurredAt: voiding.recordedAt,
    };
    try {
      await store.append({
        streamId,
        expectedRevision: existing.at(-1)!.revision,
        events: decided.map((e) => ({ type: e.type, version: e.version, data: e.data, metadata })),
      });
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Pure: the decider of the command, on the cycle as folded. */
export function decideAuditStatement(command: AuditStatementCommand, state: AuditCycleState): AuditCycleEvent[] {
  return command instanceof AnswerAuditQuestion
    ? decideAnswerAuditQuestion(command, state)
    : decideSelfAssessIndicator(command, state);
}

/** The event of the cycle's stream a statement caused, if any (how the API learns its statement was taken). */
export const causedBy = (events: readonly RecordedEvent[], statementEvent: Pick<RecordedEvent, 'metadata'>) =>
  events.find((e) => e.metadata.causationId === statementEvent.metadata.eventId);

async function reactTo(store: EventStore, event: RecordedEvent, command: AuditStatementCommand): Promise<void> {
  const streamId = auditCycleStream(command.auditId);
  const statement = storedStatement(event.data as StatementStoredData, event.recordedAt);
  const metadata: Partial<EventMetadata> = {
    causationId: event.metadata.eventId,
    correlationId: event.metadata.correlationId ?? event.metadata.eventId,
    tenantId: command.organisationId,
    actor: command.actor,
    occurredAt: Number.isNaN(Date.parse(String(statement.timestamp))) ? event.recordedAt : String(statement.timestamp),
  };
  for (let attempt = 1; ; attempt++) {
    const existing = await store.readStream(streamId);
    if (causedBy(existing, event)) return;
    const state = foldAuditCycle(existing);
    let decided: AuditCycleEvent[];
    try {
      decided = decideAuditStatement(command, state);
    } catch (error) {
      // Refused as the API would refuse it: the statement stays in the LRS, the audit is unchanged.
      if (error instanceof WorkforceError) return;
      throw error;
    }
    try {
      const expectedRevision = existing.at(-1)?.revision ?? 'no_stream';
      await store.append({
        streamId,
        expectedRevision,
        events: decided.map((e) => ({ type: e.type, version: e.version, data: e.data, metadata })),
      });
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

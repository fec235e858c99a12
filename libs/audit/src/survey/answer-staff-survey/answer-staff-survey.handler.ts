import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WrongExpectedRevisionError } from '#libs/event-store';
import { WORKER_DIRECTORY, type WorkerDirectory } from '#libs/identity';
import { auditCycleStream } from '../../cycle/audit-cycle.events.js';
import { auditCycleFold } from '../../cycle/audit-cycle.js';
import { appendRequest, AuditStreams } from '../../shared/audit-streams.service.js';
import { ConflictError } from '#libs/workforce';
import { surveyAnswersStream, surveyRespondentStream } from '../staff-survey.events.js';
import { AnswerStaffSurvey } from './answer-staff-survey.command.js';
import { decideAnswerStaffSurvey } from './answer-staff-survey.decider.js';

/**
 * Appends "this worker has answered" (its own stream, `no_stream`: a second answer is refused there)
 * and the answers (the survey's stream) together. Neither event carries the worker on the answers'
 * side: the answers' metadata has no actor and the cycle's start date as occurred-at, not the time of
 * answering.
 */
@CommandHandler(AnswerStaffSurvey)
export class AnswerStaffSurveyHandler implements ICommandHandler<AnswerStaffSurvey, void> {
  constructor(
    private readonly streams: AuditStreams,
    @Inject(WORKER_DIRECTORY) private readonly directory: WorkerDirectory,
  ) {}

  async execute(command: AnswerStaffSurvey): Promise<void> {
    const [{ state }, organisations] = await Promise.all([
      this.streams.load(auditCycleStream(command.auditId), auditCycleFold.initial, auditCycleFold.evolve),
      this.directory.organisationIdsOf(command.workerId),
    ]);
    const { respondent, answered } = decideAnswerStaffSurvey(command, state, organisations);
    const startedOn = state.status === 'none' ? undefined : state.startedOn;
    const anonymous = {
      tenantId: command.organisationId,
      actor: 'anonymous',
      occurredAt: `${startedOn}T00:00:00.000Z`,
    };
    try {
      await this.streams.appendAndWait([
        appendRequest(surveyRespondentStream(command.auditId, command.workerId), 'no_stream', [respondent], anonymous),
        appendRequest(surveyAnswersStream(command.auditId), 'any', [answered], anonymous),
      ]);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError)
        throw new ConflictError('survey', 'you have already answered this audit cycle’s staff survey');
      throw error;
    }
  }
}

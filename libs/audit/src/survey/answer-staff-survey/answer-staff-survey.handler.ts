import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
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
 * and the answers (the survey's stream, at the revision read: the cycle's completion appends there
 * too, so an answer decided on the open cycle cannot land after it) together. Neither event carries the worker on the answers'
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
    const respondentStream = surveyRespondentStream(command.auditId, command.workerId);
    await this.streams.decideAcross(
      async () => {
        const [{ state }, survey, organisations] = await Promise.all([
          this.streams.load(auditCycleStream(command.auditId), auditCycleFold.initial, auditCycleFold.evolve),
          this.streams.load(surveyAnswersStream(command.auditId), null, () => null),
          this.directory.organisationIdsOf(command.workerId),
        ]);
        const { respondent, answered } = decideAnswerStaffSurvey(command, state, organisations);
        const startedOn = state.status === 'none' ? undefined : state.startedOn;
        const anonymous = {
          tenantId: command.organisationId,
          actor: 'anonymous',
          occurredAt: `${startedOn}T00:00:00.000Z`,
        };
        // The answers first: where the store appends one stream after the other (EventStoreDB), a
        // conflict there (another answer, or the completion) leaves nothing written.
        return [
          appendRequest(surveyAnswersStream(command.auditId), survey.revision ?? 'no_stream', [answered], anonymous),
          appendRequest(respondentStream, 'no_stream', [respondent], anonymous),
        ];
      },
      (conflict) => {
        if (conflict.streamId === respondentStream)
          throw new ConflictError('survey', 'you have already answered this audit cycle’s staff survey');
      },
    );
  }
}

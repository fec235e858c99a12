import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { z } from 'zod';
import type { EventStore } from '#libs/event-store';
import { WORKER_DIRECTORY, type WorkerDirectory } from '#libs/identity';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { openCyclesOf } from '../../read-model/audit-read-model.js';
import { surveyRespondentStream } from '../../survey/staff-survey.events.js';
import { ListMySurveys } from './list-my-surveys.query.js';
import type { listMySurveysResponse } from './list-my-surveys.response.js';

type MySurveys = z.output<typeof listMySurveysResponse>;

/**
 * Whether the worker answered is read from the one place that already knows it, the respondent
 * stream that refuses a second answer (it holds no answer): nothing new links a worker to a survey,
 * and nothing here says when they answered or what.
 */
@QueryHandler(ListMySurveys)
export class ListMySurveysHandler implements IQueryHandler<ListMySurveys, MySurveys> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKER_DIRECTORY) private readonly directory: WorkerDirectory,
  ) {}

  async execute({ workerId }: ListMySurveys): Promise<MySurveys> {
    // Current memberships only: the survey refuses a leaver's answer, so a leaver is offered none.
    const organisationIds = await this.directory.organisationIdsOf(workerId);
    const [cycles, names] = await Promise.all([
      openCyclesOf(this.pool, organisationIds),
      this.directory.organisationNames(organisationIds),
    ]);
    const surveys = await Promise.all(
      cycles.map(async ({ organisationId, id, startedOn }) => ({
        organisationId,
        // A cycle is opened only for a registered organisation, so its name is known; the id stands in regardless.
        organisationName: names.get(organisationId) ?? organisationId,
        auditId: id,
        startedOn,
        answered: await this.hasAnswered(id, workerId),
      })),
    );
    return { surveys };
  }

  private async hasAnswered(auditId: string, workerId: string): Promise<boolean> {
    return (await this.store.readStream(surveyRespondentStream(auditId, workerId), { maxCount: 1 })).length > 0;
  }
}

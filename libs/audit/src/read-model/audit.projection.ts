import type pg from 'pg';
import type { RecordedEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
import { ADOPTION_EVENTS, type ClfAdoptionRecorded } from '../adoption/adoption.events.js';
import { AUDIT_CYCLE_EVENTS as CYCLE, type AuditCycleEvent } from '../cycle/audit-cycle.events.js';
import { STAFF_SURVEY_EVENTS as SURVEY, type StaffSurveyAnswered } from '../survey/staff-survey.events.js';

export const AUDIT_PROJECTION = 'audit';

type ProjectedEvent = AuditCycleEvent | StaffSurveyAnswered | ClfAdoptionRecorded;

/**
 * Audit cycles with their answers, self-assessments, survey tallies and actions, and CLF adoption, per
 * organisation. Stages are not stored: queries decide them from these facts with the catalogue's rule,
 * so a new catalogue version needs no rebuild. The survey is kept as counts per indicator only: no
 * row holds one respondent's answers. Disposable: rebuilt from the log like any read model.
 */
export const auditProjection: Projection = {
  name: AUDIT_PROJECTION,
  // Awaited: every audit command returns once its events are here (read-your-writes).
  awaited: true,
  description:
    'Audit cycles (answers, self-assessments, staff survey counts, actions) and CLF adoption per organisation',
  filter: { eventTypes: [...Object.values(CYCLE), SURVEY.answered, ADOPTION_EVENTS.recorded] },
  async createTables(client, schema) {
    await client.query(`
      create table ${schema}.cycles (
        audit_id text primary key,
        organisation_id text not null,
        started_on date not null,
        completed_on date,
        survey_threshold double precision not null,
        opened_seq bigint not null
      );
      create index cycles_by_organisation on ${schema}.cycles (organisation_id, started_on);
      create table ${schema}.answers (
        audit_id text not null, question_id text not null, capability_id text not null, response text not null,
        primary key (audit_id, question_id)
      );
      create table ${schema}.assessments (
        audit_id text not null, indicator_id text not null, capability_id text not null,
        achieved boolean not null, evidence text not null,
        primary key (audit_id, indicator_id)
      );
      create table ${schema}.survey (audit_id text primary key, respondents integer not null);
      create table ${schema}.survey_tallies (
        audit_id text not null, indicator_id text not null, capability_id text not null,
        answered integer not null, agreeing integer not null,
        primary key (audit_id, indicator_id)
      );
      create table ${schema}.actions (
        audit_id text not null, action_id text not null, capability_id text not null, indicator_id text not null,
        description text not null, owner text not null, due date not null, status text not null,
        planned_seq bigint not null,
        primary key (audit_id, action_id)
      );
      -- every change of an action's status with its date: the plan's progress as of any date
      create table ${schema}.action_changes (
        audit_id text not null, action_id text not null, seq bigint not null, status text not null, changed_on date not null,
        primary key (audit_id, action_id, seq)
      );
      create table ${schema}.adoption (
        organisation_id text not null, seq bigint not null, status text not null, effective_on date not null,
        primary key (organisation_id, seq)
      );`);
  },
  async apply(events, { client, schema }) {
    for (const event of events) await applyOne(client, schema, event);
  },
};

async function applyOne(client: pg.PoolClient, schema: string, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, version: recorded.version, data: recorded.data } as ProjectedEvent;
  const seq = recorded.position.commit.toString();
  switch (event.type) {
    case CYCLE.opened: {
      const d = event.data;
      await client.query(
        `insert into ${schema}.cycles (audit_id, organisation_id, started_on, survey_threshold, opened_seq) values ($1, $2, $3, $4, $5)`,
        [d.auditId, d.organisationId, d.startedOn, d.surveyThreshold, seq],
      );
      return;
    }
    case CYCLE.questionAnswered: {
      const d = event.data;
      await client.query(
        `insert into ${schema}.answers values ($1, $2, $3, $4)
         on conflict (audit_id, question_id) do update set response = excluded.response`,
        [d.auditId, d.questionId, d.capabilityId, d.response],
      );
      return;
    }
    case CYCLE.indicatorSelfAssessed: {
      const d = event.data;
      await client.query(
        `insert into ${schema}.assessments values ($1, $2, $3, $4, $5)
         on conflict (audit_id, indicator_id) do update set achieved = excluded.achieved, evidence = excluded.evidence`,
        [d.auditId, d.indicatorId, d.capabilityId, d.achieved, d.evidence],
      );
      return;
    }
    case CYCLE.actionPlanned: {
      const d = event.data;
      await client.query(`insert into ${schema}.actions values ($1, $2, $3, $4, $5, $6, $7, 'open', $8)`, [
        d.auditId,
        d.actionId,
        d.capabilityId,
        d.indicatorId,
        d.description,
        d.owner,
        d.due,
        seq,
      ]);
      return;
    }
    case CYCLE.actionStatusChanged: {
      const d = event.data;
      await client.query(`update ${schema}.actions set status = $3 where audit_id = $1 and action_id = $2`, [
        d.auditId,
        d.actionId,
        d.status,
      ]);
      await client.query(`insert into ${schema}.action_changes values ($1, $2, $3, $4, $5)`, [
        d.auditId,
        d.actionId,
        seq,
        d.status,
        d.changedOn,
      ]);
      return;
    }
    case CYCLE.answerWithdrawn: {
      const d = event.data;
      if (d.standing === null)
        await client.query(`delete from ${schema}.answers where audit_id = $1 and question_id = $2`, [
          d.auditId,
          d.questionId,
        ]);
      else
        await client.query(
          `insert into ${schema}.answers values ($1, $2, $3, $4)
           on conflict (audit_id, question_id) do update set response = excluded.response`,
          [d.auditId, d.questionId, d.capabilityId, d.standing.response],
        );
      return;
    }
    case CYCLE.selfAssessmentWithdrawn: {
      const d = event.data;
      if (d.standing === null)
        await client.query(`delete from ${schema}.assessments where audit_id = $1 and indicator_id = $2`, [
          d.auditId,
          d.indicatorId,
        ]);
      else
        await client.query(
          `insert into ${schema}.assessments values ($1, $2, $3, $4, $5)
           on conflict (audit_id, indicator_id) do update set achieved = excluded.achieved, evidence = excluded.evidence`,
          [d.auditId, d.indicatorId, d.capabilityId, d.standing.achieved, d.standing.evidence],
        );
      return;
    }
    case CYCLE.completed:
      await client.query(`update ${schema}.cycles set completed_on = $2 where audit_id = $1`, [
        event.data.auditId,
        event.data.completedOn,
      ]);
      return;
    case SURVEY.answered:
      await applySurveyAnswers(client, schema, event.data);
      return;
    case ADOPTION_EVENTS.recorded: {
      const d = event.data;
      await client.query(`insert into ${schema}.adoption values ($1, $2, $3, $4)`, [
        d.organisationId,
        seq,
        d.status,
        d.effectiveOn,
      ]);
      return;
    }
  }
}

/** Adds one respondent's answers to the counts; the answers themselves are not kept. */
async function applySurveyAnswers(
  client: pg.PoolClient,
  schema: string,
  data: StaffSurveyAnswered['data'],
): Promise<void> {
  await client.query(
    `insert into ${schema}.survey values ($1, 1) on conflict (audit_id) do update set respondents = survey.respondents + 1`,
    [data.auditId],
  );
  await client.query(
    `insert into ${schema}.survey_tallies
     select $1, a.indicator_id, a.capability_id, 1, (a.agreement >= 4)::int
     from unnest($2::text[], $3::text[], $4::int[]) as a(indicator_id, capability_id, agreement)
     on conflict (audit_id, indicator_id) do update
       set answered = survey_tallies.answered + 1, agreeing = survey_tallies.agreeing + excluded.agreeing`,
    [
      data.auditId,
      data.answers.map((a) => a.indicatorId),
      data.answers.map((a) => a.capabilityId),
      data.answers.map((a) => a.agreement),
    ],
  );
}

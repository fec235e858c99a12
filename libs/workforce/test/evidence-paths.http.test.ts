import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '#libs/event-store';
import { CLF_ACTIVITY_TYPES, CLF_EXTENSIONS, CLF_PROFILE_VERSION_ID, CLF_VERBS, findIndicator } from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { statementStreamId } from '#libs/xapi';
import { WORKFORCE_EVENTS as EV, evidenceStream, workerStream, type EvidenceRecorded } from '../src/domain/events.js';
import { buildEvidenceStatement } from '../src/evidence/record-evidence/build-statement.js';
import { parseEvidence } from '../src/evidence/record-evidence/record-evidence.input.js';
import { api, indicatorsOfStage, ok, sendStatements, stageOf } from '../../../test/support/http-api.js';

/**
 * One code path for evidence, end to end over HTTP: the same evidence sent by an LMS to /xapi (HTTP
 * Basic, the bootstrap client) and recorded by a manager through /api becomes the same domain events
 * in the log (via the evidence reactor) and the same stages; identifiers are claimed race-free.
 */
let app: TestApp;
let admin: string;
const SARAH = { objectType: 'Agent', name: 'Sarah', mbox: 'mailto:sarah@council.example.org' };
const LMS_PAT = { objectType: 'Agent', name: 'Pat', account: { homePage: 'https://lms.example.org', name: 'pat' } };
const at = (day: number) => new Date(Date.UTC(2025, 2, day, 10)).toISOString();

/** The evidence, as /api takes it. */
const assessments = indicatorsOfStage('pc.initiative', 'engaged').map((indicatorId, i) => ({
  kind: 'assessment',
  indicatorId,
  evidenced: true,
  source: 'line-manager',
  assessor: SARAH,
  occurredAt: at(1 + i),
}));
const others = [
  {
    kind: 'feedback',
    source: 'carer',
    feedback: 'Pat listened.',
    giver: SARAH,
    capabilityIds: ['pc.empathy'],
    occurredAt: at(10),
  },
  {
    kind: 'learning-activity',
    mode: 'formal',
    title: 'Dementia awareness',
    duration: 'PT3H30M',
    capabilityIds: ['pc.lifelong-learning'],
    occurredAt: at(11),
  },
  {
    kind: 'reflective-account',
    account: 'What I learnt from the rota change.',
    indicatorIds: ['pc.flexibility.engaged.1'],
    occurredAt: at(12),
  },
  {
    kind: 'qualification',
    title: 'SVQ Social Services and Healthcare level 2',
    svqLevel: 2,
    scqfLevel: 6,
    occurredAt: at(13),
  },
];

/** The same evidence as an LMS sends it: assessments written by hand from the CLF profile, the rest from its templates. */
const lmsStatements = () => [
  ...assessments.map((a) => ({
    actor: LMS_PAT,
    verb: { id: CLF_VERBS.demonstrated, display: { en: 'demonstrated' } },
    object: {
      objectType: 'Activity',
      id: findIndicator(a.indicatorId)!.iri,
      definition: { type: CLF_ACTIVITY_TYPES.indicator },
    },
    result: { success: true },
    context: {
      instructor: SARAH,
      contextActivities: { category: [{ id: CLF_PROFILE_VERSION_ID }] },
      extensions: { [CLF_EXTENSIONS.evidenceSource]: 'line-manager' },
    },
    timestamp: a.occurredAt,
  })),
  ...others.map((input) => {
    const { id: _id, ...statement } = buildEvidenceStatement(parseEvidence(input, new Date()), LMS_PAT);
    return statement;
  }),
];

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
});

afterAll(async () => {
  await app?.close();
});

async function evidenceEventsOf(workerId: string): Promise<RecordedEvent<EvidenceRecorded>[]> {
  const { events } = await app.runtime.store.readAll({
    filter: { eventTypes: [EV.evidenceRecorded] },
    maxCount: 10_000,
  });
  return (events as RecordedEvent<EvidenceRecorded>[]).filter((e) => e.data.workerId === workerId);
}

/** Event data without what differs by nature: ids, stored times, an /api activity's generated IRI. */
function comparable(events: RecordedEvent<EvidenceRecorded>[]) {
  return events
    .map((e) => {
      // Who recorded it differs by design: the LMS's client, or the /api user (asserted below).
      const { workerId: _w, statementId: _s, storedAt: _t, recordedBy: _r, details, ...rest } = e.data;
      const { activityId: _a, ...otherDetails } = details;
      return {
        type: e.type,
        version: e.version,
        occurredAt: e.metadata.occurredAt,
        data: { ...rest, details: otherDetails },
      };
    })
    .sort((a, b) => a.data.occurredAt.localeCompare(b.data.occurredAt));
}

describe('the same evidence from an LMS and through /api', () => {
  let viaApi: string;
  let viaLms: string;
  let lmsIds: string[];
  let apiIds: string[];

  beforeAll(async () => {
    viaApi = (
      await ok(app, admin, 'POST', '/api/workers', {
        name: 'Pat (api)',
        identifiers: [{ mbox: 'mailto:pat@council.example.org' }],
        organisationId: 'default',
        joinedOn: '2020-01-01',
      })
    ).id;
    apiIds = [];
    // Each /api command returns once its evidence is in the read model: no waiting here.
    for (const input of [...assessments, ...others]) {
      apiIds.push((await ok(app, admin, 'POST', `/api/workers/${viaApi}/evidence`, input)).statementId);
      const timeline = await ok(app, admin, 'GET', `/api/workers/${viaApi}/timeline?limit=500`);
      expect(timeline.entries.map((e: { statementId: string }) => e.statementId)).toContain(apiIds.at(-1));
    }
    lmsIds = await sendStatements(app, lmsStatements());
    await waitForProjections(app.runtime);
    const found = await ok(
      app,
      admin,
      'GET',
      `/api/workers?agent=${encodeURIComponent(JSON.stringify({ account: LMS_PAT.account }))}`,
    );
    viaLms = found[0].id;
  });

  it('an unknown actor became a worker through WorkerRegistered, caused by the LMS’s statement', async () => {
    const events = await app.runtime.store.readStream(workerStream(viaLms));
    expect(events.map((e) => e.type)).toEqual([EV.workerRegistered, EV.workerJoinedOrganisation]);
    expect(events[0]!.data).toMatchObject({ name: 'Pat', via: 'statement' });
    expect(events[1]!.data).toMatchObject({ organisationId: 'default' });
    const [first] = await app.runtime.store.readStream(statementStreamId('default', lmsIds[0]!));
    expect(events[0]!.metadata).toMatchObject({ causationId: first!.metadata.eventId, tenantId: 'default' });
  });

  it('produces the same domain events with the same data, each caused by its statement', async () => {
    const lms = await evidenceEventsOf(viaLms);
    const fromApi = await evidenceEventsOf(viaApi);
    expect(lms).toHaveLength(assessments.length + others.length);
    expect(comparable(fromApi)).toEqual(comparable(lms));
    expect(lms.every((e) => e.data.recordedBy?.id === `lrs-client:${app.lrsKey}`)).toBe(true);
    expect(
      fromApi.every((e) => e.data.recordedBy !== undefined && !e.data.recordedBy.id.startsWith('lrs-client:')),
    ).toBe(true);
    expect(new Set(lms.map((e) => e.data.kind))).toEqual(
      new Set(['indicator-assessment', 'feedback', 'learning-activity', 'reflective-account', 'qualification']),
    );
    for (const event of [...lms, ...fromApi]) {
      const [statement] = await app.runtime.store.readStream(statementStreamId('default', event.data.statementId));
      expect(event.metadata.causationId).toBe(statement!.metadata.eventId);
      expect(event.streamId).toBe(evidenceStream('default', event.data.statementId));
    }
  });

  it('reaches the same stages and history', async () => {
    const stages = async (id: string) =>
      (await ok(app, admin, 'GET', `/api/workers/${id}/capabilities`)).capabilities.map((c: any) => [
        c.capabilityId,
        c.stage,
      ]);
    expect(stageOf(await ok(app, admin, 'GET', `/api/workers/${viaLms}/capabilities`), 'pc.initiative')).toBe(
      'engaged',
    );
    expect(await stages(viaApi)).toEqual(await stages(viaLms));
    const history = async (id: string) =>
      (await ok(app, admin, 'GET', `/api/workers/${id}/capabilities/history`)).changes.map((c: any) => [
        c.capabilityId,
        c.to,
        c.at,
      ]);
    expect(await history(viaApi)).toEqual(await history(viaLms));
    const hours = async (id: string) =>
      (await ok(app, admin, 'GET', `/api/workers/${id}/evidence-export?format=json&from=2025-01-01&to=2026-01-01`))
        .hoursOfLearning;
    expect(await hours(viaApi)).toBe(await hours(viaLms));
  });

  it('voiding withdraws the evidence with EvidenceWithdrawn and lowers the stage, by either path', async () => {
    const withdrawn = await ok(app, admin, 'DELETE', `/api/workers/${viaApi}/evidence/${apiIds[0]}`);
    expect(withdrawn.statementId).toBe(apiIds[0]);
    // The /api command returned once the read model shows it.
    expect(stageOf(await ok(app, admin, 'GET', `/api/workers/${viaApi}/capabilities`), 'pc.initiative')).toBe(
      'not-yet-engaged',
    );
    await sendStatements(app, [
      {
        actor: LMS_PAT,
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
        object: { objectType: 'StatementRef', id: lmsIds[0] },
      },
    ]);
    await waitForProjections(app.runtime);
    expect(stageOf(await ok(app, admin, 'GET', `/api/workers/${viaLms}/capabilities`), 'pc.initiative')).toBe(
      'not-yet-engaged',
    );
    for (const [workerId, statementId] of [
      [viaApi, apiIds[0]!],
      [viaLms, lmsIds[0]!],
    ] as const) {
      const stream = await app.runtime.store.readStream(evidenceStream('default', statementId));
      expect(stream.map((e) => e.type)).toEqual([EV.evidenceRecorded, EV.evidenceWithdrawn]);
      expect(stream[1]!.data).toMatchObject({ workerId, statementId });
    }
    // The history keeps that it counted.
    expect(
      stageOf(await ok(app, admin, 'GET', `/api/workers/${viaLms}/capabilities?asOf=${at(20)}`), 'pc.initiative'),
    ).toBe('engaged');
  });
});

describe('a plain learning record (an LMS statement matching no CLF template)', () => {
  it('is on the timeline without an evidence event, and withdrawing it through /api answers once the timeline shows it', async () => {
    const learner = { objectType: 'Agent', name: 'Robin', mbox: 'mailto:robin@lms.example.org' };
    const [statementId] = await sendStatements(app, [
      {
        actor: learner,
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
        object: { objectType: 'Activity', id: 'https://lms.example.org/courses/moving-and-handling' },
        result: { completion: true, duration: 'PT45M' },
        timestamp: at(5),
      },
    ]);
    await waitForProjections(app.runtime);
    const [worker] = await ok(
      app,
      admin,
      'GET',
      `/api/workers?agent=${encodeURIComponent(JSON.stringify({ mbox: learner.mbox }))}`,
    );
    const entry = async () =>
      (await ok(app, admin, 'GET', `/api/workers/${worker.id}/timeline`)).entries.find(
        (e: any) => e.statementId === statementId,
      );
    expect(await entry()).toMatchObject({ kind: 'learning-record', withdrawnAt: null });
    expect(await app.runtime.store.readStream(evidenceStream('default', statementId!))).toEqual([]);

    await ok(app, admin, 'DELETE', `/api/workers/${worker.id}/evidence/${statementId}`);
    expect((await entry()).withdrawnAt).not.toBeNull();
  });
});

describe('identifiers are claimed in the event store', () => {
  it('of two concurrent registrations sharing an identifier exactly one succeeds; the other is a 409 naming it', async () => {
    for (let round = 0; round < 4; round++) {
      const shared = { mbox: `mailto:shared-${round}@example.org` };
      const responses = await Promise.all([
        api(app, admin, 'POST', '/api/workers', {
          name: 'A',
          identifiers: [{ mbox: `mailto:a-${round}@example.org` }, shared],
          organisationId: 'default',
        }),
        api(app, admin, 'POST', '/api/workers', {
          name: 'B',
          identifiers: [{ mbox: `mailto:b-${round}@example.org` }, shared],
          organisationId: 'default',
        }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      const refused = responses.find((r) => r.status === 409)!;
      expect(refused.body.field).toBe('identifiers[1]');
      expect(refused.body.detail).toContain(`mbox:mailto:shared-${round}@example.org`);
      const holder = await ok(app, admin, 'GET', `/api/workers?agent=${encodeURIComponent(JSON.stringify(shared))}`);
      expect(holder.map((w: { id: string }) => w.id)).toEqual([responses.find((r) => r.status === 201)!.body.id]);
    }
  });

  it('two concurrent registrations under one first identifier: one worker, one 409', async () => {
    const same = { name: 'Sam', identifiers: [{ mbox: 'mailto:sam@example.org' }], organisationId: 'default' };
    const responses = await Promise.all([
      api(app, admin, 'POST', '/api/workers', same),
      api(app, admin, 'POST', '/api/workers', same),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(responses.find((r) => r.status === 409)!.body.detail).toMatch(
      /^identifiers\[0\]: the worker with this identifier/,
    );
  });

  it('an identifier held by a registered worker cannot be added to another', async () => {
    const first = (
      await ok(app, admin, 'POST', '/api/workers', {
        identifiers: [{ mbox: 'mailto:kim@example.org' }],
        organisationId: 'default',
      })
    ).id;
    const other = (
      await ok(app, admin, 'POST', '/api/workers', {
        identifiers: [{ mbox: 'mailto:lee@example.org' }],
        organisationId: 'default',
      })
    ).id;
    const refused = await api(app, admin, 'POST', `/api/workers/${other}/identifiers`, {
      identifier: { mbox: 'mailto:kim@example.org' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(`identifier: already identifies worker "${first}" (mbox:mailto:kim@example.org)`);
  });
});

describe('the reactor among the projections', () => {
  it('is listed as a reactor and refuses a rebuild, naming why', async () => {
    const list = await ok(app, admin, 'GET', '/api/admin/projections');
    expect(list.find((p: { name: string }) => p.name === 'workforce-evidence-reactor')).toMatchObject({
      kind: 'reactor',
    });
    expect(list.find((p: { name: string }) => p.name === 'workforce')).toMatchObject({ kind: 'projection' });
    const refused = await api(app, admin, 'POST', '/api/admin/projections/workforce-evidence-reactor/rebuild');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/"workforce-evidence-reactor" is a reactor: .* it is never rebuilt/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLF_ACTIVITY_TYPES,
  CLF_EXTENSIONS,
  CLF_PROFILE_VERSION_ID,
  CLF_VERBS,
  findCapability,
  findIndicator,
} from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import {
  api,
  createUser,
  indicatorsOfStage,
  indicatorsUpTo,
  ok,
  sendStatements,
  stageOf,
} from '../../../test/support/http-api.js';

/**
 * The stories of seed 000 section 3 (Mary, Michael, Sunita), end to end over HTTP: evidence recorded
 * through /api and sent by an LMS to /xapi, stages, history, role gaps, export and access.
 */
let app: TestApp;
let admin: string;
const MARY = { mbox: 'mailto:mary@oak-house.example.org' };
let maryId: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  await ok(app, admin, 'POST', '/api/organisations', {
    id: 'oak-house',
    name: 'Oak House',
    sector: 'private',
    region: 'Fife',
    serviceType: 'care home for adults',
    sizeBand: 'small',
  });
  await ok(app, admin, 'POST', '/api/roles', {
    id: 'support-worker',
    organisationId: 'oak-house',
    name: 'Support worker',
    requirements: [
      { capabilityId: 'pc.flexibility', stage: 'engaged' },
      { capabilityId: 'pc.managing-conflict', stage: 'engaged' },
    ],
    qualifications: ['SVQ Social Services and Healthcare level 2'],
  });
  maryId = (
    await ok(app, admin, 'POST', '/api/workers', {
      name: 'Mary',
      identifiers: [MARY],
      organisationId: 'oak-house',
      joinedOn: '2006-04-01',
    })
  ).id;
  await ok(app, admin, 'POST', `/api/workers/${maryId}/roles`, { roleId: 'support-worker', from: '2006-04-01' });
});

afterAll(async () => {
  await app?.close();
});

const assess = (indicatorId: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
  kind: 'assessment',
  indicatorId,
  evidenced: true,
  source: 'line-manager',
  assessor: { name: 'John', mbox: 'mailto:john@oak-house.example.org' },
  occurredAt,
  ...extra,
});

describe("Mary's story", () => {
  it('before any evidence, every capability is not yet engaged', async () => {
    const profile = await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities?asOf=2025-01-01`);
    expect(profile.workerId).toBe(maryId);
    expect(profile.capabilities).toHaveLength(17);
    expect(profile.capabilities.every((c: { stage: string }) => c.stage === 'not-yet-engaged')).toBe(true);
  });

  it('managing conflict at engaged; self confidence engaged and moving towards established', async () => {
    for (const id of indicatorsOfStage('pc.managing-conflict', 'engaged'))
      await ok(app, admin, 'POST', `/api/workers/${maryId}/evidence`, assess(id, '2025-03-10T10:00:00Z'));
    for (const id of indicatorsOfStage('pc.self-confidence', 'engaged'))
      await ok(app, admin, 'POST', `/api/workers/${maryId}/evidence`, assess(id, '2025-04-01T10:00:00Z'));
    const someEstablished = indicatorsOfStage('pc.self-confidence', 'established')[0]!;
    await ok(
      app,
      admin,
      'POST',
      `/api/workers/${maryId}/evidence`,
      assess(someEstablished, '2025-04-01T11:00:00Z', { source: 'colleague' }),
    );
    await ok(app, admin, 'POST', `/api/workers/${maryId}/evidence`, {
      kind: 'feedback',
      source: 'colleague',
      feedback: "Mary's notes on Kate changed how the whole team works.",
      capabilityIds: ['pc.self-confidence'],
      occurredAt: '2025-04-01T09:00:00Z',
    });

    const profile = await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities`);
    expect(stageOf(profile, 'pc.managing-conflict')).toBe('engaged');
    const selfConfidence = profile.capabilities.find(
      (c: { capabilityId: string }) => c.capabilityId === 'pc.self-confidence',
    );
    expect(selfConfidence.stage).toBe('engaged');
    expect(selfConfidence.evidencedIndicators.map((i: { indicatorId: string }) => i.indicatorId)).toContain(
      someEstablished,
    );
    expect(selfConfidence.missingForNextStage.stage).toBe('established');
    expect(selfConfidence.missingForNextStage.indicators).toHaveLength(
      indicatorsOfStage('pc.self-confidence', 'established').length - 1,
    );
    const evidence = selfConfidence.evidencedIndicators.find(
      (i: { indicatorId: string }) => i.indicatorId === someEstablished,
    ).evidence;
    expect(evidence).toMatchObject({ by: 'John', source: 'colleague', occurredAt: '2025-04-01T11:00:00.000Z' });
  });

  it('her role needs flexibility at engaged, which she does not yet meet', async () => {
    const gap = await ok(app, admin, 'GET', `/api/workers/${maryId}/role-gap`);
    expect(gap.role.id).toBe('support-worker');
    expect(gap.gaps.map((g: { capabilityId: string }) => g.capabilityId)).toEqual(['pc.flexibility']);
    expect(gap.gaps[0]).toMatchObject({ required: 'engaged', current: 'not-yet-engaged' });
    expect(gap.gaps[0].missingIndicators).toHaveLength(indicatorsOfStage('pc.flexibility', 'engaged').length);
    expect(gap.transferableStrengths.map((s: { capabilityId: string }) => s.capabilityId)).toEqual([
      'pc.managing-conflict',
    ]);
    expect(gap.qualifications.missing).toEqual(['SVQ Social Services and Healthcare level 2']);
  });

  it('the history has each stage change with its date and cause; the profile as of a date uses the evidence of then', async () => {
    const history = await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities/history`);
    const conflict = history.changes.filter((c: { capabilityId: string }) => c.capabilityId === 'pc.managing-conflict');
    expect(conflict).toHaveLength(1);
    expect(conflict[0]).toMatchObject({
      from: 'not-yet-engaged',
      to: 'engaged',
      direction: 'up',
      at: '2025-03-10T10:00:00.000Z',
      cause: { change: 'recorded', by: 'John' },
    });
    const march = await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities?asOf=2025-03-20`);
    expect(stageOf(march, 'pc.managing-conflict')).toBe('engaged');
    expect(stageOf(march, 'pc.self-confidence')).toBe('not-yet-engaged');
  });

  it('backdated evidence lands in its own year', async () => {
    const [first, second] = indicatorsOfStage('pc.teamwork', 'engaged');
    await ok(app, admin, 'POST', `/api/workers/${maryId}/evidence`, assess(first!, '2019-06-01T10:00:00Z'));
    await ok(app, admin, 'POST', `/api/workers/${maryId}/evidence`, assess(second!, '2019-06-02T10:00:00Z'));
    expect(
      stageOf(await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities?asOf=2019-12-31`), 'pc.teamwork'),
    ).toBe('engaged');
    expect(
      stageOf(await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities?asOf=2018-12-31`), 'pc.teamwork'),
    ).toBe('not-yet-engaged');
    const history = await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities/history`);
    expect(history.changes.find((c: { capabilityId: string }) => c.capabilityId === 'pc.teamwork').at).toBe(
      '2019-06-02T10:00:00.000Z',
    );
  });

  it('voiding lowers a stage, and the history keeps that the evidence counted', async () => {
    const timeline = await ok(
      app,
      admin,
      'GET',
      `/api/workers/${maryId}/timeline?kind=indicator-assessment&capabilityId=pc.managing-conflict`,
    );
    const statementId = timeline.entries[0].statementId;
    const withdrawn = await ok(app, admin, 'DELETE', `/api/workers/${maryId}/evidence/${statementId}`);
    expect(withdrawn.statementId).toBe(statementId);
    expect(stageOf(await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities`), 'pc.managing-conflict')).toBe(
      'not-yet-engaged',
    );
    expect(
      stageOf(
        await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities?asOf=2025-06-01`),
        'pc.managing-conflict',
      ),
    ).toBe('engaged');
    const history = await ok(app, admin, 'GET', `/api/workers/${maryId}/capabilities/history`);
    const conflict = history.changes.filter((c: { capabilityId: string }) => c.capabilityId === 'pc.managing-conflict');
    expect(conflict.map((c: { direction: string }) => c.direction)).toEqual(['up', 'down']);
    expect(conflict[1].cause).toMatchObject({ statementId, change: 'withdrawn' });
    const after = await ok(
      app,
      admin,
      'GET',
      `/api/workers/${maryId}/timeline?kind=indicator-assessment&capabilityId=pc.managing-conflict`,
    );
    expect(
      after.entries.find((e: { statementId: string }) => e.statementId === statementId).withdrawnAt,
    ).not.toBeNull();
  });

  it('the timeline filters by kind, capability and date and pages with a cursor', async () => {
    const first = await ok(app, admin, 'GET', `/api/workers/${maryId}/timeline?limit=3`);
    expect(first.entries).toHaveLength(3);
    expect(first.next).toEqual(expect.any(String));
    const second = await ok(app, admin, 'GET', `/api/workers/${maryId}/timeline?limit=3&after=${first.next}`);
    const times = [...first.entries, ...second.entries].map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set([...first.entries, ...second.entries].map((e: { statementId: string }) => e.statementId)).size).toBe(
      6,
    );
    const feedback = await ok(app, admin, 'GET', `/api/workers/${maryId}/timeline?kind=feedback`);
    expect(feedback.entries).toHaveLength(1);
    expect(feedback.entries[0]).toMatchObject({
      kind: 'feedback',
      source: 'colleague',
      capabilityIds: ['pc.self-confidence'],
    });
    const in2019 = await ok(app, admin, 'GET', `/api/workers/${maryId}/timeline?from=2019-01-01&to=2020-01-01`);
    expect(in2019.entries).toHaveLength(2);
    const bad = await api(app, admin, 'GET', `/api/workers/${maryId}/timeline?kind=gossip`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^kind: must be a comma-separated list/);
  });

  it('exports the evidence of a period with hours of learning as JSON, CSV and HTML', async () => {
    await ok(app, admin, 'POST', `/api/workers/${maryId}/evidence`, {
      kind: 'learning-activity',
      mode: 'formal',
      title: 'Dementia awareness',
      duration: 'PT3H30M',
      occurredAt: '2025-05-01T16:00:00Z',
      capabilityIds: ['pc.lifelong-learning'],
    });
    await ok(app, admin, 'POST', `/api/workers/${maryId}/evidence`, {
      kind: 'learning-activity',
      mode: 'informal',
      title: 'Shadowing the night shift',
      hours: 2,
      occurredAt: '2025-05-08T22:00:00Z',
    });
    await ok(app, admin, 'POST', `/api/workers/${maryId}/evidence`, {
      kind: 'learning-activity',
      mode: 'informal',
      title: 'Reading',
      hours: 1,
      occurredAt: '2024-05-08T22:00:00Z',
    });
    const json = await ok(
      app,
      admin,
      'GET',
      `/api/workers/${maryId}/evidence-export?format=json&from=2025-01-01&to=2025-12-31`,
    );
    expect(json.hoursOfLearning).toBe(5.5);
    expect(json.worker).toMatchObject({ id: maryId, name: 'Mary' });
    const csv = await api(
      app,
      admin,
      'GET',
      `/api/workers/${maryId}/evidence-export?format=csv&from=2025-01-01&to=2025-12-31`,
    );
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe(
      'Date,Kind,What,Text,Hours,Capabilities,Indicators,Source,Given by,Recorded by,Occurred at,Statement id',
    );
    expect(csv.text).toContain('Learning activity,Dementia awareness,,3.5');
    const html = await api(
      app,
      admin,
      'GET',
      `/api/workers/${maryId}/evidence-export?format=html&from=2025-01-01&to=2025-12-31`,
    );
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.text).toContain('Hours of learning in the period: 5.5');
    expect((await api(app, admin, 'GET', `/api/workers/${maryId}/evidence-export?format=pdf`)).status).toBe(400);
  });

  it('bad evidence is refused with the field and rule, and nothing is recorded', async () => {
    const before = await ok(app, admin, 'GET', `/api/workers/${maryId}/timeline?limit=500`);
    const cases: [unknown, RegExp][] = [
      [
        { kind: 'assessment', indicatorId: 'pc.flexibility.engaged.99', evidenced: true },
        /^indicatorId: must be the id of a personal capability indicator/,
      ],
      [{ kind: 'assessment', indicatorId: 'pc.flexibility.engaged.1' }, /^evidenced: is required/],
      [
        { kind: 'learning-activity', mode: 'formal', title: 'x', duration: '3 hours' },
        /^duration: must be an ISO 8601 duration/,
      ],
      [{ kind: 'feedback', source: 'neighbour' }, /^source: must be one of/],
      [{ kind: 'reflective-account', account: 'x', occurredAt: 'yesterday' }, /^occurredAt: must be a date/],
      [{ kind: 'telepathy' }, /^kind: must be one of assessment/],
    ];
    for (const [body, message] of cases) {
      const response = await api(app, admin, 'POST', `/api/workers/${maryId}/evidence`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.detail).toMatch(message);
    }
    const after = await ok(app, admin, 'GET', `/api/workers/${maryId}/timeline?limit=500`);
    expect(after.entries).toHaveLength(before.entries.length);
  });
});

describe("Michael's story: evidence from an LMS reaches the same stages as evidence through /api", () => {
  const LMS_MICHAEL = {
    objectType: 'Agent',
    name: 'Michael',
    account: { homePage: 'https://lms.example.org', name: 'michael' },
  };
  const michaelsEvidence = [
    ...indicatorsUpTo('pc.developing-others', 'accomplished'),
    ...indicatorsUpTo('pc.initiative', 'established'),
  ];
  const statementFor = (indicatorId: string, i: number) => ({
    actor: LMS_MICHAEL,
    verb: { id: CLF_VERBS.demonstrated, display: { en: 'demonstrated' } },
    object: {
      objectType: 'Activity',
      id: findIndicator(indicatorId)!.iri,
      definition: { type: CLF_ACTIVITY_TYPES.indicator },
    },
    result: { success: true },
    context: {
      instructor: { objectType: 'Agent', name: 'Sarah', mbox: 'mailto:sarah@council.example.org' },
      contextActivities: { category: [{ id: CLF_PROFILE_VERSION_ID }] },
      extensions: { [CLF_EXTENSIONS.evidenceSource]: 'line-manager' },
    },
    timestamp: new Date(Date.UTC(2025, 8, 1, 9, i)).toISOString(),
  });
  let lmsIds: string[];
  let lmsMichaelId: string;

  it('an unknown actor of an LMS statement becomes a worker of the client’s organisation', async () => {
    lmsIds = await sendStatements(app, michaelsEvidence.map(statementFor));
    await waitForProjections(app.runtime);
    const found = await ok(
      app,
      admin,
      'GET',
      `/api/workers?agent=${encodeURIComponent(JSON.stringify({ account: LMS_MICHAEL.account }))}`,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      name: 'Michael',
      registeredVia: 'statement',
      organisations: [{ organisationId: 'default' }],
    });
    lmsMichaelId = found[0].id;
  });

  it('developing others at accomplished, initiative at established — the same by both paths', async () => {
    const apiMichael = (
      await ok(app, admin, 'POST', '/api/workers', {
        name: 'Michael (api)',
        identifiers: [{ mbox: 'mailto:michael@council.example.org' }],
        organisationId: 'default',
      })
    ).id;
    for (const [i, indicatorId] of michaelsEvidence.entries()) {
      await ok(
        app,
        admin,
        'POST',
        `/api/workers/${apiMichael}/evidence`,
        assess(indicatorId, statementFor(indicatorId, i).timestamp, {
          assessor: { name: 'Sarah', mbox: 'mailto:sarah@council.example.org' },
        }),
      );
    }
    const viaLms = await ok(app, admin, 'GET', `/api/workers/${lmsMichaelId}/capabilities`);
    const viaApi = await ok(app, admin, 'GET', `/api/workers/${apiMichael}/capabilities`);
    expect(stageOf(viaLms, 'pc.developing-others')).toBe('accomplished');
    expect(stageOf(viaLms, 'pc.initiative')).toBe('established');
    const stages = (p: { capabilities: { capabilityId: string; stage: string }[] }) =>
      p.capabilities.map((c) => [c.capabilityId, c.stage]);
    expect(stages(viaApi)).toEqual(stages(viaLms));
    const history = async (id: string) =>
      (await ok(app, admin, 'GET', `/api/workers/${id}/capabilities/history`)).changes.map((c: any) => [
        c.capabilityId,
        c.to,
        c.at,
      ]);
    expect(await history(apiMichael)).toEqual(await history(lmsMichaelId));
  });

  it('an LMS voiding a statement lowers the stage', async () => {
    const accomplishedIndicator = indicatorsOfStage('pc.developing-others', 'accomplished')[0]!;
    const index = michaelsEvidence.indexOf(accomplishedIndicator);
    await sendStatements(app, [
      {
        actor: LMS_MICHAEL,
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
        object: { objectType: 'StatementRef', id: lmsIds[index] },
      },
    ]);
    await waitForProjections(app.runtime);
    expect(
      stageOf(await ok(app, admin, 'GET', `/api/workers/${lmsMichaelId}/capabilities`), 'pc.developing-others'),
    ).toBe('established');
  });

  it('registering the worker later keeps the records seen before', async () => {
    const registered = await ok(app, admin, 'POST', '/api/workers', {
      name: 'Michael',
      identifiers: [{ account: LMS_MICHAEL.account }],
      registrationNumber: 'SW-1234',
      organisationId: 'default',
    });
    expect(registered.id).toBe(lmsMichaelId);
    expect(stageOf(await ok(app, admin, 'GET', `/api/workers/${lmsMichaelId}/capabilities`), 'pc.initiative')).toBe(
      'established',
    );
    expect((await ok(app, admin, 'GET', `/api/workers/${lmsMichaelId}`)).registrationNumber).toBe('SW-1234');
  });
});

describe("Sunita's story: practitioner to manager", () => {
  let sunitaId: string;

  beforeAll(async () => {
    await ok(app, admin, 'POST', '/api/organisations', {
      id: 'little-acorns',
      name: 'Little Acorns Nursery',
      sector: 'private',
      region: 'Glasgow',
      serviceType: 'day care of children',
      sizeBand: 'small',
    });
    await ok(app, admin, 'POST', '/api/roles', {
      id: 'practitioner',
      organisationId: 'little-acorns',
      name: 'Practitioner',
      requirements: [
        { capabilityId: 'pc.motivating-and-leading-others', stage: 'engaged' },
        { capabilityId: 'pc.self-confidence', stage: 'established' },
        { capabilityId: 'pc.empathy', stage: 'engaged' },
      ],
      qualifications: ['HNC Early Education and Childcare'],
    });
    await ok(app, admin, 'POST', '/api/roles', {
      id: 'manager',
      organisationId: 'little-acorns',
      name: 'Manager',
      requirements: [
        { capabilityId: 'pc.motivating-and-leading-others', stage: 'accomplished' },
        { capabilityId: 'pc.self-confidence', stage: 'accomplished' },
        { capabilityId: 'pc.empathy', stage: 'engaged' },
      ],
      qualifications: ['BA Childhood Practice'],
    });
    sunitaId = (
      await ok(app, admin, 'POST', '/api/workers', {
        name: 'Sunita',
        identifiers: [{ mbox: 'mailto:sunita@little-acorns.example.org' }],
        organisationId: 'little-acorns',
        joinedOn: '2022-08-01',
      })
    ).id;
    await ok(app, admin, 'POST', `/api/workers/${sunitaId}/roles`, { roleId: 'practitioner', from: '2022-08-01' });
    const evidence = [
      ...indicatorsUpTo('pc.motivating-and-leading-others', 'engaged'),
      ...indicatorsUpTo('pc.self-confidence', 'established'),
      ...indicatorsUpTo('pc.empathy', 'engaged'),
    ];
    for (const indicatorId of evidence)
      await ok(
        app,
        admin,
        'POST',
        `/api/workers/${sunitaId}/evidence`,
        assess(indicatorId, '2025-10-01T10:00:00Z', {
          assessor: { name: 'Ray', mbox: 'mailto:ray@little-acorns.example.org' },
        }),
      );
    await ok(app, admin, 'POST', `/api/workers/${sunitaId}/evidence`, {
      kind: 'qualification',
      title: 'HNC Early Education and Childcare',
      scqfLevel: 7,
      occurredAt: '2021-06-30',
    });
  });

  it('meets her current role', async () => {
    const gap = await ok(app, admin, 'GET', `/api/workers/${sunitaId}/role-gap`);
    expect(gap.role.id).toBe('practitioner');
    expect(gap.gaps).toEqual([]);
    expect(gap.qualifications.missing).toEqual([]);
  });

  it('needs motivating and leading others and self confidence at accomplished to be a manager', async () => {
    const gap = await ok(app, admin, 'GET', `/api/workers/${sunitaId}/role-gap?roleId=manager`);
    expect(gap.currentRole.id).toBe('practitioner');
    expect(gap.gaps.map((g: any) => [g.capabilityId, g.current, g.required])).toEqual([
      ['pc.motivating-and-leading-others', 'engaged', 'accomplished'],
      ['pc.self-confidence', 'established', 'accomplished'],
    ]);
    const motivating = gap.requirements.find((r: any) => r.capabilityId === 'pc.motivating-and-leading-others');
    expect(motivating.requiredInCurrentRole).toBe('engaged');
    expect(motivating.missingIndicators).toHaveLength(
      indicatorsUpTo('pc.motivating-and-leading-others', 'accomplished').length -
        indicatorsUpTo('pc.motivating-and-leading-others', 'engaged').length,
    );
    expect(gap.transferableStrengths.map((s: any) => s.capabilityId)).toEqual(['pc.empathy']);
    expect(gap.qualifications.missing).toEqual(['BA Childhood Practice']);
  });

  it('an unknown role is a 404 naming roleId', async () => {
    const response = await api(app, admin, 'GET', `/api/workers/${sunitaId}/role-gap?roleId=astronaut`);
    expect(response.status).toBe(404);
    expect(response.body.detail).toMatch(/^roleId: no job role "astronaut"/);
  });
});

describe('access to a worker’s record', () => {
  let mary: string;
  let john: string;
  let evaluator: string;
  let lead: string;
  let otherWorkerId: string;

  beforeAll(async () => {
    otherWorkerId = (
      await ok(app, admin, 'POST', '/api/workers', {
        name: 'Kate’s carer',
        identifiers: [{ mbox: 'mailto:other@oak-house.example.org' }],
        organisationId: 'oak-house',
      })
    ).id;
    mary = await createUser(app, 'mary@oak-house.example.org', [{ kind: 'worker', workerId: maryId }]);
    john = await createUser(app, 'john@oak-house.example.org', [
      { kind: 'line-manager', organisationId: 'oak-house', workerIds: [maryId] },
    ]);
    evaluator = await createUser(app, 'eval@example.gov.scot', [{ kind: 'evaluator' }]);
    lead = await createUser(app, 'lead@little-acorns.example.org', [
      { kind: 'learning-lead', organisationId: 'little-acorns' },
    ]);
  });

  it('a worker reads their own record, not anyone else’s', async () => {
    expect((await api(app, mary, 'GET', `/api/workers/${maryId}/capabilities`)).status).toBe(200);
    expect((await api(app, mary, 'GET', `/api/workers/${maryId}/timeline`)).status).toBe(200);
    const denied = await api(app, mary, 'GET', `/api/workers/${otherWorkerId}/capabilities`);
    expect(denied.status).toBe(403);
    expect(denied.body).not.toHaveProperty('capabilities');
  });

  it('a worker records their own reflective account but not an assessment by their manager', async () => {
    expect(
      (
        await api(app, mary, 'POST', `/api/workers/${maryId}/evidence`, {
          kind: 'reflective-account',
          account: 'What I learnt from the rota change.',
          capabilityIds: ['pc.flexibility'],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(
          app,
          mary,
          'POST',
          `/api/workers/${maryId}/evidence`,
          assess(indicatorsOfStage('pc.flexibility', 'engaged')[0]!, '2026-01-01T10:00:00Z'),
        )
      ).status,
    ).toBe(403);
    const self = await api(app, mary, 'POST', `/api/workers/${maryId}/evidence`, {
      kind: 'assessment',
      indicatorId: indicatorsOfStage('pc.flexibility', 'engaged')[1],
      evidenced: true,
    });
    expect(self.status).toBe(201);
    const timeline = await ok(app, mary, 'GET', `/api/workers/${maryId}/timeline?kind=indicator-assessment&limit=1`);
    // Issue 14.6: the recording person's name, not their mbox, and who recorded it apart from the source.
    expect(timeline.entries[0]).toMatchObject({
      statementId: self.body.statementId,
      source: 'self',
      sourceInWords: 'Self',
      by: 'mary',
      recordedBy: { id: expect.any(String), name: 'mary' },
    });
  });

  it('a line manager reads and adds to their team member’s record only', async () => {
    expect((await api(app, john, 'GET', `/api/workers/${maryId}/role-gap`)).status).toBe(200);
    const recorded = await api(app, john, 'POST', `/api/workers/${maryId}/evidence`, {
      kind: 'feedback',
      source: 'line-manager',
      feedback: 'Open to the new rota.',
      capabilityIds: ['pc.flexibility'],
    });
    expect(recorded.status).toBe(201);
    const feedback = await ok(app, john, 'GET', `/api/workers/${maryId}/timeline?kind=feedback&limit=1`);
    expect(feedback.entries[0]).toMatchObject({
      statementId: recorded.body.statementId,
      by: 'john',
      recordedBy: { name: 'john' },
      source: 'line-manager',
    });
    // Feedback from a person who uses services, recorded by John: the source says whose it is, John only recorded it.
    const theirs = await api(app, john, 'POST', `/api/workers/${maryId}/evidence`, {
      kind: 'feedback',
      source: 'person-using-services',
      feedback: 'Mary listened to me.',
    });
    const entry = (await ok(app, john, 'GET', `/api/workers/${maryId}/timeline?kind=feedback&limit=1`)).entries[0];
    expect(entry).toMatchObject({
      statementId: theirs.body.statementId,
      source: 'person-using-services',
      sourceInWords: 'A person who uses services',
      by: null,
      recordedBy: { name: 'john' },
    });
  });

  it('exports every row readable by a person (issue 14.4): the texts said, capability names, indicator texts, kinds and sources in words', async () => {
    const flexibility = findCapability('pc.flexibility')!;
    const indicator = findIndicator(indicatorsOfStage('pc.flexibility', 'engaged')[1]!)!;
    const csv = (await api(app, mary, 'GET', `/api/workers/${maryId}/evidence-export?format=csv`)).text;
    for (const words of [
      'What I learnt from the rota change.',
      'Open to the new rota.',
      'Mary listened to me.',
      flexibility.name,
      indicator.text,
      'Reflective account',
      'A person who uses services',
      'Recorded by',
    ]) {
      expect(csv).toContain(words);
    }
    expect(csv).not.toMatch(/,pc\.flexibility,|mbox:mailto/);
    const html = (await api(app, mary, 'GET', `/api/workers/${maryId}/evidence-export?format=html`)).text;
    for (const words of [
      'What I learnt from the rota change.',
      'Open to the new rota.',
      flexibility.name,
      'Recorded by: john',
      'Source: A person who uses services',
    ])
      expect(html).toContain(words);
    const json = await ok(app, mary, 'GET', `/api/workers/${maryId}/evidence-export`);
    const feedback = json.records.find((r: any) => r.text === 'Open to the new rota.');
    expect(feedback).toMatchObject({
      kindInWords: 'Feedback',
      capabilities: [{ id: 'pc.flexibility', name: flexibility.name }],
      recordedBy: { name: 'john' },
    });
    expect((await api(app, john, 'GET', `/api/workers/${otherWorkerId}/timeline`)).status).toBe(403);
  });

  it('an evaluator never sees a person’s record', async () => {
    for (const path of ['capabilities', 'capabilities/history', 'timeline', 'role-gap', 'evidence-export?format=csv']) {
      const response = await api(app, evaluator, 'GET', `/api/workers/${maryId}/${path}`);
      expect(response.status, path).toBe(403);
      expect(response.text).not.toContain('Mary');
    }
    expect(
      (await api(app, evaluator, 'GET', `/api/workers?agent=${encodeURIComponent(JSON.stringify(MARY))}`)).status,
    ).toBe(403);
  });

  it('a learning lead reaches their own organisation only; nobody signed out reaches anything', async () => {
    expect((await api(app, lead, 'GET', `/api/workers/${maryId}/capabilities`)).status).toBe(403);
    expect((await api(app, lead, 'POST', '/api/roles', { organisationId: 'oak-house', name: 'Cook' })).status).toBe(
      403,
    );
    expect((await api(app, lead, 'POST', '/api/roles', { organisationId: 'little-acorns', name: 'Cook' })).status).toBe(
      201,
    );
    expect((await api(app, undefined, 'GET', `/api/workers/${maryId}/capabilities`)).status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents the workforce endpoints at /api/docs', async () => {
    const document = await ok(app, undefined, 'GET', '/api/docs/openapi.json');
    for (const path of [
      '/api/organisations',
      '/api/roles',
      '/api/workers',
      '/api/workers/{id}/evidence',
      '/api/workers/{id}/capabilities',
      '/api/workers/{id}/capabilities/history',
      '/api/workers/{id}/timeline',
      '/api/workers/{id}/role-gap',
      '/api/workers/{id}/evidence-export',
    ]) {
      expect(document.paths, path).toHaveProperty([path]);
    }
  });
});

describe('commands refuse bad input with the field and the rule, and change nothing', () => {
  it('organisations, roles, workers and assignments', async () => {
    const cases: [string, string, unknown, number, RegExp][] = [
      [
        'POST',
        '/api/organisations',
        { id: 'x', name: 'X', sector: 'charity', region: 'Fife', serviceType: 's', sizeBand: 'small' },
        400,
        /^sector: must be one of public, private, voluntary/,
      ],
      [
        'POST',
        '/api/organisations',
        { id: 'oak-house', name: 'X', sector: 'public', region: 'Fife', serviceType: 's', sizeBand: 'small' },
        409,
        /^id: organisation "oak-house" is already registered/,
      ],
      [
        'POST',
        '/api/roles',
        { organisationId: 'oak-house', name: 'R', requirements: [{ capabilityId: 'pc.flexibility', stage: 'expert' }] },
        400,
        /^requirements\[0\]\.stage: must be one of/,
      ],
      [
        'POST',
        '/api/roles',
        { organisationId: 'nowhere', name: 'R' },
        404,
        /^organisationId: no organisation "nowhere"/,
      ],
      [
        'POST',
        '/api/workers',
        { identifiers: [{ mbox: 'not-an-email' }], organisationId: 'oak-house' },
        400,
        /^identifiers\[0\]\.mbox/,
      ],
      [
        'POST',
        '/api/workers',
        { identifiers: [MARY], organisationId: 'oak-house' },
        409,
        /^identifiers\[0\]: the worker with this identifier/,
      ],
      [
        'POST',
        `/api/workers/${maryId}/roles`,
        { roleId: 'support-worker' },
        409,
        /^roleId: the worker already holds this role/,
      ],
      [
        'POST',
        `/api/workers/${maryId}/roles`,
        { roleId: 'manager' },
        409,
        /^roleId: the role belongs to organisation "little-acorns"/,
      ],
      [
        'POST',
        `/api/workers/${maryId}/memberships`,
        { organisationId: 'oak-house' },
        409,
        /^organisationId: the worker is already a member/,
      ],
      [
        'POST',
        `/api/workers/${maryId}/memberships/end`,
        { organisationId: 'oak-house', to: '1999-01-01' },
        400,
        /^to: must not be before the membership started/,
      ],
    ];
    const before = await ok(app, admin, 'GET', `/api/workers/${maryId}`);
    for (const [method, path, body, status, message] of cases) {
      const response = await api(app, admin, method, path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(response.body.detail).toMatch(message);
    }
    expect(await ok(app, admin, 'GET', `/api/workers/${maryId}`)).toEqual(before);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organisationalCapabilities, STAGE_NAMES, type Stage } from '#libs/framework';
import {
  areasForDevelopment,
  capabilityStatuses,
  evidencedByStaff,
  MIN_SURVEY_RESPONDENTS,
  stageOn,
} from './audit-status.js';

const capability = fc.constantFrom(...organisationalCapabilities);
const orgIds = (c: (typeof organisationalCapabilities)[number]) =>
  c.stages.flatMap((s) => s.organisationIndicators.map((i) => i.id));

/** The model: the highest stage whose indicators, and all below, are achieved (seed 003: "only move on..."). */
function modelStage(c: (typeof organisationalCapabilities)[number], achieved: Set<string>): Stage {
  let reached: Stage = 'not-yet-engaged';
  for (const s of c.stages) {
    if (!s.organisationIndicators.every((i) => achieved.has(i.id))) break;
    reached = s.stage;
  }
  return reached;
}

describe('selfAssessedStage and areas for development', () => {
  it('match the cumulative model for any achieved set', () => {
    fc.assert(
      fc.property(
        capability.chain((c) => fc.tuple(fc.constant(c), fc.subarray(orgIds(c)))),
        ([c, ids]) => {
          const achieved = new Set(ids);
          const stage = stageOn(c, 'organisation', achieved);
          expect(stage).toBe(modelStage(c, achieved));
          const areas = areasForDevelopment(c, achieved);
          const next = STAGE_NAMES[stage === 'not-yet-engaged' ? 0 : STAGE_NAMES.indexOf(stage) + 1];
          // The unachieved organisation indicators of the lowest stage not yet met, and nothing else.
          const expected = next
            ? c.stages.find((s) => s.stage === next)!.organisationIndicators.filter((i) => !achieved.has(i.id))
            : [];
          expect(areas.map((a) => a.indicatorId)).toEqual(expected.map((i) => i.id));
        },
      ),
    );
  });
});

describe('staffPerceptionStage', () => {
  it(`is suppressed below ${MIN_SURVEY_RESPONDENTS} respondents whatever they answered`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), (respondents) => {
        const workerIds = organisationalCapabilities.flatMap((c) =>
          c.stages.flatMap((s) => s.workerIndicators.map((i) => i.id)),
        );
        const tallies = new Map(workerIds.map((id) => [id, { answered: respondents, agreeing: respondents }]));
        const statuses = capabilityStatuses({
          achieved: new Set(),
          survey: { respondents, tallies },
          surveyThreshold: 0.6,
          actions: [],
        });
        for (const s of statuses)
          expect(s.staffPerceptionStage).toBe(respondents < MIN_SURVEY_RESPONDENTS ? 'suppressed' : 'exemplary');
      }),
    );
  });

  it('evidences an indicator exactly when the share agreeing reaches the threshold', () => {
    const c = organisationalCapabilities[0]!;
    const engaged = c.stages[0]!.workerIndicators.map((i) => i.id);
    const at = (agreeing: number) =>
      capabilityStatuses({
        achieved: new Set(),
        survey: { respondents: 10, tallies: new Map(engaged.map((id) => [id, { answered: 10, agreeing }])) },
        surveyThreshold: 0.6,
        actions: [],
      })[0]!.staffPerceptionStage;
    expect(at(6)).toBe('engaged');
    expect(at(5)).toBe('not-yet-engaged');
  });
});

describe('the survey threshold', () => {
  it('with enough answers: never evidences with nobody agreeing, always with everybody, and more agreement never un-evidences (property)', () => {
    const evidenced = (answered: number, agreeing: number, threshold: number) =>
      evidencedByStaff({ respondents: answered, tallies: new Map([['i', { answered, agreeing }]]) }, threshold).has(
        'i',
      );
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_SURVEY_RESPONDENTS, max: 40 }),
        fc.nat(),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (answered, k, threshold) => {
          const agreeing = k % answered;
          expect(evidenced(answered, 0, threshold)).toBe(false);
          expect(evidenced(answered, answered, threshold)).toBe(true);
          if (evidenced(answered, agreeing, threshold)) expect(evidenced(answered, agreeing + 1, threshold)).toBe(true);
          // Fewer than the minimum who answered an indicator: it counts for nothing, whatever they said.
          expect(evidenced(MIN_SURVEY_RESPONDENTS - 1, MIN_SURVEY_RESPONDENTS - 1, threshold)).toBe(false);
        },
      ),
    );
  });
});

describe('seed 003: move on to a stage only when everything below is achieved', () => {
  it('a stage achieved above an unachieved one counts for nothing; the gap below is the area for development (property)', () => {
    fc.assert(
      fc.property(capability, fc.nat(), (c, pick) => {
        const engaged = c.stages[0]!.organisationIndicators;
        const missing = engaged[pick % engaged.length]!;
        const achieved = new Set(orgIds(c).filter((id) => id !== missing.id));
        expect(stageOn(c, 'organisation', achieved)).toBe('not-yet-engaged');
        expect(areasForDevelopment(c, achieved).map((a) => a.indicatorId)).toEqual([missing.id]);
      }),
    );
  });
});

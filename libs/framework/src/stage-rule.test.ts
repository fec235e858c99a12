import { describe, expect, it } from 'vitest';
import { findCapability, indicatorsAt, indicatorsOf } from './catalogue/catalogue.js';
import type { Capability, StageName } from './catalogue/types.js';
import { compareStages, nextStage, nextStageGap, stageReached } from './stage-rule.js';

function capability(id: string): Capability {
  const c = findCapability(id);
  if (!c) throw new Error(`no capability ${id}`);
  return c;
}

const ids = (c: Capability, ...stages: StageName[]) =>
  new Set(stages.flatMap((s) => indicatorsAt(c, s).map((i) => i.id)));

describe('stageReached', () => {
  const flexibility = capability('pc.flexibility');

  it('is not-yet-engaged with no evidence', () => {
    expect(stageReached(flexibility, new Set())).toBe('not-yet-engaged');
  });

  it('is not-yet-engaged when one engaged indicator is missing', () => {
    const evidenced = ids(flexibility, 'engaged');
    evidenced.delete('pc.flexibility.engaged.2');
    expect(stageReached(flexibility, evidenced)).toBe('not-yet-engaged');
  });

  it('reaches engaged when every engaged indicator is evidenced', () => {
    expect(stageReached(flexibility, ids(flexibility, 'engaged'))).toBe('engaged');
  });

  it('is cumulative: higher stages do not count while a lower stage is incomplete', () => {
    const evidenced = ids(flexibility, 'established', 'accomplished', 'exemplary');
    expect(stageReached(flexibility, evidenced)).toBe('not-yet-engaged');
    const withGap = ids(flexibility, 'engaged', 'accomplished', 'exemplary');
    expect(stageReached(flexibility, withGap)).toBe('engaged');
  });

  it('reaches exemplary when everything is evidenced', () => {
    const all = new Set(indicatorsOf(flexibility).map((i) => i.id));
    expect(stageReached(flexibility, all)).toBe('exemplary');
  });

  it('ignores evidence of other capabilities', () => {
    const other = ids(capability('pc.empathy'), 'engaged', 'established');
    expect(stageReached(flexibility, other)).toBe('not-yet-engaged');
  });

  it('needs both organisation and worker indicators for an organisational capability', () => {
    const oc = capability('oc.1-learning-and-performance-culture');
    if (oc.kind !== 'organisational') throw new Error('expected organisational');
    const organisationOnly = new Set(oc.stages[0]!.organisationIndicators.map((i) => i.id));
    expect(stageReached(oc, organisationOnly)).toBe('not-yet-engaged');
    expect(stageReached(oc, ids(oc, 'engaged', 'established'))).toBe('established');
  });
});

describe('nextStageGap', () => {
  const judgement = capability('pc.judgement');

  it('lists the engaged indicators not yet evidenced when nothing is reached', () => {
    const gap = nextStageGap(judgement, new Set(['pc.judgement.engaged.1', 'pc.judgement.established.1']));
    expect(gap?.stage).toBe('engaged');
    expect(gap?.missingIndicators.map((i) => i.id)).toEqual([
      'pc.judgement.engaged.2',
      'pc.judgement.engaged.3',
      'pc.judgement.engaged.4',
    ]);
  });

  it('lists the missing indicators of the stage after the one reached', () => {
    const evidenced = ids(judgement, 'engaged');
    evidenced.add('pc.judgement.established.2');
    const gap = nextStageGap(judgement, evidenced);
    expect(gap?.stage).toBe('established');
    expect(gap?.missingIndicators.map((i) => i.id)).toEqual([
      'pc.judgement.established.1',
      'pc.judgement.established.3',
      'pc.judgement.established.4',
    ]);
  });

  it('is undefined at exemplary', () => {
    expect(nextStageGap(judgement, new Set(indicatorsOf(judgement).map((i) => i.id)))).toBeUndefined();
  });
});

describe('stage order', () => {
  it('orders stages from not-yet-engaged to exemplary', () => {
    expect(nextStage('not-yet-engaged')).toBe('engaged');
    expect(nextStage('accomplished')).toBe('exemplary');
    expect(nextStage('exemplary')).toBeUndefined();
    expect(compareStages('not-yet-engaged', 'engaged')).toBeLessThan(0);
    expect(compareStages('exemplary', 'established')).toBeGreaterThan(0);
    expect(compareStages('accomplished', 'accomplished')).toBe(0);
  });
});

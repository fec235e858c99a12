import { describe, expect, it } from 'vitest';
import { indicatorsAt, findCapability, findIndicator } from '#libs/framework';
import { stageChanges, type JudgementSpan } from './stage-history.js';

const engaged = indicatorsAt(findCapability('pc.managing-conflict')!, 'engaged').map((i) => i.id);
const span = (
  statementId: string,
  indicatorId: string,
  occurredAt: string,
  extra: Partial<JudgementSpan> = {},
): JudgementSpan => ({
  statementId,
  indicatorId,
  capabilityId: 'pc.managing-conflict',
  evidenced: true,
  occurredAt,
  storedAt: '2026-01-01T00:00:00.000Z',
  withdrawnAt: null,
  by: 'John',
  recordedBy: null,
  source: 'line-manager',
  ...extra,
});

describe('stage changes', () => {
  it('reach a stage when its last indicator is evidenced, by the evidence’s own time (not the order it was stored in)', () => {
    const changes = stageChanges([
      span('b', engaged[1]!, '2025-03-01T00:00:00.000Z'),
      span('a', engaged[0]!, '2019-01-01T00:00:00.000Z'),
    ]);
    expect(changes).toEqual([
      {
        capabilityId: 'pc.managing-conflict',
        capabilityName: findCapability('pc.managing-conflict')!.name,
        at: '2025-03-01T00:00:00.000Z',
        from: 'not-yet-engaged',
        to: 'engaged',
        direction: 'up',
        cause: {
          statementId: 'b',
          change: 'recorded',
          indicator: { id: engaged[1]!, text: findIndicator(engaged[1]!)!.text },
          by: 'John',
          recordedBy: null,
          source: 'line-manager',
        },
      },
    ]);
  });

  it('drop when evidence is withdrawn, and when a later judgement says the indicator is not evidenced', () => {
    const withdrawn = stageChanges([
      span('a', engaged[0]!, '2025-01-01T00:00:00.000Z', { withdrawnAt: '2025-06-01T00:00:00.000Z' }),
      span('b', engaged[1]!, '2025-02-01T00:00:00.000Z'),
    ]);
    expect(withdrawn.map((c) => [c.to, c.at, c.cause.change])).toEqual([
      ['engaged', '2025-02-01T00:00:00.000Z', 'recorded'],
      ['not-yet-engaged', '2025-06-01T00:00:00.000Z', 'withdrawn'],
    ]);
    const judgedAgain = stageChanges([
      span('a', engaged[0]!, '2025-01-01T00:00:00.000Z'),
      span('b', engaged[1]!, '2025-02-01T00:00:00.000Z'),
      span('c', engaged[1]!, '2025-09-01T00:00:00.000Z', { evidenced: false }),
    ]);
    expect(judgedAgain.map((c) => c.to)).toEqual(['engaged', 'not-yet-engaged']);
  });

  it('ignore evidence withdrawn before it ever counted', () => {
    expect(
      stageChanges([
        span('a', engaged[0]!, '2025-01-01T00:00:00.000Z', { withdrawnAt: '2024-01-01T00:00:00.000Z' }),
        span('b', engaged[1]!, '2025-02-01T00:00:00.000Z'),
      ]),
    ).toEqual([]);
  });
});

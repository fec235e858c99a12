import { invalid, withinRow } from '#libs/workforce';
import { body } from '../../shared/input.js';
import { SelfAssessIndicator } from './self-assess-indicator.command.js';

/** Indicators one request may assess: more than the catalogue's organisation indicators, so a whole cycle fits. */
export const SELF_ASSESSMENTS_MAX = 200;
const ROW_PROPERTIES = ['indicatorId', 'achieved', 'evidence'];

/**
 * The self-assessment of several organisation indicators of one cycle at once (what a learning lead
 * saves from the audit form); each row as `PUT …/indicators/:indicatorId` takes it, refusals naming the
 * row (`indicators[2].achieved`).
 */
export class SelfAssessIndicators {
  constructor(
    readonly organisationId: string,
    readonly auditId: string,
    readonly assessments: readonly SelfAssessIndicator[],
  ) {}

  static parse(organisationId: string, auditId: string, input: unknown, actor: string): SelfAssessIndicators {
    const raw = body(input).indicators;
    if (!Array.isArray(raw) || raw.length === 0)
      return invalid('indicators', 'must be a non-empty array of { indicatorId, achieved, evidence }');
    if (raw.length > SELF_ASSESSMENTS_MAX)
      return invalid('indicators', `must hold at most ${SELF_ASSESSMENTS_MAX} rows`);
    const rowOf = new Map<string, number>();
    const assessments = raw.map((value, i) =>
      withinRow(`indicators[${i}]`, () => {
        const row = body(value);
        const unknown = Object.keys(row).find((key) => !ROW_PROPERTIES.includes(key));
        if (unknown) invalid(unknown, `is not a property of a self-assessment (${ROW_PROPERTIES.join(', ')})`);
        if (typeof row.indicatorId !== 'string' || row.indicatorId.length === 0)
          invalid('indicatorId', 'is required and must be an organisation indicator id');
        const indicatorId = row.indicatorId as string;
        const earlier = rowOf.get(indicatorId);
        if (earlier !== undefined) invalid('indicatorId', `is also assessed in indicators[${earlier}]`);
        rowOf.set(indicatorId, i);
        return SelfAssessIndicator.parse(organisationId, auditId, indicatorId, row, actor);
      }),
    );
    return new SelfAssessIndicators(organisationId, auditId, assessments);
  }
}

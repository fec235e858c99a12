import type { Trend, TrendParams } from './trend-params.js';

/** One trend's rows for a scope: `*` (national) or one organisation's own figures. */
export class GetTrend {
  constructor(
    readonly trend: Trend,
    readonly params: TrendParams,
    readonly scope: string,
  ) {}
}

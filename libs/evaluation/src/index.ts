export { EvaluationModule } from './evaluation.module.js';
export { evaluationProjections, trendsMigrations } from './registration.js';
export { TRENDS_PROJECTION, trendsProjection } from './read-model/trends.projection.js';
export { suppress, MIN_SHOWN_COUNT, type SumGroup, type Suppression } from './privacy/suppress.js';
export * from './queries/get-trend/get-trend.query.js';
export { TRENDS, DIMENSIONS, type Trend, type TrendParams, type Dimension } from './queries/get-trend/trend-params.js';
export type { TrendRow } from './queries/get-trend/trend-rows.js';

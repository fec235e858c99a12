import { trendsProjection } from './read-model/trends.projection.js';

/** What the composition root registers for this context besides EvaluationModule: its one projection and its migrations. */
export const evaluationProjections = [trendsProjection] as const;
export { trendsMigrations } from './read-model/trends.migrations.js';

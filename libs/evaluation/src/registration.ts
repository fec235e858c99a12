import { trendsProjection } from './read-model/trends.projection.js';

/** What the composition root registers for this context besides EvaluationModule: its one projection (no migrations). */
export const evaluationProjections = [trendsProjection] as const;

/** The evaluator's views: a chunk of their own, loaded on an evaluator's first visit (workers never load it). */
export { TrendsView } from './trends';

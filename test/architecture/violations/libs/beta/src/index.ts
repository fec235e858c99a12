export { betaInternal } from './internal/detail.js';

// Deliberate cycle for test/architecture/lint.test.ts: gamma -> delta -> gamma, through their indexes.
import { delta } from '../../delta/src/index.js';

export const gamma = () => delta() + 1;

// Deliberate violations for test/architecture/lint.test.ts: reaches into beta's internals.
import { betaInternal } from '../../beta/src/internal/detail.js';

export const alpha = betaInternal + 1;

// Deliberate violation for test/architecture/lint.test.ts: a context importing the composition root.
import { everyContext } from '../../composition/src/index.js';

export const epsilon = everyContext.length;

import { gamma } from '../../gamma/src/index.js';

export const delta = (): number => (Math.random() > 2 ? gamma() : 0);

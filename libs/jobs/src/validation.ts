import { InvalidJobArgumentError } from './errors.js';

// Both adapters apply BullMQ's rules (names become Redis key segments, ':' separates them; integer
// ids collide with BullMQ's own counters) so that a job accepted in the embedded mode is also
// accepted on a cluster.
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ID_PATTERN = /^[A-Za-z0-9._~@=+-]{1,200}$/;

export function assertValidJobName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new InvalidJobArgumentError(
      `invalid job name ${JSON.stringify(name)}: use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
}

export function assertValidJobId(id: string): void {
  if (!ID_PATTERN.test(id) || /^-?\d+$/.test(id)) {
    throw new InvalidJobArgumentError(
      `invalid job id ${JSON.stringify(id)}: use 1-200 letters, digits or . _ ~ @ = + -, and not an integer`,
    );
  }
}

export function positiveConcurrency(concurrency: number | undefined): number {
  const value = concurrency ?? 1;
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidJobArgumentError(`concurrency must be a positive integer, got ${value}`);
  }
  return value;
}

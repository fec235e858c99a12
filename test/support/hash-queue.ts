import { expect } from 'vitest';
import { HASHES_IN_FLIGHT, MAX_HASHES_WAITING, passwordHashing } from '#libs/identity';

/**
 * Takes every running and waiting place of this process's hash queue (passwords and LRS client secrets)
 * with hashes that end when the returned function is called: until then, any hash is refused.
 */
export function holdEveryHashPlace(): () => Promise<void> {
  let end!: () => void;
  const held = new Promise<void>((resolve) => (end = resolve));
  const places = Array.from({ length: HASHES_IN_FLIGHT + MAX_HASHES_WAITING }, () => passwordHashing.run(() => held));
  expect(passwordHashing.waitingNow).toBe(MAX_HASHES_WAITING);
  return async () => {
    end();
    await Promise.all(places);
  };
}

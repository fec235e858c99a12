import { describe, expect, it } from 'vitest';
import { SignInRateLimiter } from './sign-in-rate-limiter.js';

function limiterAt(start = 0) {
  const clock = { now: start };
  const limiter = new SignInRateLimiter({ maxFailures: 3, windowMs: 60_000, maxKeys: 2 }, () => clock.now);
  return { limiter, clock };
}

describe('SignInRateLimiter', () => {
  it('refuses after the allowed failures until the window ends', () => {
    const { limiter, clock } = limiterAt();
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.1')).toBe(0);
      limiter.recordFailure('mary@example.org', '10.0.0.1');
    }
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.1')).toBe(60);
    clock.now = 59_500;
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.1')).toBe(1);
    clock.now = 60_000;
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.1')).toBe(0);
  });

  it('takes back a withdrawn failure (a sign-in refused before its password was checked) from both counts', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.recordFailure('mary@example.org', '10.0.0.1');
    limiter.withdrawFailure('Mary@Example.org', '10.0.0.1');
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.1')).toBe(0);
    limiter.recordFailure('mary@example.org', '10.0.0.1');
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.1')).toBe(60);
  });

  it('counts per email and IP, ignoring the email case', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.recordFailure('Mary@Example.org', '10.0.0.1');
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.2')).toBe(0);
    expect(limiter.retryAfterSeconds('michael@example.org', '10.0.0.1')).toBe(0);
  });

  it('also counts per email from every address, so a locked account stays locked whatever the address', () => {
    const clock = { now: 0 };
    const limiter = new SignInRateLimiter({ maxFailures: 3, maxAccountFailures: 5, windowMs: 60_000 }, () => clock.now);
    for (let i = 0; i < 5; i++) limiter.recordFailure('Mary@Example.org', `10.0.0.${i}`);
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.99')).toBe(60);
    expect(limiter.retryAfterSeconds('michael@example.org', '10.0.0.99')).toBe(0);
    clock.now = 60_000;
    expect(limiter.retryAfterSeconds('mary@example.org', '10.0.0.99')).toBe(0);
  });

  it('clears the count on a success', () => {
    const { limiter } = limiterAt();
    limiter.recordFailure('mary@example.org', 'ip');
    limiter.recordFailure('mary@example.org', 'ip');
    limiter.recordSuccess('mary@example.org', 'ip');
    limiter.recordFailure('mary@example.org', 'ip');
    limiter.recordFailure('mary@example.org', 'ip');
    expect(limiter.retryAfterSeconds('mary@example.org', 'ip')).toBe(0);
  });

  it('keeps at most maxKeys entries, dropping the oldest', () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) limiter.recordFailure('a@example.org', 'ip');
    limiter.recordFailure('b@example.org', 'ip');
    limiter.recordFailure('c@example.org', 'ip');
    expect(limiter.retryAfterSeconds('a@example.org', 'ip')).toBe(0);
  });
});

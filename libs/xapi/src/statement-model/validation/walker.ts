import type { XapiVersion } from '../types.js';
import { appendSegment, pathToString, type ValidationIssue } from './issues.js';

/**
 * The state of one validation run. The path is a reused stack of segments that becomes a string
 * only when an issue is reported, so a valid statement allocates (almost) nothing.
 */
export class Walker {
  version: XapiVersion = '1.0.3';
  issues: ValidationIssue[] = [];
  /** Inside a SubStatement, which may not nest another one and may not have id, stored, ... */
  inSubStatement = false;
  /** Whether the (Sub)Statement whose context is being checked has an Activity as its object. */
  objectIsActivity = true;
  private readonly segments: Array<string | number> = [];
  private depth = 0;

  reset(version: XapiVersion): void {
    this.version = version;
    this.issues = [];
    this.inSubStatement = false;
    this.objectIsActivity = true;
    this.depth = 0;
  }

  enter(segment: string | number): void {
    this.segments[this.depth++] = segment;
  }

  leave(): void {
    this.depth--;
  }

  /** Records an issue at the current path, or at `key` below it. */
  report(key: string | number | null, rule: string, section?: string): void {
    const base = pathToString(this.segments, this.depth);
    const path = key === null ? base : appendSegment(base, key);
    this.issues.push(section === undefined ? { path, rule } : { path, rule, section });
  }
}

/** Runs `check` on `value` with `key` appended to the path. */
export function visit(
  w: Walker,
  key: string | number,
  value: unknown,
  check: (w: Walker, value: unknown) => void,
): void {
  w.enter(key);
  check(w, value);
  w.leave();
}

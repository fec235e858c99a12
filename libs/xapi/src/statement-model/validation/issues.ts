/** One broken rule: where (a path below the statement) and what the rule is. */
export interface ValidationIssue {
  /** e.g. `actor.mbox`, `context.contextActivities.parent[0].id`; empty for the statement itself. */
  path: string;
  /** Short rule text, e.g. `must be a "mailto:" IRI`. */
  rule: string;
  /** The spec section the rule comes from, e.g. `xAPI Data 2.4.2.3`. */
  section?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders path segments as `a.b[0]["http://x"]`. */
export function pathToString(segments: ReadonlyArray<string | number>, length = segments.length): string {
  let out = '';
  for (let i = 0; i < length; i++) out = appendSegment(out, segments[i] as string | number);
  return out;
}

export function appendSegment(path: string, segment: string | number): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  if (IDENTIFIER.test(segment)) return path === '' ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}

/**
 * One message naming each property and its rule, for a 400 response:
 * `statement.actor.mbox: must be a "mailto:" IRI (xAPI Data 2.4.2.3)`.
 * `root` names what the paths are relative to, e.g. `statements[3]` within a batch.
 */
export function formatIssues(issues: readonly ValidationIssue[], root = 'statement'): string {
  return issues.map((issue) => formatIssue(issue, root)).join('; ');
}

export function formatIssue(issue: ValidationIssue, root = 'statement'): string {
  const where =
    issue.path === '' ? root : issue.path.startsWith('[') ? `${root}${issue.path}` : `${root}.${issue.path}`;
  return `${where}: ${issue.rule}${issue.section ? ` (${issue.section})` : ''}`;
}

// Statement Template validation, as xAPI Profiles 1.0 Part Three ("Communication and Processing") §2.1 gives it:
// a statement is checked against every template whose determining properties it has; the outcome is `success`
// (it matched templates and follows all their rules), `invalid` (it matched a template and breaks one of its
// rules) or `unmatched`. Rule locations use the specification's JSONPath subset: `$`, `.name`, `.*`, and
// brackets holding `*`, quoted names or non-negative indexes, comma-separated for a union. Filters and scripts
// are not part of that subset; any syntax outside it throws.

import { clfProfile } from './clf-profile.js';

type Json = unknown;
type Obj = Readonly<Record<string, unknown>>;

export interface TemplateRule {
  readonly location: string;
  readonly selector?: string;
  readonly presence?: string;
  readonly any?: readonly unknown[];
  readonly all?: readonly unknown[];
  readonly none?: readonly unknown[];
}

export interface StatementTemplate {
  readonly id: string;
  readonly verb?: string;
  readonly objectActivityType?: string;
  readonly contextGroupingActivityType?: readonly string[];
  readonly contextParentActivityType?: readonly string[];
  readonly contextOtherActivityType?: readonly string[];
  readonly contextCategoryActivityType?: readonly string[];
  readonly attachmentUsageType?: readonly string[];
  readonly objectStatementRefTemplate?: readonly string[];
  readonly contextStatementRefTemplate?: readonly string[];
  readonly rules?: readonly TemplateRule[];
}

export interface TemplateValidation {
  readonly outcome: 'success' | 'invalid' | 'unmatched';
  /** success: the templates matched; invalid: the matched templates whose rules are broken; unmatched: none. */
  readonly templates: readonly string[];
  /** For `invalid`: each broken rule, as "template id: location: what is wrong". */
  readonly problems: readonly string[];
}

/** Validates a statement against the CLF profile's statement templates. */
export function validateClfStatement(statement: Json): TemplateValidation {
  return validateStatementAgainstTemplates(statement, clfProfile.templates as readonly StatementTemplate[]);
}

/** One rule of a matched template that a statement breaks. */
export interface BrokenRule {
  readonly template: string;
  /** The rule's location (and selector), or `object` / `context.statement` for a StatementRef requirement. */
  readonly location: string;
  /** What is wrong, in the specification's terms. */
  readonly problem: string;
  /** The rule as the profile states it (absent for a StatementRef requirement), with its scopeNote. */
  readonly rule?: TemplateRule & { readonly scopeNote?: Readonly<Record<string, string>> };
}

export interface TemplateCheck {
  /** Templates whose determining properties the statement has, in the profile's order. */
  readonly matched: readonly string[];
  /** The rules of those templates it breaks. */
  readonly broken: readonly BrokenRule[];
}

/**
 * Which templates a statement matches by their determining properties, and which of their rules it breaks.
 * A StatementRef object or context statement is not looked up: only that it is a StatementRef is checked.
 */
export function checkAgainstTemplates(statement: Json, templates: readonly StatementTemplate[]): TemplateCheck {
  const s = normalise(obj(statement));
  const matched: string[] = [];
  const broken: BrokenRule[] = [];
  for (const template of templates) {
    if (!matchesDeterminingProperties(s, template)) continue;
    matched.push(template.id);
    broken.push(...brokenRules(s, template));
  }
  return { matched, broken };
}

/** `checkAgainstTemplates` against the CLF profile's statement templates. */
export function checkAgainstClfTemplates(statement: Json): TemplateCheck {
  return checkAgainstTemplates(statement, clfProfile.templates as readonly StatementTemplate[]);
}

/** Validates a statement against statement templates (the outcome of the specification's algorithm). */
export function validateStatementAgainstTemplates(
  statement: Json,
  templates: readonly StatementTemplate[],
): TemplateValidation {
  const { matched, broken } = checkAgainstTemplates(statement, templates);
  if (broken.length > 0) {
    const failing = matched.filter((id) => broken.some((b) => b.template === id));
    return {
      outcome: 'invalid',
      templates: failing,
      problems: broken.map((b) => `${b.template}: ${b.location}: ${b.problem}`),
    };
  }
  return matched.length > 0
    ? { outcome: 'success', templates: matched, problems: [] }
    : { outcome: 'unmatched', templates: [], problems: [] };
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other'] as const;

/** xAPI contextActivities normalisation: a single activity becomes an array of one, as the algorithm requires. */
function normalise(statement: Obj): Obj {
  const context = obj(statement.context);
  const activities = context.contextActivities;
  if (!isObj(activities)) return statement;
  const normalised = Object.fromEntries(
    Object.entries(activities).map(([key, value]) => [
      key,
      Array.isArray(value) || value === undefined ? value : [value],
    ]),
  );
  return { ...statement, context: { ...context, contextActivities: normalised } };
}

function activityTypes(value: unknown): string[] {
  return (Array.isArray(value) ? value : []).flatMap((a) => {
    const type = obj(obj(a).definition).type;
    return typeof type === 'string' ? [type] : [];
  });
}

function matchesDeterminingProperties(s: Obj, t: StatementTemplate): boolean {
  if (t.verb !== undefined && obj(s.verb).id !== t.verb) return false;
  if (t.objectActivityType !== undefined) {
    const object = obj(s.object);
    if (object.objectType !== undefined && object.objectType !== 'Activity') return false;
    if (obj(object.definition).type !== t.objectActivityType) return false;
  }
  const contextActivities = obj(obj(s.context).contextActivities);
  const superset = (have: readonly string[], want: readonly string[] | undefined) =>
    (want ?? []).every((w) => have.includes(w));
  const byKey: Record<(typeof CONTEXT_ACTIVITY_KEYS)[number], readonly string[] | undefined> = {
    parent: t.contextParentActivityType,
    grouping: t.contextGroupingActivityType,
    category: t.contextCategoryActivityType,
    other: t.contextOtherActivityType,
  };
  for (const key of CONTEXT_ACTIVITY_KEYS) {
    if (!superset(activityTypes(contextActivities[key]), byKey[key])) return false;
  }
  const usageTypes = (Array.isArray(s.attachments) ? s.attachments : []).flatMap((a) => {
    const usage = obj(a).usageType;
    return typeof usage === 'string' ? [usage] : [];
  });
  return superset(usageTypes, t.attachmentUsageType);
}

function brokenRules(s: Obj, t: StatementTemplate): BrokenRule[] {
  const broken: BrokenRule[] = [];
  if (t.objectStatementRefTemplate !== undefined && obj(s.object).objectType !== 'StatementRef') {
    broken.push({ template: t.id, location: 'object', problem: 'must be a StatementRef' });
  }
  if (t.contextStatementRefTemplate !== undefined && obj(obj(s.context).statement).objectType !== 'StatementRef') {
    broken.push({ template: t.id, location: 'context.statement', problem: 'must be a StatementRef' });
  }
  for (const rule of t.rules ?? []) {
    const problem = ruleProblem(s, rule);
    if (problem)
      broken.push({
        template: t.id,
        location: `${rule.location}${rule.selector ? ` ${rule.selector}` : ''}`,
        problem,
        rule,
      });
  }
  return broken;
}

const UNMATCHABLE = Symbol('unmatchable');
type Value = Json | typeof UNMATCHABLE;

/** The specification's follows_rule, returning what is wrong, or undefined when the rule is followed. */
export function ruleProblem(statement: Json, rule: TemplateRule): string | undefined {
  let values: Value[] = evaluateJsonPath(statement, rule.location);
  if (rule.selector !== undefined) {
    const selector = rule.selector;
    values = values.flatMap((v) => {
      const selected = evaluateJsonPath(v, selector);
      return selected.length === 0 ? [UNMATCHABLE] : selected;
    });
  }
  const matchable = values.filter((v) => v !== UNMATCHABLE);
  let strict = true;
  if (rule.presence === 'included') {
    if (values.length === 0 || matchable.length < values.length) return 'is required (presence: included)';
  } else if (rule.presence === 'excluded') {
    if (matchable.length > 0) return 'must be absent (presence: excluded)';
  } else if (rule.presence === 'recommended') {
    strict = false;
  }
  if (!strict && values.length === 0) return undefined;
  const has = (list: readonly unknown[], v: Value) => v !== UNMATCHABLE && list.some((x) => sameJson(x, v));
  if (rule.any !== undefined && !values.some((v) => has(rule.any!, v))) {
    return `must have at least one of ${JSON.stringify(rule.any)} (any), has ${describe(values)}`;
  }
  if (rule.all !== undefined && (matchable.length < values.length || !values.every((v) => has(rule.all!, v)))) {
    return `must have only values of ${JSON.stringify(rule.all)} (all), has ${describe(values)}`;
  }
  if (rule.none !== undefined && values.some((v) => has(rule.none!, v))) {
    return `must have none of ${JSON.stringify(rule.none)} (none), has ${describe(values)}`;
  }
  return undefined;
}

const describe = (values: Value[]) =>
  values.length === 0
    ? 'nothing'
    : values.map((v) => (v === UNMATCHABLE ? '(unmatchable)' : JSON.stringify(v))).join(', ');

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Obj)[k], (b as Obj)[k]));
}

type Step = { kind: 'all' } | { kind: 'names'; names: string[] } | { kind: 'indexes'; indexes: number[] };

/** Parses a JSONPath of the specification's subset into steps; throws on anything else. */
export function parseJsonPath(path: string): Step[] {
  if (!path.startsWith('$')) throw new Error(`JSONPath ${path}: must start with $`);
  const steps: Step[] = [];
  let i = 1;
  const fail = (why: string): never => {
    throw new Error(`JSONPath ${path}: ${why} at ${i}`);
  };
  while (i < path.length) {
    if (path[i] === '.') {
      i++;
      if (path[i] === '.') fail('recursive descent (..) is not supported');
      if (path[i] === '*') {
        steps.push({ kind: 'all' });
        i++;
        continue;
      }
      const m = /^[A-Za-z_$][\w$-]*/.exec(path.slice(i));
      if (!m) fail('expected a name after .');
      steps.push({ kind: 'names', names: [m![0]] });
      i += m![0].length;
    } else if (path[i] === '[') {
      const close = closingBracket(path, i) ?? fail('unclosed [');
      const inside = path.slice(i + 1, close).trim();
      i = close + 1;
      if (inside === '*') {
        steps.push({ kind: 'all' });
        continue;
      }
      if (inside.startsWith('?') || inside.startsWith('(')) fail('filter and script expressions are not allowed');
      const parts = splitUnion(inside);
      if (parts.every((p) => /^\d+$/.test(p))) steps.push({ kind: 'indexes', indexes: parts.map(Number) });
      else if (parts.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p)))
        steps.push({ kind: 'names', names: parts.map((p) => p.slice(1, -1)) });
      else fail(`unsupported bracket expression [${inside}]`);
    } else {
      fail(`unexpected ${path[i]}`);
    }
  }
  return steps;
}

function closingBracket(path: string, open: number): number | undefined {
  let quote: string | undefined;
  for (let j = open + 1; j < path.length; j++) {
    const c = path[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ']') return j;
  }
  return undefined;
}

function splitUnion(inside: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (const c of inside) {
    if (quote) {
      current += c;
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === ',') {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  parts.push(current.trim());
  return parts;
}

/** The values a JSONPath finds in a document (none when a step finds nothing). */
export function evaluateJsonPath(document: Json, path: string): Json[] {
  let nodes: Json[] = [document];
  for (const step of parseJsonPath(path)) {
    nodes = nodes.flatMap((node): Json[] => {
      if (step.kind === 'all') return Array.isArray(node) ? node : isObj(node) ? Object.values(node) : [];
      if (step.kind === 'indexes')
        return Array.isArray(node) ? step.indexes.filter((n) => n < node.length).map((n) => node[n]) : [];
      return isObj(node) ? step.names.filter((n) => Object.hasOwn(node, n)).map((n) => node[n]) : [];
    });
    nodes = nodes.filter((n) => n !== undefined);
  }
  return nodes;
}

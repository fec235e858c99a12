import { z } from 'zod';
import { checkIdentifier, NOT_AN_AGENT } from './identifiers.js';

/** Workforce properties shared by several request bodies, each one zod definition with the rule its 400 names. */

/** A list of non-blank strings of at most `max` characters each, trimmed; absent is empty. */
export function textList(max = 200) {
  const rule = `must be a non-empty string of at most ${max} characters`;
  return z
    .array(
      z
        .string({ error: rule })
        .min(1, { error: rule, abort: true })
        .refine((value) => value.trim().length > 0, { error: rule, abort: true })
        .max(max, { error: rule })
        .overwrite((value) => value.trim()),
      { error: 'must be an array of strings' },
    )
    .default([]);
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Ids chosen by callers (e.g. an organisation id that LRS clients also carry) are slugs, safe in stream ids. */
export function slug() {
  const rule = 'must be lower-case letters, digits and hyphens (1-63), starting with a letter or digit';
  return z.string({ error: rule }).regex(SLUG, { error: rule });
}

/**
 * An xAPI Agent identifier (exactly one of mbox, mbox_sha1sum, openid, account), checked by the xAPI rules
 * for Agents; the refusal names the part of it at fault (`identifier.account.name`).
 */
export function agentIdentifier() {
  return z
    .looseObject({}, { error: NOT_AN_AGENT })
    .meta({
      description: 'an xAPI Agent identifier: one of mbox, mbox_sha1sum, openid, account',
      example: { mbox: 'mailto:mary@example.org' },
    })
    .transform((value, context) => {
      const checked = checkIdentifier(value);
      if ('identifier' in checked) return checked.identifier;
      context.addIssue({ code: 'custom', path: checked.problem.path, message: checked.problem.rule });
      return z.NEVER;
    });
}

const IDENTIFIERS_RULE = 'must be a non-empty array of xAPI Agent identifiers';

/** A worker's identifiers as registration takes them: at least one; the first decides a new worker's id. */
export function agentIdentifiers() {
  return z.array(agentIdentifier(), { error: IDENTIFIERS_RULE }).min(1, { error: IDENTIFIERS_RULE });
}

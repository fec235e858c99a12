import { z } from 'zod';

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

import { describe, expect, it } from 'vitest';
import { parseGenerateOptions } from '#libs/generator';
import { bodyOf } from './generate.command.js';

describe('generate: the flags as the API body', () => {
  it('sends numbers as numbers, so the API checks the same body an /api caller sends', () => {
    const body = bodyOf({
      organisations: '20',
      workers: '500',
      years: '4',
      seed: 'demo',
      surveyRespondents: '0',
      wait: true,
    });
    expect(body).toEqual({ organisations: 20, workers: 500, years: 4, seed: 'demo', surveyRespondents: 0 });
    expect(parseGenerateOptions(body, '2026-12-06')).toEqual({
      organisations: 20,
      workers: 500,
      years: 4,
      seed: 'demo',
      until: '2026-12-06',
      surveyRespondents: 0,
    });
  });

  it('leaves a flag that is not a whole number as text, for the API to name', () => {
    const body = bodyOf({ organisations: '2.5', workers: 'many', years: '4', seed: 'Seed!', wait: true });
    expect(() => parseGenerateOptions(body, '2026-12-06')).toThrow(
      'seed: must be 1-24 lowercase letters, digits or hyphens',
    );
    expect(() => parseGenerateOptions({ ...body, seed: 'ok' }, '2026-12-06')).toThrow(
      'organisations: must be an integer from 1 to 20000',
    );
  });
});

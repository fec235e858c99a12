import { describe, expect, it } from 'vitest';
import {
  APPENDIX_A_LONG,
  APPENDIX_B_OBJECTS,
  APPENDIX_C_DEFINITIONS,
  OAUTH_AUTHORITY,
} from '../testing/spec-examples.js';
import type { Activity, Agent, Group, Statement, SubStatement } from '../types.js';
import { validateStatement } from '../validation/statement.js';
import { agentIfi, ifiOf, normaliseMbox } from './agent-ifi.js';
import { deepEqual, sameInstant, statementsAreEquivalent } from './equivalence.js';
import { formatStatement } from './format.js';
import { bestLanguage, filterLanguageMap, parseAcceptLanguage } from './language.js';
import { normaliseStatement } from './normalise.js';

const LONG = APPENDIX_A_LONG as unknown as Statement;
const ACTIVITY: Activity = { objectType: 'Activity', id: 'http://example.org/a' };
const BASE: Statement = {
  id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
  actor: { mbox: 'mailto:ann@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-GB': 'attempted' } },
  object: ACTIVITY,
};

describe('normaliseStatement (xAPI Data 2.4.6.2.s4.b3-b4)', () => {
  it('turns single context activities into arrays of one', () => {
    const statement: Statement = {
      ...BASE,
      context: { contextActivities: { parent: ACTIVITY, grouping: [ACTIVITY] } },
    };
    const normalised = normaliseStatement(statement);
    expect(normalised.context?.contextActivities).toEqual({ parent: [ACTIVITY], grouping: [ACTIVITY] });
    expect(statement.context?.contextActivities?.parent).toBe(ACTIVITY);
  });
  it('does the same inside a SubStatement', () => {
    const sub = {
      ...APPENDIX_B_OBJECTS.subStatement,
      context: { contextActivities: { other: ACTIVITY } },
    } as SubStatement;
    const normalised = normaliseStatement({ ...BASE, object: sub });
    expect((normalised.object as SubStatement).context?.contextActivities).toEqual({ other: [ACTIVITY] });
  });
  it('returns the same object when nothing changes and adds no defaults', () => {
    const statement: Statement = { ...BASE, object: { id: 'http://example.org/a' } };
    expect(normaliseStatement(statement)).toBe(statement);
    expect(normaliseStatement(LONG)).toBe(LONG);
  });
});

describe('agentIfi', () => {
  it.each<[string, Agent | Group, string | undefined]>([
    ['mbox with domain case folded', { mbox: 'mailto:Ann@Example.ORG' }, 'mbox:mailto:Ann@example.org'],
    [
      'mbox_sha1sum lower-cased',
      { mbox_sha1sum: 'EBD31E95054C018B10727CCFFD2EF2EC3A016EE9' },
      'mbox_sha1sum:ebd31e95054c018b10727ccffd2ef2ec3a016ee9',
    ],
    ['openid', { openid: 'http://toby.openid.example.org/' }, 'openid:http://toby.openid.example.org/'],
    [
      'account',
      { account: { homePage: 'http://www.example.com', name: '13936749' } },
      'account:http://www.example.com 13936749',
    ],
    ['identified group', APPENDIX_B_OBJECTS.group as Group, 'account:http://example.com/homePage GroupAccount'],
    ['anonymous group', OAUTH_AUTHORITY as Group, undefined],
    ['two identifiers', { mbox: 'mailto:a@example.org', openid: 'http://x.example' }, undefined],
  ])('%s', (_t, agent, key) => expect(agentIfi(agent)).toBe(key));
  it('ignores name and objectType', () => {
    expect(agentIfi({ objectType: 'Agent', name: 'Ann', mbox: 'mailto:ann@example.org' })).toBe(
      agentIfi({ mbox: 'mailto:ann@EXAMPLE.org' }),
    );
  });
  it('handles null and undefined', () => {
    expect(agentIfi(null)).toBeUndefined();
    expect(agentIfi(undefined)).toBeUndefined();
  });
  it('ifiOf keeps only the identifier', () =>
    expect(ifiOf(APPENDIX_B_OBJECTS.agent as Agent)).toEqual({ mbox: 'mailto:andrew@example.co.uk' }));
  it('normaliseMbox keeps the local part', () =>
    expect(normaliseMbox('mailto:Ann.B@EXAMPLE.org')).toBe('mailto:Ann.B@example.org'));
});

describe('statementsAreEquivalent (xAPI Data 2.3.1 Statement Comparison Requirements)', () => {
  const copy = (): Statement => structuredClone(LONG);
  it('a statement equals itself and its copy', () => {
    expect(statementsAreEquivalent(LONG, LONG)).toBe(true);
    expect(statementsAreEquivalent(LONG, copy())).toBe(true);
  });

  it.each<[string, (s: Statement) => void]>([
    ['stored differs', (s) => (s.stored = '2024-01-01T00:00:00Z')],
    ['authority differs', (s) => (s.authority = { mbox: 'mailto:lrs@example.org' })],
    ['version differs', (s) => (s.version = '1.0.3')],
    ['version absent', (s) => delete s.version],
    ['id absent on one side (assigned by the LRS)', (s) => delete s.id],
    ['id in upper case', (s) => (s.id = s.id?.toUpperCase())],
    ['timestamp absent on one side', (s) => delete s.timestamp],
    ['timestamp in another time zone', (s) => (s.timestamp = '2013-05-18T07:32:34.804+02:00')],
    ['timestamp with more precision', (s) => (s.timestamp = '2013-05-18T05:32:34.8040Z')],
    ['timestamp rounded below a millisecond', (s) => (s.timestamp = '2013-05-18T05:32:34.8043Z')],
    ['verb display differs', (s) => (s.verb.display = { fr: 'a assisté' })],
    ['activity definition differs', (s) => ((s.object as Activity).definition = { name: { en: 'other' } })],
    [
      'context activity definition differs',
      (s) => delete (s.context?.contextActivities?.category as Activity[])[0]?.definition,
    ],
    ['group members in another order', (s) => (s.actor as Group).member?.reverse()],
    ['email domain case', (s) => ((s.context?.team as unknown as Agent).mbox = 'mailto:teampb@EXAMPLE.com')],
    ['registration case', (s) => (s.context!.registration = s.context!.registration!.toUpperCase())],
    ['language tag case', (s) => (s.context!.language = 'TLH')],
    [
      'single context activity instead of an array',
      (s) => (s.context!.contextActivities!.parent = (s.context!.contextActivities!.parent as Activity[])[0]),
    ],
    ['objectType Activity omitted', (s) => delete (s.object as Activity).objectType],
    ['objectType Agent omitted on instructor', (s) => delete (s.context!.instructor as Agent).objectType],
  ])('ignores: %s', (_t, change) => {
    const changed = copy();
    change(changed);
    expect(statementsAreEquivalent(LONG, changed)).toBe(true);
    expect(statementsAreEquivalent(changed, LONG)).toBe(true);
  });

  it.each<[string, (s: Statement) => void]>([
    ['different id', (s) => (s.id = '00000000-0000-0000-0000-000000000000')],
    ['different instant', (s) => (s.timestamp = '2013-05-18T05:32:35.804Z')],
    ['different verb', (s) => (s.verb = { id: 'http://adlnet.gov/expapi/verbs/attempted' })],
    ['different activity id', (s) => ((s.object as Activity).id = 'http://www.example.com/other')],
    ['different actor name', (s) => (s.actor.name = 'Team PC')],
    ['a member removed', (s) => (s.actor as Group).member?.pop()],
    ['email local part case', (s) => ((s.context?.team as unknown as Agent).mbox = 'mailto:TeamPB@example.com')],
    ['result success', (s) => (s.result!.success = false)],
    ['result duration written differently', (s) => (s.result!.duration = 'PT3600S')],
    ['result extension value', (s) => (s.result!.extensions = { 'http://example.com/x': 1 })],
    ['context platform', (s) => (s.context!.platform = 'other')],
    ['context extensions added', (s) => (s.context!.extensions = { 'http://example.com/x': 1 })],
    ['context activity removed', (s) => (s.context!.contextActivities!.other as Activity[]).pop()],
    ['context activities reordered', (s) => (s.context!.contextActivities!.other as Activity[]).reverse()],
    [
      'attachments added',
      (s) =>
        (s.attachments = [
          {
            usageType: 'http://x.example/u',
            display: { en: 'x' },
            contentType: 'text/plain',
            length: 1,
            sha2: 'a'.repeat(64),
          },
        ]),
    ],
  ])('does not ignore: %s', (_t, change) => {
    const changed = copy();
    change(changed);
    expect(statementsAreEquivalent(LONG, changed)).toBe(false);
  });

  it('ignores duration precision beyond 0.01 s', () => {
    const a = copy();
    const b = copy();
    a.result!.duration = 'PT1H0M0.0012S';
    b.result!.duration = 'PT1H0M0.001S';
    expect(statementsAreEquivalent(a, b)).toBe(true);
  });

  it('ignores key order at every depth', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    expect(statementsAreEquivalent(LONG, reversed(LONG) as Statement)).toBe(true);
  });

  it('can leave attachments out, for signature checks', () => {
    const signed = copy();
    signed.attachments = [
      {
        usageType: 'http://adlnet.gov/expapi/attachments/signature',
        display: { en: 'sig' },
        contentType: 'application/octet-stream',
        length: 10,
        sha2: 'a'.repeat(64),
      },
    ];
    expect(statementsAreEquivalent(LONG, signed, { ignoreAttachments: true })).toBe(true);
  });

  it('compares SubStatements, including their timestamps', () => {
    const sub = { ...APPENDIX_B_OBJECTS.subStatement, timestamp: '2030-01-01T00:00:00Z' } as SubStatement;
    const a: Statement = { ...BASE, object: sub };
    expect(statementsAreEquivalent(a, { ...BASE, object: { ...sub, timestamp: '2030-01-01T01:00:00+01:00' } })).toBe(
      true,
    );
    expect(statementsAreEquivalent(a, { ...BASE, object: { ...sub, timestamp: undefined } as SubStatement })).toBe(
      false,
    );
    expect(statementsAreEquivalent(a, { ...BASE, object: { ...sub, verb: { id: 'http://example.com/denied' } } })).toBe(
      false,
    );
  });

  it('sameInstant and deepEqual', () => {
    expect(sameInstant('2015-11-18T12:17:00+00:00', '2015-11-18T12:17:00Z')).toBe(true);
    expect(sameInstant('2015-11-18T12:17:00Z', 'garbage')).toBe(false);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });
});

describe('Accept-Language', () => {
  it('orders ranges by q, then by position', () => {
    expect(parseAcceptLanguage('fr;q=0.5, en-GB, en;q=0.8, *;q=0.1, de;q=0')).toEqual(['en-GB', 'en', 'fr', '*']);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });
  it.each<[string[], string]>([
    [['en-GB'], 'en-GB'],
    [['en'], 'en-US'],
    [['es'], 'es'],
    [['es-MX'], 'es'],
    [['de', 'es'], 'es'],
    [['*'], 'en-US'],
    [['de'], 'en-US'],
    [[], 'en-US'],
  ])('picks the best entry for %j', (languages, expected) => {
    expect(bestLanguage({ 'en-US': 'a', 'en-GB': 'b', es: 'c' }, languages)).toBe(expected);
  });
  it('filters a map to one entry', () => {
    expect(filterLanguageMap({ 'en-US': 'a', es: 'c' }, ['es'])).toEqual({ es: 'c' });
    expect(filterLanguageMap({}, ['es'])).toEqual({});
  });
});

describe('formatStatement (xAPI Communication 2.1.3 format)', () => {
  it('exact returns the statement with context activities as arrays', () => {
    const statement: Statement = { ...BASE, context: { contextActivities: { parent: ACTIVITY } } };
    expect(formatStatement(statement, 'exact').context?.contextActivities?.parent).toEqual([ACTIVITY]);
    expect(formatStatement(LONG, 'exact')).toEqual(LONG);
  });

  it('ids reduces agents, groups, activities and verbs to what identifies them', () => {
    const ids = formatStatement(LONG, 'ids');
    expect(ids.actor).toEqual({ objectType: 'Group', mbox: 'mailto:teampb@example.com' });
    expect(ids.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/attended' });
    expect(ids.object).toEqual({ id: 'http://www.example.com/meetings/occurances/34534' });
    expect(ids.authority).toEqual({
      objectType: 'Agent',
      account: { homePage: 'http://cloud.scorm.com/', name: 'anonymous' },
    });
    expect(ids.context?.instructor).toEqual({
      objectType: 'Agent',
      account: { homePage: 'http://www.example.com', name: '13936749' },
    });
    expect(ids.context?.contextActivities?.category).toEqual([
      { id: 'http://www.example.com/meetings/categories/teammeeting' },
    ]);
    expect(ids.result).toEqual(LONG.result);
    expect(validateStatement(ids, { version: '1.0.3' })).toEqual([]);
  });

  it('ids keeps an anonymous group identified by its members', () => {
    const statement: Statement = {
      ...BASE,
      actor: { objectType: 'Group', name: 'x', member: [{ name: 'Ann', mbox: 'mailto:ann@example.org' }] },
    };
    expect(formatStatement(statement, 'ids').actor).toEqual({
      objectType: 'Group',
      member: [{ objectType: 'Agent', mbox: 'mailto:ann@example.org' }],
    });
  });

  it('ids applies inside a SubStatement: its Activities carry only their id (Communication 2.1.3 format, XAPI-00171)', () => {
    const sub = {
      ...APPENDIX_B_OBJECTS.subStatement,
      object: { objectType: 'Activity', id: 'http://example.org/x', definition: { name: { en: 'x' } } },
      context: {
        contextActivities: {
          parent: [{ objectType: 'Activity', id: 'http://example.org/p', definition: { name: { en: 'p' } } }],
        },
      },
    } as SubStatement;
    const out = formatStatement({ ...BASE, object: sub }, 'ids').object as SubStatement;
    expect(out.verb).toEqual({ id: 'http://example.com/confirmed' });
    expect(out.object).toEqual({ id: 'http://example.org/x' });
    expect(out.context?.contextActivities?.parent).toEqual([{ id: 'http://example.org/p' }]);
    expect(validateStatement({ ...BASE, object: out } as Statement, { version: '1.0.3' })).toEqual([]);
  });

  it('canonical keeps one language per map and agents as they are', () => {
    const out = formatStatement(LONG, 'canonical', ['en-GB']);
    expect(out.verb.display).toEqual({ 'en-GB': 'attended' });
    expect((out.object as Activity).definition?.name).toEqual({ 'en-GB': 'example meeting' });
    expect((out.object as Activity).definition?.description).toEqual({
      'en-GB': 'An example meeting that happened on a specific occasion with certain people present.',
    });
    expect(out.actor).toEqual(LONG.actor);
  });

  it('canonical filters interaction component descriptions', () => {
    const definition = structuredClone(APPENDIX_C_DEFINITIONS.choice) as unknown as NonNullable<Activity['definition']>;
    definition.choices![0]!.description = { 'en-US': 'Golf Example', fr: 'Exemple de golf' };
    const out = formatStatement({ ...BASE, object: { ...ACTIVITY, definition } }, 'canonical', ['fr']);
    expect((out.object as Activity).definition?.choices?.[0]?.description).toEqual({ fr: 'Exemple de golf' });
  });

  it('canonical uses the canonical definitions the LRS holds', () => {
    const source = {
      activityDefinition: (id: string) =>
        id === ACTIVITY.id ? { name: { en: 'Canonical', de: 'Kanonisch' } } : undefined,
      verbDisplay: () => ({ en: 'tried', de: 'versucht' }),
    };
    const out = formatStatement(BASE, 'canonical', ['de'], source);
    expect((out.object as Activity).definition).toEqual({ name: { de: 'Kanonisch' } });
    expect(out.verb.display).toEqual({ de: 'versucht' });
  });

  it('does not modify its input', () => {
    const statement = structuredClone(LONG);
    formatStatement(statement, 'ids');
    formatStatement(statement, 'canonical', ['en']);
    expect(statement).toEqual(LONG);
  });
});

import { describe, expect, it } from 'vitest';
import {
  APPENDIX_A_COMPLETION,
  APPENDIX_A_LONG,
  APPENDIX_A_SIMPLE,
  APPENDIX_B_OBJECTS,
  APPENDIX_C_DEFINITIONS,
  APPENDIX_D_SIGNED_ORIGINAL,
  OAUTH_AUTHORITY,
  SIMPLEST,
  STATEMENT_REF,
  SUBSTATEMENT,
  VOIDING,
  patch,
} from '../testing/spec-examples.js';
import type { XapiVersion } from '../types.js';
import { formatIssues } from './issues.js';
import { isValidStatement, validateStatement } from './statement.js';

const V1: { version: XapiVersion } = { version: '1.0.3' };
const V2: { version: XapiVersion } = { version: '2.0.0' };
const AGENT = { objectType: 'Agent', mbox: 'mailto:learner@example.org' };
const ACTIVITY = { objectType: 'Activity', id: 'http://example.org/activity/1' };
const SHA256 = '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a';
const ATTACHMENT = {
  usageType: 'http://example.com/attachment-usage/test',
  display: { 'en-US': 'A test attachment' },
  contentType: 'text/plain; charset=ascii',
  length: 27,
  sha2: SHA256,
  fileUrl: 'http://over.there.com/file.txt',
};
const BASE = {
  id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
  actor: AGENT,
  verb: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-GB': 'attempted' } },
  object: ACTIVITY,
};
const withSub = (path: string, value: unknown) =>
  patch({ ...BASE, object: APPENDIX_B_OBJECTS.subStatement }, `object.${path}`, value);

function issuesOf(statement: unknown, options = V1): string[] {
  return validateStatement(statement, options).map((i) => `${i.path}: ${i.rule}`);
}

describe('validateStatement: the specification examples are valid', () => {
  it.each([
    ['2.4 simplest statement', SIMPLEST],
    ['2.3.2 voiding statement', VOIDING],
    ['2.4.4.3 StatementRef comment', STATEMENT_REF],
    ['2.4.4.3 SubStatement', SUBSTATEMENT],
    ['Appendix A simple', APPENDIX_A_SIMPLE],
    ['Appendix A completion', APPENDIX_A_COMPLETION],
    ['Appendix A long (as returned, with authority and stored)', APPENDIX_A_LONG],
    ['Appendix B Agent object', { ...BASE, object: APPENDIX_B_OBJECTS.agent }],
    ['Appendix B Group object', { ...BASE, object: APPENDIX_B_OBJECTS.group }],
    ['Appendix B Activity object', { ...BASE, object: APPENDIX_B_OBJECTS.activity }],
    ['Appendix B SubStatement object', { ...BASE, object: APPENDIX_B_OBJECTS.subStatement }],
    ['Appendix D signed statement original', APPENDIX_D_SIGNED_ORIGINAL],
    ['2.4.9 OAuth authority group', { ...BASE, authority: OAUTH_AUTHORITY }],
  ])('%s (1.0.3 and 2.0)', (_name, statement) => {
    expect(issuesOf(statement, V1)).toEqual([]);
    expect(issuesOf(statement, V2)).toEqual([]);
  });

  it.each(Object.entries(APPENDIX_C_DEFINITIONS))('Appendix C %s interaction', (_type, definition) => {
    const statement = { ...BASE, object: { ...ACTIVITY, definition } };
    expect(issuesOf(statement)).toEqual([]);
    expect(issuesOf(statement, V2)).toEqual([]);
  });
});

/** [title, statement, path expected in an issue, fragment of its rule] */
type Failing = [string, unknown, string, string];

function expectIssue(statement: unknown, path: string, rule: string, options = V1): void {
  const issues = validateStatement(statement, options);
  const match = issues.find((i) => i.path === path && i.rule.includes(rule));
  expect(match, `expected "${path}: …${rule}…" in ${JSON.stringify(issues)}`).toBeDefined();
}

describe('statement structure (xAPI Data 2.2, 2.4)', () => {
  it.each<Failing>([
    ['not an object', 'hello', '', 'must be a JSON object'],
    ['an array', [BASE], '', 'must be a JSON object'],
    ['null', null, '', 'must not be null'],
    ['actor missing', patch(BASE, 'actor', undefined), 'actor', 'is required'],
    ['verb missing', patch(BASE, 'verb', undefined), 'verb', 'is required'],
    ['object missing', patch(BASE, 'object', undefined), 'object', 'is required'],
    ['unknown top-level property', { ...BASE, foo: 1 }, 'foo', 'is not a property of a Statement'],
    ['key case must match', { ...BASE, Actor: AGENT }, 'Actor', 'is not a property'],
    ['null value', { ...BASE, result: null }, 'result', 'must not be null'],
    ['null deep value', patch(BASE, 'verb.display.en-GB', null), 'verb.display["en-GB"]', 'must not be null'],
    ['id not a UUID', { ...BASE, id: 'not-a-uuid' }, 'id', 'UUID'],
    ['id too many digits', { ...BASE, id: 'AA97B177-9383-4934-8543-0F91A7A028368' }, 'id', 'UUID'],
    ['id non-hex letter', { ...BASE, id: 'MA97B177-9383-4934-8543-0F91A7A02836' }, 'id', 'UUID'],
    ['id a number', { ...BASE, id: 12345 }, 'id', 'must be a string'],
    ['id empty', { ...BASE, id: '' }, 'id', 'UUID'],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it.each([
    ['upper-case UUID', { ...BASE, id: 'FD41C918-B88B-4B20-A0A5-A4C32391AAA0' }],
    ['non-variant-2 UUID', { ...BASE, id: '12345678-1234-5678-1234-567812345678' }],
    ['no id', patch(BASE, 'id', undefined)],
    ['null inside extensions', { ...BASE, result: { extensions: { 'http://example.com/null': null } } }],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));
});

describe('actor: Agents and Groups (xAPI Data 2.4.2)', () => {
  it.each<Failing>([
    [
      'agent without IFI',
      { ...BASE, actor: { objectType: 'Agent', name: 'x' } },
      'actor',
      'exactly one inverse functional identifier',
    ],
    [
      'agent with two IFIs',
      { ...BASE, actor: { mbox: 'mailto:a@example.com', openid: 'http://openid.example.org/a' } },
      'actor',
      'more than one',
    ],
    ['mbox without mailto', { ...BASE, actor: { mbox: 'a@example.com' } }, 'actor.mbox', '"mailto:" IRI'],
    ['mbox not an email', { ...BASE, actor: { mbox: 'mailto:nobody' } }, 'actor.mbox', '"mailto:" IRI'],
    ['mbox empty', { ...BASE, actor: { mbox: '' } }, 'actor.mbox', '"mailto:" IRI'],
    ['mbox_sha1sum not hex', { ...BASE, actor: { mbox_sha1sum: 'xyz' } }, 'actor.mbox_sha1sum', 'SHA-1'],
    [
      'mbox_sha1sum too short',
      { ...BASE, actor: { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee' } },
      'actor.mbox_sha1sum',
      'SHA-1',
    ],
    ['openid not a URI', { ...BASE, actor: { openid: 'not a uri' } }, 'actor.openid', 'IRI'],
    [
      'account without homePage',
      { ...BASE, actor: { account: { name: 'x' } } },
      'actor.account.homePage',
      'is required',
    ],
    [
      'account without name',
      { ...BASE, actor: { account: { homePage: 'http://x.example' } } },
      'actor.account.name',
      'is required',
    ],
    [
      'account homePage not an IRL',
      { ...BASE, actor: { account: { homePage: 'x.example', name: 'x' } } },
      'actor.account.homePage',
      'IRL',
    ],
    [
      'account name not a string',
      { ...BASE, actor: { account: { homePage: 'http://x.example', name: { key: 1 } } } },
      'actor.account.name',
      'must be a string',
    ],
    [
      'account extra property',
      { ...BASE, actor: { account: { homePage: 'http://x.example', name: 'x', id: 1 } } },
      'actor.account.id',
      'is not a property',
    ],
    [
      'agent objectType wrong case',
      { ...BASE, actor: { ...AGENT, objectType: 'agent' } },
      'actor.objectType',
      'exact case',
    ],
    ['agent name not string', { ...BASE, actor: { ...AGENT, name: 5 } }, 'actor.name', 'must be a string'],
    ['agent with member', { ...BASE, actor: { ...AGENT, member: [AGENT] } }, 'actor.member', 'only allowed on a Group'],
    [
      'anonymous group without member',
      { ...BASE, actor: { objectType: 'Group', name: 'g' } },
      'actor.member',
      'Anonymous Group',
    ],
    [
      'anonymous group with empty member',
      { ...BASE, actor: { objectType: 'Group', member: [] } },
      'actor.member',
      'at least one',
    ],
    [
      'identified group with two IFIs',
      { ...BASE, actor: { objectType: 'Group', mbox: 'mailto:g@example.com', openid: 'http://g.example.org' } },
      'actor',
      'exactly one inverse functional identifier',
    ],
    [
      'group as a member (anonymous)',
      { ...BASE, actor: { objectType: 'Group', member: [{ objectType: 'Group', mbox: 'mailto:g@example.com' }] } },
      'actor.member[0].objectType',
      'a Group is not allowed',
    ],
    [
      'group as a member (identified)',
      {
        ...BASE,
        actor: { objectType: 'Group', mbox: 'mailto:g@x.com', member: [{ objectType: 'Group', member: [AGENT] }] },
      },
      'actor.member[0].objectType',
      'a Group is not allowed',
    ],
    [
      'member not an array',
      { ...BASE, actor: { objectType: 'Group', member: AGENT } },
      'actor.member',
      'must be an array',
    ],
    [
      'invalid member',
      { ...BASE, actor: { objectType: 'Group', member: [{ name: 'x' }] } },
      'actor.member[0]',
      'inverse functional identifier',
    ],
    ['actor a string', { ...BASE, actor: 'mailto:a@example.com' }, 'actor', 'must be a JSON object'],
    [
      'actor objectType Activity',
      { ...BASE, actor: { ...AGENT, objectType: 'Activity' } },
      'actor.objectType',
      '"Agent" or "Group"',
    ],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it.each([
    [
      'agent identified by account',
      { ...BASE, actor: { account: { homePage: 'http://www.example.com', name: '1625378' } } },
    ],
    ['agent identified by openid', { ...BASE, actor: { openid: 'http://toby.openid.example.org/' } }],
    [
      'agent identified by mbox_sha1sum',
      { ...BASE, actor: { mbox_sha1sum: 'EBD31E95054C018B10727CCFFD2EF2EC3A016EE9' } },
    ],
    ['identified group without members', { ...BASE, actor: { objectType: 'Group', openid: 'http://g.example.org' } }],
    [
      'anonymous group with members',
      { ...BASE, actor: { objectType: 'Group', member: [AGENT, { mbox: 'mailto:b@example.org' }] } },
    ],
    [
      'member without objectType',
      { ...BASE, actor: { objectType: 'Group', member: [{ mbox: 'mailto:b@example.org' }] } },
    ],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));
});

describe('verb (xAPI Data 2.4.3)', () => {
  it.each<Failing>([
    ['verb without id', { ...BASE, verb: { display: { en: 'x' } } }, 'verb.id', 'is required'],
    ['verb id not an IRI', { ...BASE, verb: { id: 'attempted' } }, 'verb.id', 'IRI'],
    ['verb id empty', { ...BASE, verb: { id: '' } }, 'verb.id', 'IRI'],
    [
      'verb display not an object',
      { ...BASE, verb: { id: BASE.verb.id, display: 'attempted' } },
      'verb.display',
      'must be a JSON object',
    ],
    [
      'verb display bad language tag',
      { ...BASE, verb: { id: BASE.verb.id, display: { a12345: 'x' } } },
      'verb.display.a12345',
      'RFC 5646',
    ],
    [
      'verb display 9-letter tag',
      { ...BASE, verb: { id: BASE.verb.id, display: { something: 'x' } } },
      'verb.display.something',
      'RFC 5646',
    ],
    [
      'verb display value not a string',
      { ...BASE, verb: { id: BASE.verb.id, display: { en: 1 } } },
      'verb.display.en',
      'must be a string',
    ],
    ['verb extra property', { ...BASE, verb: { ...BASE.verb, name: 'x' } }, 'verb.name', 'is not a property of a Verb'],
    ['verb a string', { ...BASE, verb: BASE.verb.id }, 'verb', 'must be a JSON object'],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it.each([
    ['verb without display', { ...BASE, verb: { id: BASE.verb.id } }],
    ['IRI with non-ASCII characters', { ...BASE, verb: { id: 'http://example.com/فعل/خواندن' } }],
    ['IRI with fragment', { ...BASE, verb: { id: 'http://example.com/xapi/verbs#defenestrated' } }],
    ['urn IRI', { ...BASE, verb: { id: 'urn:example:verb:attempted' } }],
    [
      'display with many tags',
      { ...BASE, verb: { id: BASE.verb.id, display: { 'en-US': 'a', es: 'b', 'zh-Hant-TW': 'c', tlh: 'd' } } },
    ],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));
});

describe('object (xAPI Data 2.4.4)', () => {
  it.each<Failing>([
    ['activity without id', { ...BASE, object: { objectType: 'Activity' } }, 'object.id', 'is required'],
    ['activity id not an IRI', { ...BASE, object: { id: 'activity-1' } }, 'object.id', 'IRI'],
    [
      'objectType unknown',
      { ...BASE, object: { ...ACTIVITY, objectType: 'Thing' } },
      'object.objectType',
      'must be "Activity"',
    ],
    [
      'objectType wrong case',
      { ...BASE, object: { ...ACTIVITY, objectType: 'activity' } },
      'object.objectType',
      'exact case',
    ],
    [
      'activity extra property',
      { ...BASE, object: { ...ACTIVITY, name: 'x' } },
      'object.name',
      'is not a property of an Activity',
    ],
    [
      'agent object without objectType is read as an Activity',
      { ...BASE, object: { mbox: 'mailto:a@example.org' } },
      'object.id',
      'is required',
    ],
    [
      'agent object invalid',
      { ...BASE, object: { objectType: 'Agent', name: 'n' } },
      'object',
      'inverse functional identifier',
    ],
    [
      'group object anonymous without member',
      { ...BASE, object: { objectType: 'Group' } },
      'object.member',
      'is required',
    ],
    ['StatementRef without id', { ...BASE, object: { objectType: 'StatementRef' } }, 'object.id', 'is required'],
    ['StatementRef id not a UUID', { ...BASE, object: { objectType: 'StatementRef', id: 'abc' } }, 'object.id', 'UUID'],
    [
      'StatementRef extra property',
      { ...BASE, object: { objectType: 'StatementRef', id: SIMPLEST.id, verb: BASE.verb } },
      'object.verb',
      'is not a property',
    ],
    ['SubStatement with id', withSub('id', SIMPLEST.id), 'object.id', 'must not be present in a SubStatement'],
    [
      'SubStatement with stored',
      withSub('stored', '2013-05-18T05:32:34.804Z'),
      'object.stored',
      'must not be present in a SubStatement',
    ],
    [
      'SubStatement with version',
      withSub('version', '1.0.0'),
      'object.version',
      'must not be present in a SubStatement',
    ],
    [
      'SubStatement with authority',
      withSub('authority', AGENT),
      'object.authority',
      'must not be present in a SubStatement',
    ],
    [
      'nested SubStatement',
      withSub('object', APPENDIX_B_OBJECTS.subStatement),
      'object.object.objectType',
      'must not contain another SubStatement',
    ],
    ['SubStatement without actor', withSub('actor', undefined), 'object.actor', 'is required'],
    ['SubStatement without verb', withSub('verb', undefined), 'object.verb', 'is required'],
    ['SubStatement without object', withSub('object', undefined), 'object.object', 'is required'],
    ['SubStatement invalid actor', withSub('actor', { mbox: 'nope' }), 'object.actor.mbox', 'mailto'],
    ['SubStatement invalid timestamp', withSub('timestamp', 'yesterday'), 'object.timestamp', 'ISO 8601'],
    ['SubStatement unknown property', withSub('foo', 1), 'object.foo', 'is not a property of a SubStatement'],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it.each([
    ['activity without objectType', { ...BASE, object: { id: 'http://example.org/a' } }],
    ['SubStatement with result, context and future timestamp', withSub('timestamp', '2999-01-01T00:00:00Z')],
    ['SubStatement with context activities', withSub('context', { contextActivities: { parent: ACTIVITY } })],
    ['StatementRef object', { ...BASE, object: { objectType: 'StatementRef', id: SIMPLEST.id } }],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));
});

describe('activity definition and interactions (xAPI Data 2.4.4.1)', () => {
  const withDefinition = (definition: unknown) => ({ ...BASE, object: { ...ACTIVITY, definition } });
  it.each<Failing>([
    ['name not a language map', withDefinition({ name: 'x' }), 'object.definition.name', 'must be a JSON object'],
    ['name bad tag', withDefinition({ name: { 'en-': 'x' } }), 'object.definition.name["en-"]', 'RFC 5646'],
    [
      'description value null',
      withDefinition({ description: { en: null } }),
      'object.definition.description.en',
      'must not be null',
    ],
    ['type not an IRI', withDefinition({ type: 'meeting' }), 'object.definition.type', 'IRI'],
    ['moreInfo not an IRL', withDefinition({ moreInfo: 'www.example.com' }), 'object.definition.moreInfo', 'IRL'],
    ['moreInfo null', withDefinition({ moreInfo: null }), 'object.definition.moreInfo', 'must not be null'],
    [
      'extension key not an IRI',
      withDefinition({ extensions: { room: 1 } }),
      'object.definition.extensions.room',
      'IRI',
    ],
    ['extensions not an object', withDefinition({ extensions: [] }), 'object.definition.extensions', 'JSON object'],
    [
      'unknown definition property',
      withDefinition({ title: 'x' }),
      'object.definition.title',
      'is not a property of an Activity Definition',
    ],
    [
      'interactionType unknown',
      withDefinition({ interactionType: 'essay' }),
      'object.definition.interactionType',
      'must be one of',
    ],
    [
      'interactionType wrong case',
      withDefinition({ interactionType: 'Choice' }),
      'object.definition.interactionType',
      'must be one of',
    ],
    [
      'correctResponsesPattern not an array',
      withDefinition({ interactionType: 'other', correctResponsesPattern: 'x' }),
      'object.definition.correctResponsesPattern',
      'must be an array',
    ],
    [
      'correctResponsesPattern with a number',
      withDefinition({ interactionType: 'numeric', correctResponsesPattern: [4] }),
      'object.definition.correctResponsesPattern[0]',
      'must be a string',
    ],
    [
      'pattern without interactionType',
      withDefinition({ correctResponsesPattern: ['true'] }),
      'object.definition.interactionType',
      'is required',
    ],
    [
      'choices without interactionType',
      withDefinition({ choices: [{ id: 'a' }] }),
      'object.definition.interactionType',
      'is required',
    ],
    [
      'scale on a choice interaction',
      withDefinition({ interactionType: 'choice', scale: [{ id: 'a' }] }),
      'object.definition.scale',
      'not an interaction component list of interactionType "choice"',
    ],
    [
      'choices on a true-false interaction',
      withDefinition({ interactionType: 'true-false', choices: [{ id: 'a' }] }),
      'object.definition.choices',
      'not an interaction component list',
    ],
    [
      'component without id',
      withDefinition({ interactionType: 'choice', choices: [{ description: { en: 'x' } }] }),
      'object.definition.choices[0].id',
      'is required',
    ],
    [
      'component id not a string',
      withDefinition({ interactionType: 'likert', scale: [{ id: 1 }] }),
      'object.definition.scale[0].id',
      'must be a string',
    ],
    [
      'duplicate component ids',
      withDefinition({ interactionType: 'sequencing', choices: [{ id: 'a' }, { id: 'b' }, { id: 'a' }] }),
      'object.definition.choices[2].id',
      'distinct',
    ],
    [
      'component extra property',
      withDefinition({ interactionType: 'performance', steps: [{ id: 'a', name: 'x' }] }),
      'object.definition.steps[0].name',
      'is not a property',
    ],
    [
      'component description bad tag',
      withDefinition({ interactionType: 'matching', source: [{ id: 'a', description: { '12': 'x' } }] }),
      'object.definition.source[0].description["12"]',
      'RFC 5646',
    ],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it.each([
    [
      'empty correctResponsesPattern (no answer is correct)',
      withDefinition({ interactionType: 'choice', correctResponsesPattern: [] }),
    ],
    [
      'same id in source and target',
      withDefinition({ interactionType: 'matching', source: [{ id: '1' }], target: [{ id: '1' }] }),
    ],
    [
      'extension values of any type, including null',
      withDefinition({ extensions: { 'http://e.example/x': null, 'http://e.example/y': [1, { a: null }] } }),
    ],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));
});

describe('correctResponsesPattern syntax per interactionType (xAPI Data 2.4.4.1.s10)', () => {
  const withDefinition = (definition: unknown) => ({ ...BASE, object: { ...ACTIVITY, definition } });
  const ids = (...list: string[]) => list.map((id) => ({ id }));
  const patterns = (interactionType: string, correctResponsesPattern: string[], lists: Record<string, unknown> = {}) =>
    withDefinition({ interactionType, correctResponsesPattern, ...lists });
  const CHOICES = { choices: ids('golf', 'tetris', 'facebook') };
  const MATCHING = { source: ids('ben', 'chris'), target: ids('1', '2') };
  const STEPS = { steps: ids('pong', 'dg', 'lunch') };
  const at = (i: number) => `object.definition.correctResponsesPattern[${i}]`;

  it.each<Failing>([
    ['true-false other than true/false', patterns('true-false', ['yes']), at(0), 'must be "true" or "false"'],
    ['true-false in another case', patterns('true-false', ['true', 'True']), at(1), 'must be "true" or "false"'],
    [
      'choice id not among the choices',
      patterns('choice', ['golf[,]chess'], CHOICES),
      at(0),
      'item id "chess" is not the id of a component in choices',
    ],
    ['choice with an empty item', patterns('choice', ['golf[,]'], CHOICES), at(0), 'no empty item'],
    [
      'choice with the wrong delimiter',
      patterns('choice', ['golf,tetris'], CHOICES),
      at(0),
      'item id "golf,tetris" is not the id',
    ],
    [
      'sequencing id not among the choices',
      patterns('sequencing', ['tetris[,]golf[,]pong'], CHOICES),
      at(0),
      'item id "pong" is not the id of a component in choices',
    ],
    ['likert with two ids', patterns('likert', ['likert_1[,]likert_2']), at(0), 'must be a single item id'],
    ['likert empty', patterns('likert', ['']), at(0), 'must be a single item id'],
    [
      'likert id not on the scale',
      patterns('likert', ['likert_9'], { scale: ids('likert_0', 'likert_1') }),
      at(0),
      'item id "likert_9" is not the id of a component in scale',
    ],
    [
      'matching pair without [.]',
      patterns('matching', ['ben[.]1[,]chris2'], MATCHING),
      at(0),
      'pair "chris2" must be a source id and a target id delimited by "[.]"',
    ],
    [
      'matching pair with an empty target',
      patterns('matching', ['ben[.]'], MATCHING),
      at(0),
      'must be a source id and a target id',
    ],
    [
      'matching pair of three',
      patterns('matching', ['ben[.]1[.]2'], MATCHING),
      at(0),
      'must be a source id and a target id',
    ],
    [
      'matching source not in source',
      patterns('matching', ['troy[.]1'], MATCHING),
      at(0),
      'source id "troy" is not the id of a component in source',
    ],
    [
      'matching target not in target',
      patterns('matching', ['ben[.]3'], MATCHING),
      at(0),
      'target id "3" is not the id of a component in target',
    ],
    [
      'performance step without [.]',
      patterns('performance', ['pong[.]1:[,]dg'], STEPS),
      at(0),
      'step "dg" must be a step id and a response delimited by "[.]"',
    ],
    [
      'performance step with an empty id',
      patterns('performance', ['[.]5'], STEPS),
      at(0),
      'must be a step id and a response',
    ],
    [
      'performance step not among the steps',
      patterns('performance', ['golf[.]3'], STEPS),
      at(0),
      'step id "golf" is not the id of a component in steps',
    ],
    ['numeric not a number', patterns('numeric', ['four']), at(0), 'must be a number, or a range "min[:]max"'],
    ['numeric range with ":" instead of "[:]"', patterns('numeric', ['1:4']), at(0), 'must be a number, or a range'],
    ['numeric range end not a number', patterns('numeric', ['1[:]x']), at(0), 'must be a number, or a range'],
    [
      'pattern in a SubStatement',
      withSub('object', {
        ...ACTIVITY,
        definition: { interactionType: 'true-false', correctResponsesPattern: ['maybe'] },
      }),
      'object.object.definition.correctResponsesPattern[0]',
      'must be "true" or "false"',
    ],
    [
      'pattern in a context activity',
      {
        ...BASE,
        context: {
          contextActivities: {
            parent: [{ ...ACTIVITY, definition: { interactionType: 'numeric', correctResponsesPattern: ['x'] } }],
          },
        },
      },
      'context.contextActivities.parent[0].definition.correctResponsesPattern[0]',
      'must be a number',
    ],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it('names the section of the rule', () => {
    expect(formatIssues(validateStatement(patterns('true-false', ['yes']), V1))).toBe(
      'statement.object.definition.correctResponsesPattern[0]: must be "true" or "false" for interactionType "true-false" (xAPI Data 2.4.4.1.s10 Response Patterns)',
    );
  });

  it.each([
    ['true-false true and false', patterns('true-false', ['true', 'false'])],
    ['choice ids among the choices, one or several', patterns('choice', ['golf[,]tetris', 'facebook'], CHOICES)],
    ['choice with no item selected (empty string)', patterns('choice', [''], CHOICES)],
    ['choice ids without a choices list (component lists are optional)', patterns('choice', ['a[,]b'])],
    ['sequencing ids among the choices', patterns('sequencing', ['tetris[,]golf[,]facebook'], CHOICES)],
    ['likert id on the scale', patterns('likert', ['likert_1'], { scale: ids('likert_0', 'likert_1') })],
    ['likert id without a scale (ADL conformance template likert_no_scale)', patterns('likert', ['likert_3'])],
    [
      'matching with source only (ADL conformance template matching_source)',
      patterns('matching', ['ben[.]3[,]chris[.]2'], { source: ids('ben', 'chris') }),
    ],
    [
      'matching with source and target, items in several pairs',
      patterns('matching', ['ben[.]1[,]ben[.]2[,]chris[.]1'], MATCHING),
    ],
    [
      'performance with string, range and empty responses (Appendix C)',
      patterns('performance', ['pong[.]1:[,]dg[.]:10[,]lunch[.]'], STEPS),
    ],
    [
      'performance with order_matters and lang parameters',
      patterns('performance', ['{order_matters=false}pong[.]1[:]3[,]{lang=en}lunch[.]{lang=en}eaten'], STEPS),
    ],
    ['numeric ranges and single numbers', patterns('numeric', ['4[:]', '[:]4', '1.5[:]2', '-3', '2.5e3', '[:]'])],
    [
      'fill-in with parameters and any text',
      patterns('fill-in', ['{case_matters=true}{lang=en}A[,]b', '', '[.][:]{x']),
    ],
    [
      'long-fill-in with an unknown parameter (parameters are not validated, s12)',
      patterns('long-fill-in', ['{foo=bar}Anything at all']),
    ],
    ['other in any format', patterns('other', ['(35.937432,-86.868896)', 'golf[,]'])],
    [
      'characterstring parameters skipped on ids, whatever their name',
      patterns('choice', ['{case_matters=false}golf[,]{lang=en}tetris'], CHOICES),
    ],
    [
      'a list the interactionType does not use is not consulted',
      patterns('likert', ['likert_1'], { scale: ids('likert_1') }),
    ],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));

  it('does not check result.response against the interactionType (the spec has no MUST for it)', () => {
    const statement = { ...patterns('true-false', ['true']), result: { response: 'not a boolean' } };
    expect(issuesOf(statement)).toEqual([]);
  });
});

describe('result and score (xAPI Data 2.4.5)', () => {
  const withResult = (result: unknown) => ({ ...BASE, result });
  it.each<Failing>([
    ['result not an object', withResult('passed'), 'result', 'JSON object'],
    ['scaled above 1', withResult({ score: { scaled: 1.01 } }), 'result.score.scaled', 'between -1 and 1'],
    ['scaled below -1', withResult({ score: { scaled: -1.5 } }), 'result.score.scaled', 'between -1 and 1'],
    ['raw above max', withResult({ score: { raw: 101, min: 0, max: 100 } }), 'result.score.raw', 'greater than max'],
    ['raw below min', withResult({ score: { raw: -1, min: 0 } }), 'result.score.raw', 'less than min'],
    ['min equal to max', withResult({ score: { min: 5, max: 5 } }), 'result.score.min', 'less than max'],
    ['min greater than max', withResult({ score: { min: 10, max: 5 } }), 'result.score.min', 'less than max'],
    ['max a string', withResult({ score: { max: 'one hundred' } }), 'result.score.max', 'must be a number'],
    ['max a numeric string', withResult({ score: { max: '100' } }), 'result.score.max', 'must be a number'],
    [
      'unknown score property',
      withResult({ score: { percent: 5 } }),
      'result.score.percent',
      'is not a property of a Score',
    ],
    ['success a string', withResult({ success: 'We regret to inform you' }), 'result.success', 'must be a boolean'],
    ['completion "false"', withResult({ completion: 'false' }), 'result.completion', 'must be a boolean'],
    ['response a number', withResult({ response: 42 }), 'result.response', 'must be a string'],
    ['duration invalid', withResult({ duration: 'PA1H0M0S' }), 'result.duration', 'ISO 8601 duration'],
    ['duration weeks with days', withResult({ duration: 'P4W1D' }), 'result.duration', 'ISO 8601 duration'],
    [
      'duration alternative format',
      withResult({ duration: 'P0003-01-29T04:35:59' }),
      'result.duration',
      'ISO 8601 duration',
    ],
    ['duration a number', withResult({ duration: 12345 }), 'result.duration', 'must be a string'],
    ['extensions key not an IRI', withResult({ extensions: { score: 1 } }), 'result.extensions.score', 'IRI'],
    ['unknown result property', withResult({ passed: true }), 'result.passed', 'is not a property of a Result'],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it.each([
    ['scaled at the bounds', withResult({ score: { scaled: -1 } })],
    ['raw equal to min and max bounds', withResult({ score: { raw: 0, min: 0, max: 100 } })],
    ['raw without min or max', withResult({ score: { raw: 1e9 } })],
    ['duration with 0.01 s precision', withResult({ duration: 'PT4H35M59.14S' })],
    ['duration with finer precision (not rejected, 4.6.s1.b4)', withResult({ duration: 'PT0.12345S' })],
    ['duration in weeks', withResult({ duration: 'P4W' })],
    ['duration in years', withResult({ duration: 'P3Y' })],
    ['full duration', withResult({ duration: 'P3Y1M29DT4H35M59.14S' })],
    ['empty response', withResult({ response: '' })],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));
});

describe('context (xAPI Data 2.4.6)', () => {
  const withContext = (context: unknown, object: unknown = ACTIVITY) => ({ ...BASE, object, context });
  const REF = { objectType: 'StatementRef', id: SIMPLEST.id };
  it.each<Failing>([
    ['registration not a UUID', withContext({ registration: 'should fail' }), 'context.registration', 'UUID'],
    ['registration an object', withContext({ registration: { key: 'x' } }), 'context.registration', 'must be a string'],
    ['instructor a string', withContext({ instructor: 'should fail' }), 'context.instructor', 'JSON object'],
    [
      'instructor without IFI',
      withContext({ instructor: { key: 'x' } }),
      'context.instructor',
      'inverse functional identifier',
    ],
    ['team an Agent', withContext({ team: AGENT }), 'context.team.objectType', 'must be "Group"'],
    [
      'team without objectType',
      withContext({ team: { mbox: 'mailto:t@example.org' } }),
      'context.team.objectType',
      'must be "Group"',
    ],
    ['contextActivities a string', withContext({ contextActivities: 'x' }), 'context.contextActivities', 'JSON object'],
    ['contextActivities empty', withContext({ contextActivities: {} }), 'context.contextActivities', 'at least one'],
    [
      'contextActivities unknown kind',
      withContext({ contextActivities: { sibling: [ACTIVITY] } }),
      'context.contextActivities.sibling',
      'parent, grouping, category or other',
    ],
    [
      'contextActivities value a string',
      withContext({ contextActivities: { parent: 'x' } }),
      'context.contextActivities.parent',
      'an Activity or an array',
    ],
    [
      'contextActivities activity without id',
      withContext({ contextActivities: { parent: [{ objectType: 'Activity' }] } }),
      'context.contextActivities.parent[0].id',
      'is required',
    ],
    [
      'contextActivities activity bad id',
      withContext({ contextActivities: { grouping: { id: 'nope' } } }),
      'context.contextActivities.grouping.id',
      'IRI',
    ],
    [
      'contextActivities an Agent',
      withContext({ contextActivities: { other: [AGENT] } }),
      'context.contextActivities.other[0].objectType',
      'must be "Activity"',
    ],
    [
      'revision with an Agent object',
      withContext({ revision: 'r1' }, AGENT),
      'context.revision',
      'object is an Activity',
    ],
    [
      'platform with a StatementRef object',
      withContext({ platform: 'web' }, REF),
      'context.platform',
      'object is an Activity',
    ],
    ['revision not a string', withContext({ revision: 2 }), 'context.revision', 'must be a string'],
    ['language invalid', withContext({ language: 'english language' }), 'context.language', 'RFC 5646'],
    [
      'statement not a StatementRef',
      withContext({ statement: { objectType: 'SubStatement', id: SIMPLEST.id } }),
      'context.statement.objectType',
      'must be "StatementRef"',
    ],
    [
      'statement without objectType',
      withContext({ statement: { id: SIMPLEST.id } }),
      'context.statement.objectType',
      'is required',
    ],
    [
      'statement bad id',
      withContext({ statement: { objectType: 'StatementRef', id: 'x' } }),
      'context.statement.id',
      'UUID',
    ],
    ['unknown context property', withContext({ location: 'x' }), 'context.location', 'is not a property of a Context'],
    [
      'contextAgents in 1.0.3',
      withContext({ contextAgents: [] }),
      'context.contextAgents',
      'not allowed in xAPI 1.0.3',
    ],
    [
      'contextGroups in 1.0.3',
      withContext({ contextGroups: [] }),
      'context.contextGroups',
      'not allowed in xAPI 1.0.3',
    ],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it.each([
    ['instructor a Group', withContext({ instructor: { objectType: 'Group', member: [AGENT] } })],
    ['single context activity', withContext({ contextActivities: { parent: ACTIVITY } })],
    [
      'all four kinds',
      withContext({ contextActivities: { parent: [ACTIVITY], grouping: [ACTIVITY], category: [ACTIVITY], other: [] } }),
    ],
    ['revision and platform with an Activity object', withContext({ revision: 'r1', platform: 'web' })],
    ['revision with an object without objectType', withContext({ revision: 'r1' }, { id: 'http://example.org/x' })],
    ['grandfathered language tag', withContext({ language: 'i-klingon' })],
    ['extensions with null', withContext({ extensions: { 'http://example.com/null': null } })],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));

  it("checks a SubStatement's revision against the SubStatement's own object", () => {
    const sub = { ...APPENDIX_B_OBJECTS.subStatement, context: { revision: 'r1' } };
    expectIssue({ ...BASE, object: sub }, 'object.context.revision', 'object is an Activity');
    const subActivity = { ...sub, object: ACTIVITY };
    expect(issuesOf({ ...BASE, object: subActivity })).toEqual([]);
  });
});

describe('xAPI 2.0 context agents and groups (IEEE 9274.1.1)', () => {
  const withContext = (context: unknown) => ({ ...BASE, context });
  const CONTEXT_AGENT = { objectType: 'contextAgent', agent: AGENT, relevantTypes: ['http://example.org/types/coach'] };
  const CONTEXT_GROUP = {
    objectType: 'contextGroup',
    group: { objectType: 'Group', member: [AGENT] },
    relevantTypes: ['http://example.org/types/team'],
  };
  it.each<Failing>([
    [
      'contextAgents not an array',
      withContext({ contextAgents: CONTEXT_AGENT }),
      'context.contextAgents',
      'must be an array',
    ],
    [
      'contextAgent objectType wrong',
      withContext({ contextAgents: [{ ...CONTEXT_AGENT, objectType: 'Should fail' }] }),
      'context.contextAgents[0].objectType',
      '"contextAgent"',
    ],
    [
      'contextAgent objectType missing',
      withContext({ contextAgents: [{ agent: AGENT }] }),
      'context.contextAgents[0].objectType',
      'is required',
    ],
    [
      'contextAgent agent invalid',
      withContext({ contextAgents: [{ objectType: 'contextAgent', agent: { key: 'x' } }] }),
      'context.contextAgents[0].agent',
      'inverse functional identifier',
    ],
    [
      'contextAgent agent missing',
      withContext({ contextAgents: [{ objectType: 'contextAgent' }] }),
      'context.contextAgents[0].agent',
      'is required',
    ],
    [
      'contextAgent agent a Group',
      withContext({ contextAgents: [{ objectType: 'contextAgent', agent: CONTEXT_GROUP.group }] }),
      'context.contextAgents[0].agent.objectType',
      'a Group is not allowed',
    ],
    [
      'relevantTypes empty',
      withContext({ contextAgents: [{ ...CONTEXT_AGENT, relevantTypes: [] }] }),
      'context.contextAgents[0].relevantTypes',
      'at least one',
    ],
    [
      'relevantTypes non-IRI',
      withContext({ contextAgents: [{ ...CONTEXT_AGENT, relevantTypes: ['abc'] }] }),
      'context.contextAgents[0].relevantTypes[0]',
      'IRI',
    ],
    [
      'contextGroup objectType wrong',
      withContext({ contextGroups: [{ ...CONTEXT_GROUP, objectType: 'contextAgent' }] }),
      'context.contextGroups[0].objectType',
      '"contextGroup"',
    ],
    [
      'contextGroup group an Agent',
      withContext({ contextGroups: [{ ...CONTEXT_GROUP, group: AGENT }] }),
      'context.contextGroups[0].group.objectType',
      'must be "Group"',
    ],
    [
      'contextGroup unknown property',
      withContext({ contextGroups: [{ ...CONTEXT_GROUP, role: 'x' }] }),
      'context.contextGroups[0].role',
      'is not a property',
    ],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule, V2));

  it('accepts context agents and groups, also inside a SubStatement', () => {
    const context = {
      contextAgents: [CONTEXT_AGENT, { objectType: 'contextAgent', agent: AGENT }],
      contextGroups: [CONTEXT_GROUP],
    };
    expect(issuesOf(withContext(context), V2)).toEqual([]);
    expect(issuesOf({ ...BASE, object: { ...APPENDIX_B_OBJECTS.subStatement, context } }, V2)).toEqual([]);
  });
});

describe('timestamp and stored (xAPI Data 2.4.7, 2.4.8, 4.5)', () => {
  it.each([
    ['invalid string', 'should fail'],
    ['US date', '01/011/2015'],
    ['-00 offset', '2008-09-15T15:53:00.601-00'],
    ['-0000 offset', '2008-09-15T15:53:00.601-0000'],
    ['-00:00 offset', '2008-09-15T15:53:00.601-00:00'],
    ['month 13', '2008-13-15T15:53:00Z'],
    ['30 February', '2008-02-30T15:53:00Z'],
    ['hour 25', '2008-09-15T25:53:00Z'],
    ['date only', '2008-09-15'],
    ['empty', ''],
  ])('rejects timestamp and stored with %s in both versions', (_t, value) => {
    for (const options of [V1, V2]) {
      expectIssue({ ...BASE, timestamp: value }, 'timestamp', 'timestamp', options);
      expectIssue({ ...BASE, stored: value }, 'stored', 'timestamp', options);
    }
  });

  it.each([
    ['UTC with milliseconds', '2013-05-18T05:32:34.804Z'],
    ['offset', '2015-11-18T12:17:00+00:00'],
    ['positive offset', '2015-11-18T12:17:00.123456+05:30'],
    ['negative non-zero offset', '2015-11-18T12:17:00-08:00'],
    ['RFC 3339 space separator', '2008-09-15 15:53:00.601+00:00'],
    ['leap day', '2024-02-29T00:00:00Z'],
  ])('accepts %s in both versions', (_t, value) => {
    expect(issuesOf({ ...BASE, timestamp: value }, V1)).toEqual([]);
    expect(issuesOf({ ...BASE, timestamp: value }, V2)).toEqual([]);
  });

  it.each([
    ['no time zone', '2015-11-18T12:17:00'],
    ['no seconds', '2015-11-18T12:17Z'],
    ['basic format', '20151118T121700Z'],
    ['hour-only offset', '2015-11-18T12:17:00+01'],
  ])('accepts ISO 8601 %s in 1.0.3 but not in 2.0 (RFC 3339 required)', (_t, value) => {
    expect(issuesOf({ ...BASE, timestamp: value }, V1)).toEqual([]);
    expectIssue({ ...BASE, timestamp: value }, 'timestamp', 'RFC 3339', V2);
  });
});

describe('authority (xAPI Data 2.4.9)', () => {
  const two = OAUTH_AUTHORITY.member;
  it.each<Failing>([
    ['authority a string', { ...BASE, authority: 'me' }, 'authority', 'JSON object'],
    [
      'authority agent without IFI',
      { ...BASE, authority: { name: 'x' } },
      'authority',
      'inverse functional identifier',
    ],
    [
      'authority group with one member',
      { ...BASE, authority: { objectType: 'Group', member: [two[0]] } },
      'authority.member',
      'exactly two',
    ],
    [
      'authority group with three members',
      { ...BASE, authority: { objectType: 'Group', member: [...two, AGENT] } },
      'authority.member',
      'exactly two',
    ],
    [
      'authority identified group',
      { ...BASE, authority: { objectType: 'Group', mbox: 'mailto:bob@example.com', member: two } },
      'authority',
      'must be anonymous',
    ],
    [
      'authority group without members',
      { ...BASE, authority: { objectType: 'Group' } },
      'authority.member',
      'is required',
    ],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));
});

describe('version (xAPI Data 2.4.10)', () => {
  it.each([['1.0'], ['1.0.0'], ['1.0.3'], ['1.0.9']])('accepts %s in 1.0.3 and 2.0', (version) => {
    expect(issuesOf({ ...BASE, version }, V1)).toEqual([]);
    expect(issuesOf({ ...BASE, version }, V2)).toEqual([]);
  });
  it.each([['should fail'], ['0.9.9'], ['1.1.0'], ['2.0.0'], ['1.0.x']])('rejects %s in 1.0.3', (version) => {
    expectIssue({ ...BASE, version }, 'version', '1.0', V1);
  });
  it('accepts 2.0.0 in 2.0 and rejects 3.0.0', () => {
    expect(issuesOf({ ...BASE, version: '2.0.0' }, V2)).toEqual([]);
    expectIssue({ ...BASE, version: '3.0.0' }, 'version', '2.0.', V2);
  });
  it('rejects a non-string version', () => expectIssue({ ...BASE, version: 1 }, 'version', 'must be a string'));
});

describe('attachments (xAPI Data 2.4.11, 2.6)', () => {
  const withAttachment = (attachment: unknown) => ({ ...BASE, attachments: [attachment] });
  it.each<Failing>([
    ['attachments not an array', { ...BASE, attachments: ATTACHMENT }, 'attachments', 'must be an array'],
    [
      'usageType missing',
      withAttachment(patch(ATTACHMENT, 'usageType', undefined)),
      'attachments[0].usageType',
      'is required',
    ],
    ['usageType not an IRI', withAttachment({ ...ATTACHMENT, usageType: 'cert' }), 'attachments[0].usageType', 'IRI'],
    [
      'display missing',
      withAttachment(patch(ATTACHMENT, 'display', undefined)),
      'attachments[0].display',
      'is required',
    ],
    [
      'display bad tag',
      withAttachment({ ...ATTACHMENT, display: { something: 'x' } }),
      'attachments[0].display.something',
      'RFC 5646',
    ],
    [
      'description bad tag',
      withAttachment({ ...ATTACHMENT, description: { something: 'x' } }),
      'attachments[0].description.something',
      'RFC 5646',
    ],
    [
      'contentType missing',
      withAttachment(patch(ATTACHMENT, 'contentType', undefined)),
      'attachments[0].contentType',
      'is required',
    ],
    [
      'contentType not a media type',
      withAttachment({ ...ATTACHMENT, contentType: 'text' }),
      'attachments[0].contentType',
      'Media Type',
    ],
    ['length missing', withAttachment(patch(ATTACHMENT, 'length', undefined)), 'attachments[0].length', 'is required'],
    ['length not an integer', withAttachment({ ...ATTACHMENT, length: 2.5 }), 'attachments[0].length', 'integer'],
    ['length a string', withAttachment({ ...ATTACHMENT, length: '27' }), 'attachments[0].length', 'integer'],
    ['length negative', withAttachment({ ...ATTACHMENT, length: -1 }), 'attachments[0].length', 'non-negative'],
    ['sha2 missing', withAttachment(patch(ATTACHMENT, 'sha2', undefined)), 'attachments[0].sha2', 'is required'],
    ['sha2 not hex', withAttachment({ ...ATTACHMENT, sha2: 'not-a-hash' }), 'attachments[0].sha2', 'SHA-2'],
    ['fileUrl not an IRL', withAttachment({ ...ATTACHMENT, fileUrl: 'file.txt' }), 'attachments[0].fileUrl', 'IRL'],
    [
      'unknown property',
      withAttachment({ ...ATTACHMENT, data: 'x' }),
      'attachments[0].data',
      'is not a property of an Attachment',
    ],
    [
      'signature with the wrong content type',
      withAttachment({
        ...ATTACHMENT,
        usageType: 'http://adlnet.gov/expapi/attachments/signature',
        contentType: 'application/json',
      }),
      'attachments[0].contentType',
      'application/octet-stream',
    ],
  ])('rejects %s', (_t, statement, path, rule) => expectIssue(statement, path, rule));

  it.each([
    ['a full attachment', withAttachment(ATTACHMENT)],
    ['no fileUrl (data sent as a multipart part)', withAttachment(patch(ATTACHMENT, 'fileUrl', undefined))],
    ['a SHA-512', withAttachment({ ...ATTACHMENT, sha2: 'a'.repeat(128) })],
    [
      'a signature',
      withAttachment({
        ...ATTACHMENT,
        usageType: 'http://adlnet.gov/expapi/attachments/signature',
        contentType: 'application/octet-stream',
      }),
    ],
  ])('accepts %s', (_t, statement) => expect(issuesOf(statement)).toEqual([]));
});

describe('voiding (xAPI Data 2.3.2)', () => {
  it('rejects a voiding statement whose object is an Activity', () => {
    expectIssue({ ...VOIDING, object: ACTIVITY }, 'object', 'must be a StatementRef');
  });
  it('rejects a voiding statement whose object is a SubStatement', () => {
    expectIssue({ ...VOIDING, object: APPENDIX_B_OBJECTS.subStatement }, 'object', 'must be a StatementRef');
  });
  it('accepts the voided verb inside a SubStatement that does not void anything', () => {
    const sub = { ...APPENDIX_B_OBJECTS.subStatement, verb: VOIDING.verb, object: ACTIVITY };
    expect(issuesOf({ ...BASE, object: sub })).toEqual([]);
  });
});

describe('issues and messages', () => {
  it('reports every issue, not only the first', () => {
    const statement = { actor: { mbox: 'x' }, verb: { id: 'y' }, object: { id: 'z' }, extra: 1 };
    expect(issuesOf(statement)).toHaveLength(4);
  });

  it('names the property, the rule and the section', () => {
    const issues = validateStatement({ ...BASE, actor: { mbox: 'learner@example.org' } }, V1);
    expect(formatIssues(issues)).toBe(
      'statement.actor.mbox: must be a "mailto:" IRI of an email address (xAPI Data 2.4.2.3)',
    );
    expect(formatIssues(issues, 'statements[2]')).toMatch(/^statements\[2\]\.actor\.mbox: /);
  });

  it('quotes keys that are not identifiers', () => {
    const statement = { ...BASE, result: { extensions: { 'not an iri': 1 } } };
    expect(formatIssues(validateStatement(statement, V1))).toBe(
      'statement.result.extensions["not an iri"]: extension keys must be absolute IRIs (xAPI Data 4.1)',
    );
  });

  it('does not share issue arrays between calls', () => {
    const first = validateStatement({ ...BASE, id: 'x' }, V1);
    const second = validateStatement(BASE, V1);
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
  });

  it('isValidStatement answers yes or no', () => {
    expect(isValidStatement(BASE, V1)).toBe(true);
    expect(isValidStatement({}, V1)).toBe(false);
  });

  it('does not modify the statement', () => {
    const statement = structuredClone(APPENDIX_A_LONG);
    validateStatement(statement, V2);
    expect(statement).toEqual(APPENDIX_A_LONG);
  });
});

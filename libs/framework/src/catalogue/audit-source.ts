// The organisational self-audit as seed 003 lays it out for organisational capability 1. Texts are the audit
// tool's own (they differ slightly from seed 001 in places); `indicator` points at the capability's indicator
// as `<stage>.<organisation|worker>.<position>`. Seed 003 has no audit for capabilities 2-6: see audit.ts.
import type { StageName } from './types.js';

export interface AuditItemSource {
  readonly indicator: string;
  readonly text: string;
  readonly stage: StageName;
}

export interface AuditAreaSource {
  readonly key: string;
  readonly title: string;
  readonly introduction: string;
  readonly suggestedEvidence: readonly string[];
  readonly questions: readonly string[];
  readonly selfAssessment: {
    readonly key: string;
    readonly title: string;
    readonly instruction: string;
    readonly items: readonly AuditItemSource[];
  };
  readonly staffPerceptions: {
    readonly instruction: string;
    readonly items: readonly AuditItemSource[];
  };
}

export const capabilityOneAuditCapabilitySlug = '1-learning-and-performance-culture';

export const staffSurveyInstruction =
  'The following indicators can be evidenced using the findings of your staff survey (see Appendix 1):';
const chartInstruction =
  'Reflecting on your comments above to inform your answers, use the chart below to self-assess whether or not your organisation can evidence the following indicators from the CLF.';

export const capabilityOneAuditAreas: readonly AuditAreaSource[] = [
  {
    key: '1a',
    title: 'Supporting reflective learning',
    introduction: 'The questions below will help you consider how your organisation supports reflective learning.',
    suggestedEvidence: [
      'learning and development strategies',
      'staff surveys',
      'feedback from service user and carer focus groups',
      'supervision policies and guidance',
      'team and staff meeting records',
      'away days',
      'working groups',
      'learning communities or action learning sets',
      'evaluation of training and learning',
    ],
    questions: [
      'How do you encourage staff at all levels and in every part of your organisation to reflect on their own and on the organisation’s practice on an ongoing basis?',
      'What opportunities do you provide for feedback from staff on this reflection?',
      'How can you demonstrate you have acted on this critical feedback?',
      'How can you evidence the impact of learning on practice in your organisation?',
      'How can you evidence the impact of learning on outcomes for people who use services and their carers?',
      'How can you demonstrate that you have used research and other sources of evidence to reflect on organisational performance?',
      'How can you evidence the learning gained from this and the improvements which resulted?',
      'How do you monitor and reflect on organisational practice to make sure that it is not discriminatory?',
      'How can you demonstrate that you have changed organisational practice that you identified as discriminatory?',
    ],
    selfAssessment: {
      key: '1A',
      title: 'Supporting Reflective Practice',
      instruction:
        'Reflecting on your comments above to inform your answers, use the self assessment chart below to assess whether or not your organisation can evidence the following indicators from the CLF.',
      items: [
        {
          indicator: 'engaged.organisation.1',
          stage: 'engaged',
          text: 'Is committed to building a learning culture which will lead to continuously improved practice and performance',
        },
        {
          indicator: 'engaged.organisation.2',
          stage: 'engaged',
          text: 'Has developed a range of systems and processes which lead to learning and improvement',
        },
        {
          indicator: 'established.organisation.4',
          stage: 'established',
          text: 'Provides opportunities for critical feedback on the learning and performance culture of the organisation',
        },
        {
          indicator: 'established.organisation.5',
          stage: 'established',
          text: 'Actively identifies and addresses any organisational practice that is discriminatory',
        },
        {
          indicator: 'accomplished.organisation.2',
          stage: 'accomplished',
          text: 'Demonstrates that learning is consistently used to continuously improve the performance of the organisation and outcomes for people who use services and their carers',
        },
        {
          indicator: 'accomplished.organisation.3',
          stage: 'accomplished',
          text: 'Uses research and evidence to identify and overcome barriers to learning and improved performance',
        },
        {
          indicator: 'exemplary.organisation.1',
          stage: 'exemplary',
          text: 'Analyses diverse sources of evidence to evaluate the organisation’s performance, critically reflects on practice and uses this to continuously improve',
        },
      ],
    },
    staffPerceptions: {
      instruction: staffSurveyInstruction,
      items: [
        {
          indicator: 'engaged.worker.1',
          stage: 'engaged',
          text: 'Feel that they are encouraged to learn and reflect on their own and the organisation’s practice',
        },
        {
          indicator: 'established.worker.1',
          stage: 'established',
          text: 'Have opportunities to regularly reflect on their practice and work with others to find ways to learn, innovate and continually improve',
        },
        {
          indicator: 'exemplary.worker.3',
          stage: 'exemplary',
          text: 'Believe that the organisation is highly effective in using learning to continuously improve outcomes for people using services and their carers.',
        },
      ],
    },
  },
  {
    key: '1b',
    title: 'Encouraging professional autonomy, leadership and innovation',
    introduction:
      'The questions below will help you consider how your organisation supports professional autonomy, leadership and innovation.',
    suggestedEvidence: [
      'feedback from service users and carers (surveys, focus groups)',
      'staff survey',
      'supervision',
      'policies and procedures (risk, protection, accountability, finance, authorisation levels)',
      'evidence of learning from adverse outcomes and near misses',
      'learning communities/action learning sets',
      'procedures for employee suggestions',
      'initiatives to disseminate learning and good practice',
      'incentives for/recognition of excellence',
    ],
    questions: [
      'How do you encourage and enable staff to use their initiative and act on opportunities to improve outcomes for people who use services and their carers?',
      'How do you encourage managers to let staff take calculated risks appropriate to their role?',
      'How do you balance these with accountability?',
      'How, where and at what levels are decisions made in your organisation about: care and protection - service delivery - resources?',
      'How are you developing leadership capacity at all levels and in every part of your organisation?',
      'How are you developing the leadership capacity of people who use services and their carers?',
      'How do you encourage new ideas and creative ways of working?',
      'How do you recognise and reward achievements at individual, team, service and organisational level?',
    ],
    selfAssessment: {
      key: '1B',
      title: 'Encouraging professional autonomy, leadership and innovation',
      instruction: chartInstruction,
      items: [
        {
          indicator: 'established.organisation.2',
          stage: 'established',
          text: 'recognises and rewards the contributions of employees in the celebration of organisational achievements',
        },
        {
          indicator: 'established.organisation.3',
          stage: 'established',
          text: 'builds a workplace which encourages and supports employees to practise professional autonomy',
        },
        {
          indicator: 'accomplished.organisation.1',
          stage: 'accomplished',
          text: 'builds leadership across all levels of the organisation which includes employees, people who use services and their carers',
        },
      ],
    },
    staffPerceptions: {
      instruction: staffSurveyInstruction,
      items: [
        {
          indicator: 'established.worker.3',
          stage: 'established',
          text: 'have opportunities to act autonomously and take some of their ideas forward',
        },
        {
          indicator: 'established.worker.4',
          stage: 'established',
          text: 'work with a line manager who encourages leadership, learning and ideas to improve practice',
        },
        {
          indicator: 'accomplished.worker.1',
          stage: 'accomplished',
          text: 'be encouraged to be innovative and share their ideas and insights with others',
        },
        {
          indicator: 'accomplished.worker.2',
          stage: 'accomplished',
          text: 'have access to research, evidence and opportunities to work with others to foster innovation and creativity',
        },
        {
          indicator: 'accomplished.worker.4',
          stage: 'accomplished',
          text: 'feel that they are actively encouraged and supported to take a leadership role',
        },
      ],
    },
  },
  {
    key: '1c',
    title: 'Involving the workforce, people who use services and their carers in continuous improvement',
    introduction:
      'The questions below will help you consider how your organisation supports the involvement of the workforce, people who use services and their carers in continuous improvement.',
    suggestedEvidence: [
      'your consultation framework',
      'communication strategy',
      'newsletters, website, intranet, etc',
      'surveys and feedback from service users and carers',
      'interviews, focus groups with service users and carers',
      'staff survey',
      'staff exit interviews',
      'events for employees, users and carers to meet with senior managers',
      'reports from external regulators or quality assurance boards',
    ],
    questions: [
      'How do you encourage and enable people who use services and their carers to give feedback on service quality and outcomes?',
      'How do you encourage and enable people who use services and their carers to actively contribute to the continuous improvement of your organisation, the services it delivers and the outcomes it supports users and carers to achieve?',
      'How do you encourage and enable staff at all levels and in every part of your organisation to express their views and to contribute to continuous improvement?',
      'How can you demonstrate that you have learned from feedback from people who use services, their carers and staff and used this learning to improve performance?',
      'How do you communicate on an ongoing basis with staff, people who use services and carers?',
      'How can you demonstrate that you keep staff, people who use services and carers updated and in particular aware of organisational changes and the rationale for these?',
      'Have you been asked to share with other organisations your approach to developing a learning and performance culture and/or achieved external recognition for the quality of your approach?',
    ],
    selfAssessment: {
      key: '1C',
      // Seed 003 repeats 1B's title here; kept as the source has it (see README).
      title: 'Encouraging professional autonomy, leadership and innovation',
      instruction: chartInstruction,
      items: [
        {
          indicator: 'engaged.organisation.3',
          stage: 'engaged',
          text: 'encourages employees at all levels to contribute to the continuous improvement of the service',
        },
        {
          indicator: 'engaged.organisation.4',
          stage: 'engaged',
          text: 'demonstrates commitment to using feedback from people who use services and their carers to continuously improve',
        },
        {
          indicator: 'engaged.organisation.5',
          stage: 'engaged',
          text: 'makes sure that employees, people who use services and their carers are made aware of changes in the organisation and the rationale for these',
        },
        {
          indicator: 'established.organisation.1',
          stage: 'established',
          text: 'learns from the views and insight of employees, people who use services and their carers to continually improve practice',
        },
        {
          indicator: 'exemplary.organisation.2',
          stage: 'exemplary',
          text: 'is recognised for its outstanding learning and performance culture which embraces the leadership and learning of employees, people who use services and their carers',
        },
      ],
    },
    staffPerceptions: {
      instruction: staffSurveyInstruction,
      items: [
        {
          indicator: 'engaged.worker.2',
          stage: 'engaged',
          text: 'feel encouraged to provide suggestions for improvements in service delivery',
        },
        {
          indicator: 'engaged.worker.3',
          stage: 'engaged',
          text: 'feel that the organisation values their views, insight and contributions',
        },
        {
          indicator: 'established.worker.2',
          stage: 'established',
          text: 'feel able to express their views and know that these views will be listened to without recrimination',
        },
        {
          indicator: 'accomplished.worker.3',
          stage: 'accomplished',
          text: 'feel that they have been listened to even though their ideas may not be adopted in practice',
        },
        {
          indicator: 'exemplary.worker.1',
          stage: 'exemplary',
          text: 'believe that they are part of an organisation which values collaborative learning, shared leadership, innovation, and the sharing of ideas',
        },
        {
          indicator: 'exemplary.worker.2',
          stage: 'exemplary',
          text: 'believe that the contributions they make are recognised and valued by the organisation',
        },
      ],
    },
  },
];

export const auditReviewSource = {
  title: 'Review and Action Planning',
  guidance: [
    'The stages are progressive, so to meet the requirements of the accomplished stage you would need to address all the indicators under engaged, established and accomplished.',
    'Look back over self-assessments 1A, 1B and 1C. Highlight any indicators at the Engaged stage that you did not achieve, and add them to the ‘potential areas for development’ box below. There is also space to include ideas for actions that you might take for development.',
    'Only move on to the next level of progression if you have already achieved all the indicators at the level below.',
  ],
} as const;

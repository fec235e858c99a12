// Transcribed from seed 001 (the six organisational capabilities; supersedes Appendix 2 of seed 000).
// Texts are as the source has them; only whitespace is tidied. Each "»" bullet is one indicator.
import type { OrganisationalCapabilitySource } from './types.js';

export const organisationalCapabilitySources: readonly OrganisationalCapabilitySource[] = [
  {
    slug: '1-learning-and-performance-culture',
    name: 'Creating a learning and performance culture',
    summary:
      'Social service workers are part of an organisational environment which supports them to practice professional autonomy, continuously learn, embed their learning in practice and use their learning to improve outcomes for people who use services.',
    organisationIndicators: {
      engaged: [
        'is committed to building a learning culture which will lead to continuously improved practice and performance',
        'has developed a range of systems and processes which lead to learning and improvement',
        'encourages employees at all levels of the organisation to contribute to the continuous improvement of the service',
        'demonstrates commitment to using feedback from people who use services and their carers to continuously improve',
        'makes sure that employees, people who use services and their carers are made aware of changes in the organisation and the rationale for these',
      ],
      established: [
        'learns from the views and insight of employees, people who use services and their carers to continually improve practice',
        'recognises and rewards the contributions of employees in the celebration of organisational achievements',
        'builds a workplace which encourages and supports employees to practise professional autonomy',
        'provides opportunities for critical feedback on the learning and performance culture of the organisation',
        'actively identifies and addresses any organisational practice that is discriminatory',
      ],
      accomplished: [
        'builds leadership across all levels of the organisation which includes employees, people who use services and their carers',
        'demonstrates that learning is consistently used to continuously improve the performance of the organisation and outcomes for people who use services and their carers',
        'uses research and evidence to identify and overcome barriers to learning and improved performance',
      ],
      exemplary: [
        "analyses diverse sources of evidence to evaluate the organisation's performance, critically reflects on practice and uses this to continuously improve",
        'is recognised for its outstanding learning and performance culture which embraces the leadership and learning of employees, people who use services and their carers',
      ],
    },
    workerIndicators: {
      engaged: [
        "feel that they are encouraged to learn and reflect on their own and the organisation's practice",
        'feel encouraged to provide suggestions for improvements in service delivery',
        'feel that the organisation values their views, insight and contributions.',
      ],
      established: [
        'have opportunities to regularly reflect on their practice and work with others to find ways to learn, innovate, and continually improve',
        'feel able to express their views and know that these views will be listened to without recrimination',
        'have opportunities to act autonomously and take some of their ideas forward',
        'work with a line manager who encourages the sharing of leadership, learning and ideas to improve practice.',
      ],
      accomplished: [
        'be encouraged to be innovative and share their ideas and insights with others',
        'have access to research, evidence and opportunities to work with others to foster innovation and creativity',
        'feel that they have been listened to even though their ideas may not be adopted in practice',
        'feel that they are actively encouraged and supported to take a leadership role.',
      ],
      exemplary: [
        'believe that they are part of an organisation which values collaborative learning, shared leadership, innovation, and the sharing of ideas',
        'believe that the contributions they make are recognised and valued by the organisation',
        'believe that the organisation is highly effective in using learning to continuously improve outcomes for people using the service and their carers.',
      ],
    },
  },
  {
    slug: '2-planning-for-learning',
    name: 'Planning for learning, development and improved practice',
    summary:
      'Social service workers are part of an organisation that uses planned and strategic approaches to learning and development to support them to continually improve their practice.',
    organisationIndicators: {
      engaged: [
        'recognises that everyone in the organisation is a lifelong learner',
        'encourages employees to take appropriate responsibility for identifying their own learning needs',
        "demonstrates commitment to strategically planning for employees' learning, development and improved practice",
        'demonstrates commitment to using feedback from people who use services and their carers to inform this strategic planning',
      ],
      established: [
        'works with employees, people who use services and their carers to develop a strategy for the learning and development of employees',
        'bases the strategy on the systematic identification of the learning needs of all employees and takes appropriate account of their career aspirations',
        'supports line managers to make sure that all employees have a plan that contributes to their learning, development and improved practice',
        'monitors the effectiveness of employee learning and development',
      ],
      accomplished: [
        'bases their strategy for employee learning and development on the learning needs of employees, the workforce planning needs of the organisation and local and national priorities',
        'supports line managers to engage in meaningful supervision and performance management processes which improve outcomes for people who use services and their carers',
        'actively supports the involvement of people who use services and their carers in planning organisational learning',
        'evaluates the impact of learning on practice and uses this to inform planning',
      ],
      exemplary: [
        'is recognised for their outstanding ability to support employee learning, development and improved practice',
        'continuously develops their strategy for employee learning and development based on a range of relevant evidence',
        'demonstrates that planned approaches to learning and development are leading to improved outcomes for people who use services',
        'is recognised for their outstanding ability to involve employees, people who use services and their carers in planning, developing and evaluating organisational learning',
      ],
    },
    workerIndicators: {
      engaged: [
        'know how their ongoing learning and development will be supported',
        'have regular time with their line manager (or appropriate other person) to discuss their practice, learning and development',
        'feel that their views about their learning needs are listened to.',
      ],
      established: [
        'meet regularly with their line manager (or appropriate other person) to identify their progress, achievements and future learning and development needs',
        'have a learning and development plan which is linked to their job role, has been drawn up in partnership with their line manager and takes account of their career aspirations',
        'feel supported to plan, implement and reflect on their practice on an ongoing basis.',
      ],
      accomplished: [
        'have access to a range of resources to support them to plan for learning, development and improved practice',
        'work with a line manager who is confident, knowledgeable and capable of engaging in supervision and performance management processes which lead to continuous learning and improved practice',
        'feel involved in the planning and evaluation of learning and development in the organisation.',
      ],
      exemplary: [
        'feel confident that the planning processes used by the organisation will significantly contribute to their learning, development and the continuous improvement of their practice',
        'be actively involved in the evaluation and continuous improvement of the organisational learning and development strategy.',
      ],
    },
  },
  {
    slug: '3-access-to-learning',
    name: 'Promoting access to learning and development opportunities',
    summary:
      'Social service workers will have access to a wide range of informal and formal learning and development opportunities which meet their identified needs.',
    organisationIndicators: {
      engaged: [
        'has developed systems and processes to support access to formal and informal learning for all employees',
        "allocates resources to support employees' learning and development at all levels of the organisation",
        'demonstrates a commitment to involving people who use services and their carers in employee learning and development',
      ],
      established: [
        'has developed transparent systems and processes to make sure that all employees have access to formal and informal learning opportunities which meet their identified needs',
        'encourages a range of opportunities for learning within the workplace and with other agencies and disciplines',
        'provides opportunities for employees to share initiatives, good practice and resources',
        'involves people who use services and their carers in formal and informal learning and development opportunities for employees and promotes recognition of their involvement',
      ],
      accomplished: [
        'works creatively to develop opportunities for informal learning in the workplace',
        'creates opportunities for employees to share learning with other agencies and disciplines',
        'supports employees, people who use services and their carers to develop the necessary knowledge, skills, values, understanding, personal capabilities, and, where appropriate, qualifications to support the development of others',
        'uses research and evidence to identify barriers to learning and development and find ways to overcome them',
      ],
      exemplary: [
        'is recognised for its innovative and effective approaches to creating accessible learning and development opportunities throughout the organisation',
        'demonstrates outstanding practice in creatively involving people who use services and their carers in employee learning and development and in actively supporting and recognising their involvement.',
        'is recognised for its initiative in promoting creative approaches to multi-agency and multi-disciplinary learning and development',
      ],
    },
    workerIndicators: {
      engaged: [
        'have access to informal and formal learning and development opportunities',
        'be able to access the tools they need to support their learning (e.g. internet, relevant reading material, discussions with colleagues and training).',
      ],
      established: [
        'have access to clearly documented and transparent information about how the organisation will support them to access learning and development opportunities',
        'have access to a range of formal and informal learning opportunities which meet their identified needs, take appropriate account of their career aspirations and involve people who use services and their carers',
        'be able to share initiatives, good practice and resources and have access to multi-agency and multi-disciplinary learning opportunities.',
      ],
      accomplished: [
        'be able to engage in learning opportunities which are evidence-based, involve people who use services and their carers and are fully integrated into organisational culture',
        'be encouraged and enabled to support the development of others',
        'be actively involved in sharing good practice and learning within the organisation and with other agencies and disciplines.',
      ],
      exemplary: [
        'have access to a range of high quality learning and development opportunities which take account of their learning styles',
        'recognise the value of the high quality opportunities the organisation offers to support their learning, development and improved practice',
        'recognise the value of involving people who use services and their carers as an integral part of their learning and development.',
      ],
    },
  },
  {
    slug: '4-access-to-feedback',
    name: 'Promoting access to feedback',
    summary:
      'Social service workers gain access to high quality, fair and honest feedback in a way that enables them to continually learn, develop and improve their practice.',
    organisationIndicators: {
      engaged: [
        'promotes the use of feedback as a way of supporting learning through reflection on individual practice',
        'has established systems and processes which support the giving, receiving and use of feedback in a way that is fair and treats people with dignity and respect',
        'is aware that inappropriate feedback processes can result in discrimination and oppression',
      ],
      established: [
        'supports line managers to continuously improve the ways they give, receive and use feedback paying particular attention to ensuring that processes are fair and treat all employees with dignity and respect',
        'develops processes which result in multiple sources of feedback including that gained from colleagues, line managers, people who use services and their carers as well as self assessment',
        'ensures that systems and processes are clear, evaluated and available to everyone in the organisation',
      ],
      accomplished: [
        'involves staff in developing, implementing and evaluating systems and processes that use feedback to support continuous learning, reflection and improved practice',
        'uses evidence, research and the views of people who use services and their carers to strengthen the way feedback is used to support learning and improved practice',
      ],
      exemplary: [
        'is recognised for their outstanding ability to use feedback to support learning, improve individual and organisational practice and improve outcomes for people who use services and their carers',
        'is able to provide evidence of the impact feedback is having on the practice of staff and the outcomes for people who use the service and their carers',
      ],
    },
    workerIndicators: {
      engaged: [
        'feel that the organisation values feedback as a tool for learning, development and continuous improvement',
        'be given feedback by their line manager or appropriate other person fairly and constructively',
        'have the opportunity to provide fair and constructive feedback to their line manager or appropriate other person',
        'be aware of the action they can take should they feel feedback processes are unfair or discriminatory.',
      ],
      established: [
        'gain feedback that is linked to the requirements of their job roles',
        'feel that they are treated with dignity and respect when gaining, receiving and giving feedback',
        'have access to feedback from a range of sources including line managers, colleagues, people who use services and through self reflection',
        'work with a line manager who is continually improving the ways in which they gain and use feedback.',
      ],
      accomplished: [
        'work with a line manager who feels confident in their ability to gain, give and receive feedback in a way that supports learning, development and improved practice of all employees',
        'have access to resources that enables them to gain, give and receive feedback fairly and with dignity and respect.',
      ],
      exemplary: [
        'feel confident that the feedback processes significantly enhance practice, the quality of the service and outcomes for people who use services and their carers.',
      ],
    },
  },
  {
    slug: '5-dignity-and-respect',
    name: 'Treating people with dignity and respect',
    summary:
      'Social service workers are part of an organisation that values the diversity of its workforce and challenges discrimination at all levels.',
    organisationIndicators: {
      engaged: [
        'promotes awareness and understanding of difference and values diversity in its workforce',
        'demonstrates awareness of the impact of discrimination on employees and is committed to challenging it',
        'has developed systems and processes to support employee learning and development which recognise the diverse needs of employees',
        'has developed systems and processes which provide transparent routes for employees to challenge inequality and discrimination',
      ],
      established: [
        'actively promotes the diversity of its workforce and inclusion in the workplace',
        'recognises differences in power in line management arrangements and is committed to preventing abuse of power within workplace relationships',
        'actively supports the diverse learning needs of employees',
        "supports employees and managers to critically reflect on how their own background, assumptions and values impact on workplace relationships, including their assessment of employees' learning, development and practice",
      ],
      accomplished: [
        "supports line managers to routinely consider the possible impact of individual and organisational discrimination where employees' values conflict with those of the organisation",
        'uses evidence and research to inform approaches to anti-discriminatory and anti-oppressive practice',
      ],
      exemplary: [
        'is recognised for its innovative and effective approaches to anti-discriminatory and anti-oppressive practice within the organisation and across organisational boundaries',
        'demonstrates creative and innovative approaches to involving employees, people who use services and their carers who are members of minority and disadvantaged groups in organisational learning',
      ],
    },
    workerIndicators: {
      engaged: [
        'feel valued by the organisation whatever their culture, background, disability, gender, age or sexual orientation',
        'know how to recognise and challenge discrimination in the workplace.',
      ],
      established: [
        'feel their own particular learning needs are recognised and met',
        'feel able to challenge discrimination and inequality in the organisation without fear of reprimand.',
      ],
      accomplished: [
        'feel that diverse learning needs are actively supported',
        'feel confident to challenge discrimination in the organisation knowing that this will be acted on without reprimand',
        'work with a line manager who is aware of the relationships between individual, organisational and structural discrimination and how these can impact on employees.',
      ],
      exemplary: [
        'recognise the value of the pro-active and innovative approaches the organisation takes to challenge discrimination and oppression',
        'feel that they and others are treated with dignity and respect at all times.',
      ],
    },
  },
  {
    slug: '6-health-and-wellbeing',
    name: 'Focusing on health and wellbeing',
    summary:
      "Social service workers are part of an organisation that recognises the impact that health and wellbeing can have on an employee's ability to learn, develop and improve their practice.",
    organisationIndicators: {
      engaged: [
        'acknowledges that the health and wellbeing of employees is important to their ability to learn and to deliver high quality services',
        'has developed a range of systems and processes that support the physical, mental and emotional health and wellbeing of employees',
        'has developed systems to make sure that employees have manageable workloads',
      ],
      established: [
        'develops a strategy for employee learning and development which takes account of the impact on workloads',
        "supports line managers to make sure that learning and development is recognised as an integral part of employees' workloads",
        'supports employees to embrace change while taking account of constructive criticism',
        'monitors the effectiveness of the systems and processes that support the physical, mental and emotional health and wellbeing of employees',
      ],
      accomplished: [
        'recognises and addresses the organisational obstacles that undermine the resilience of employees',
        'uses evidence and research to identify barriers to health and wellbeing and seeks to continuously improve it in practice',
        'makes sure that people at all levels in the organisation recognise the importance of caring for and consistently valuing the health and wellbeing of themselves and others to enable lifelong learning',
      ],
      exemplary: [
        'is recognised for the significant contributions they make toward the health and wellbeing of their employees',
        'uses evidence and research to implement innovative approaches to individual and organisational learning while ensuring the health and wellbeing of all employees',
        'can demonstrate that employees value the organisational focus on their health and wellbeing',
      ],
    },
    workerIndicators: {
      engaged: [
        'be part of an organisation where their health and wellbeing is considered',
        'be aware of the systems and processes that have been established to support their health and wellbeing',
        'be aware of systems which support the management of workloads.',
      ],
      established: [
        'feel that their learning and development is valued as an integral part of their workload.',
        'feel confident that the organisation will support them without recrimination if they feel their health or wellbeing are at risk',
        'be confident to use the established systems and processes to resolve issues',
        'feel able to voice their concerns about change but supported to manage it.',
      ],
      accomplished: [
        'feel supported to deal with obstacles and setbacks and achieve positive outcomes',
        'feel confident that the established systems and processes will continuously improve the health and wellbeing of employees including their own',
        'work with a line manager who is knowledgeable and skilled in supporting their health and wellbeing',
        'be confident that the health and wellbeing of employees is consistently valued by people at all levels of the organisation.',
      ],
      exemplary: [
        'acknowledge that the organisation supports their health and wellbeing and that this enables them to learn, develop and continually improve their practice.',
      ],
    },
  },
];

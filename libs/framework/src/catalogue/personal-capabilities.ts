// Transcribed from seed 000 (CLF consultation paper, 2008), Appendix 1. Texts are as the source has them,
// including its typos; only whitespace and words broken by the PDF extraction are tidied. Each sentence of a
// table cell is one indicator: the extraction ran the cell's bullets together.
import type { PersonalCapabilitySource } from './types.js';

export const personalCapabilitySources: readonly PersonalCapabilitySource[] = [
  {
    slug: 'self-confidence',
    name: 'Self Confidence',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Is confident in their ability to carry out their role if they are provided with the necessary support.',
        'Acknowledges that their level of self confidence will impact on their practice.',
        'Acknowledges the contribution they make as a member of the social services workforce.',
      ],
      established: [
        'Contributes confidently to the development of the service.',
        'Is confident to question accepted practices and have own practice questioned.',
        'Is confident in taking calculated risks and being responsible for the consequences.',
        'Has the confidence to make sure that their own contributions and those of others are valued.',
        'Reflects upon the impact their level of self confidence is having on their practice.',
      ],
      accomplished: [
        'Is confident in their ability to perform in increasingly complex and demanding situations while still seeking support where necessary.',
        'Is able to nurture the self confidence of others.',
        'Encourages, accepts, provides and uses feedback to support their self confidence.',
        'Is confident to give positive and constructive feedback to colleagues and their line manager.',
        'Views constructive criticism as an opportunity to improve.',
      ],
      exemplary: [
        'Is confident in their ability to perform in complex and demanding situations with which they are not familiar.',
        'Proactively seeks and provides feedback and support others to give and accept feedback.',
        'Has confidence to actively promote the capacity of social services to make a significant difference to people who use services and society as a whole.',
      ],
    },
  },
  {
    slug: 'accurate-self-assessment',
    name: 'Accurate Self Assessment',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Understand the need to be aware of their strengths and the limitations of their own ability.',
        'Is able to reflect on their own practice, learn from this reflection and apply their learning to improve their practice.',
        'Is open to positive and constructive feedback from others.',
      ],
      established: [
        'Takes personal responsibility for own errors or shortcomings and learns from them.',
        'Demonstrates ongoing self reflection and resulting improvements to practice.',
        'Uses feedback from a range of sources to more accurately assess their own capabilities.',
      ],
      accomplished: [
        'Models and encourages others to engage in cycles of ongoing self reflection.',
        'Promotes a culture of learning from strengths and achievements as well as limitations and shortcomings.',
        'Is able to engage and reflect with others about differing perceptions.',
        'Uses tools from research, evidence based practice and the knowledge of others both within and outwith the organisation to critically reflect on their own practice.',
      ],
      exemplary: [
        'Self assessment processes reflect both individual performance and impact within out outwith the organisation.',
        'Promotes a culture of learning from good practice as well as mistakes and near misses.',
        'Is able to accurately assess their abilities.',
      ],
    },
  },
  {
    slug: 'lifelong-learning',
    name: 'Lifelong Learning',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Is committed to and takes responsibility for own learning and development.',
        'Demonstrates commitment to keeping knowledge and skills up to date.',
      ],
      established: [
        'Actively identifies ongoing learning and development needs, seeks a range of approaches and creative ways pf meeting these and puts their learning into practice.',
        'Embeds critically reflective practice and research as a routine approach to work.',
        'Uses feedback to identify learning and development needs.',
        'Takes responsibility for a well documented learning and development plan which demonstrates the impact of their practice and is used to continually improve practice.',
      ],
      accomplished: [
        'Models a long term commitment to their ongoing learning and development and strategically targets their learning based upon their needs.',
        'Uses knowledge gained from research and evidence to promote a learning and performance culture across the organisation.',
        'Uses cyclical planning, reflection and evaluation processes for their own learning and development.',
        'Is able to demonstrate how their learning has improved their practice and improved outcomes for people who use services.',
      ],
      exemplary: [
        'Actively contributes to an organisational culture which promotes learning and development opportunities at all levels and embeds the use of evidence based practice and research in the workplace.',
        'Is recognised for their commitment to their own learning and development which is reflected in outstanding practice and improved outcomes for people who use services.',
      ],
    },
  },
  {
    slug: 'awareness-of-impact-on-others',
    name: 'Awareness of impact on others',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Demonstrates awareness of the impact they have on others.',
        'Is open to utilising positive and constructive feedback to determine the impact they are having on others.',
      ],
      established: [
        'Regularly reflects upon the impact their behaviour, actions, words and demeanour have on others and actively seeks to improve their practice accordingly.',
        'Provides feedback to others about their impact on others.',
      ],
      accomplished: [
        'Uses models developed from research, evidence based practice and the knowledge of others within and outwith the organisation to gather multiple sources of feedback to understand the impact of their practice on others.',
        'Critically analyses feedback and uses ongoing planning, implementation and critical reflection to improve their own practice.',
      ],
      exemplary: [
        'Is able to accurately asses the impact they are having on others.',
        'Others recognise their outstanding ability to be aware of their impact on others and effectively modify their behaviour accordingly.',
      ],
    },
  },
  {
    slug: 'flexibility',
    name: 'Flexibility',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Is open to change in own workplace.',
        'Acknowledge the importance of change in continually improving practice.',
        'Adapts own approach to the demands of the work environment.',
        'Adjusts a strongly held opinion in response to contradictory evidence.',
      ],
      established: [
        'Is open minded and flexible in dealing with circumstances as they arise.',
        'Adjusts job focus and approaches depending upon the needs of different situations.',
        'Approaches major changes in own workplace and the wider organisation with a positive and constructive attitude.',
        'Engages in open and reflective debate and provides constructive comments about proposed changes.',
      ],
      accomplished: [
        'Promotes a culture which embraces change while acknowledging and listening to different points of views and the anxieties of others.',
        'Is able to adapt to a variety of situations, while understanding and appreciating different and opposing perspectives.',
        'Actively supports others to become more flexible in the workplace.',
      ],
      exemplary: [
        'Is able to accommodate complexity, uncertainty and ambiguity.',
        'Is able to see potential opportunities and take advantage of them.',
        'Uses research and evidence based practice to find ways to help others to be more flexible and deal with change.',
        'Is recognised for their ability to act and think flexibly.',
      ],
    },
  },
  {
    slug: 'judgement',
    name: 'Judgement',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Is aware of the need to balance the safety of self and others with considered risk taking.',
        'Is aware of decision making processes and the level of decision making appropriate for own role.',
        'Ensures decisions are appropriately communicated to all those they concern.',
        'Is able to reflect on the judgements made and the consequences of those judgements.',
      ],
      established: [
        'Is aware of the risks to people who use services, colleagues, themselves or others in any given situations.',
        'Is able to balance potential risks with the rights and needs of the service user and others, seeking appropriate support to make this judgement.',
        'Is prepared to make decisions and take calculated risks within area of authority and can see the implications of these.',
        'Makes judgements based on an evaluation of the evidence, the careful balancing of priorities, reflection and the options available.',
      ],
      accomplished: [
        'Contributes to ongoing evaluation of judgements and decisions made at team level and ensures these are evidence based.',
        'Is able to make sound decisions under pressure.',
        'Considers the costs, benefits, consequences and likelihood of success of a proposed course of action and can see implications beyond the immediate environment.',
        'Is able to make unpopular decisions based upon complex and multiple needs and manage the acceptance or non acceptance of those decisions by others.',
      ],
      exemplary: [
        'Takes calculated risks and is able to foresee and manage likely risks over time within and outwith the immediate work environment.',
        'Promotes a workplace environment which manages risk and encourages responsible decision making and risk taking which continuously improve service delivery.',
        'Others recognise their outstanding ability to make sound judgements and will seek their advice.',
      ],
    },
  },
  {
    slug: 'initiative',
    name: 'Initiative',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Is able to use initiative and take calculated risks in recognising opportunities to improve service delivery.',
        'Is able to recognise the initiative that others take.',
      ],
      established: [
        'Uses initiative and thinks creatively about the options available in any situation.',
        'Is able to effectively use these ideas and negotiate for change and improvement to service delivery.',
        'Is able to reflect upon the outcomes of the initiative taken and use this to support learning.',
      ],
      accomplished: [
        'Uses research, evidence based practice and the knowledge of others within and outwith the organisation to find innovative approaches which lead to improved outcomes for people who use the service.',
        'Encourages others to demonstrate initiative through collaborative work and the sharing of research and evidence based practice.',
      ],
      exemplary: [
        'Analyses knowledge of local, organisational, national and international trends both within and outwith the social service sector to create innovative and well considered approaches.',
        'Sees the potential for improvement in a range of situations and is able to develop these ideas and progress them in practice.',
        'Is recognised as an innovator within and outwith their own organisation.',
      ],
    },
  },
  {
    slug: 'managing-workloads',
    name: 'Managing workloads',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Understand the need to balance workloads.',
        'Works with others to set clear goals and manages time effectively to achieve agreed outcomes.',
        'Contributes to the management of the team workload and shares responsibility for the achievement of agreed goals.',
        'Reflects on the way they manage workloads and seeks support and advice as required.',
      ],
      established: [
        'Works towards and sustains a systematic approach to goal setting, planning, monitoring and review.',
        'Is able to identify potential problems and work with others to implement effective solutions.',
        'Is able to accommodate changes but is realistic about what is achievable and communicates that appropriately.',
        'Is able to work in partnership with others to negotiate and achieve shared goals.',
      ],
      accomplished: [
        'Is able to work with others to maintain shared accountability while keeping their workload manageable.',
        'Effectively manages competing demands in workload.',
        'Is able to negotiate appropriately the delegation of work while maintaining responsibility for quality and timeliness of outcomes.',
        'Is able to negotiate changes and deadlines where appropriate.',
      ],
      exemplary: [
        'Uses systematic processes to effectively manage a number of complex initiatives and competing agendas.',
        'Is aware of emerging trends and risks and is proactive in addressing them to manage workloads.',
        'Is able to manage collaborative working with multiple partners within and outwith the organisation and achieve agreed outcomes.',
      ],
    },
  },
  {
    slug: 'resilience',
    name: 'Resilience',
    group: 'managing-self',
    indicators: {
      engaged: [
        'Is able to see the positive side of situations and believes in their ability to make a difference.',
        'Perseveres with difficult tasks over an extended period of time in order to achieve them.',
      ],
      established: [
        'Is able to deal with difficulties by keeping them in perspective.',
        'Sustains efforts to overcome obstacles and feelings of frustration and maintain a positive view.',
        'Is able to take steps to overcome difficulties and recognises the contribution of each step towards a successful outcome.',
      ],
      accomplished: [
        'Demonstrates persistence in changing things for the better in increasingly complex situations.',
        'Support resilience in others.',
        'Recognises that adversity also brings opportunities.',
        'Promotes a positive image of their role within and outwith the organisation.',
      ],
      exemplary: [
        'Acknowledges complexity within situations and uses multiple pathways to overcome obstacles.',
        'Is persistent and creative in their approach to achieving successful outcomes at individual and organisational levels.',
        'Promotes a positive image of the work of self, others and the organisation.',
        'Is recognised for their outstanding ability to overcome adversity and find positive solutions.',
      ],
    },
  },
  {
    slug: 'focus-on-service-users-and-carers',
    name: 'A focus on service users and carers',
    group: 'managing-relationships',
    indicators: {
      engaged: [
        'Demonstrates a clear personal commitment to people who use services and carers in meeting their needs and delivering a high quality service.',
        'Seeks appropriate guidance and support from others to improve the ways they work with and involve people who use services and carers.',
        'Reflects on own practice and seeks to continuously improve the work with people who use services and carers.',
      ],
      established: [
        'Actively promotes the empowerment of people who use services and carers.',
        'Works in partnership with them and others to achieve this.',
        'Works flexibly to make sure people who use services and carers are fully supported at critical periods.',
        'Remains focused on the needs of people who use services when faced with conflicting priorities.',
        'Reflects on their own practice and seeks feedback from people who use services and carers.',
      ],
      accomplished: [
        'Strives to meet, and where appropriate, surpass the expectations of people who use services.',
        'Uses a range of approaches to gain authentic feedback from people who use services and uses this information to inform ongoing evaluation and service improvement.',
        'Uses research, evidence based practice and the views of people who use services and their carers to continually improve their own practice and that of the organisation.',
      ],
      exemplary: [
        'Is able to identify and analyse current patterns and trends to promote best practice in relation to the needs and wishes of people who use services and their carers.',
        'Is able to use a rigorous evidence base to contribute to policy and service provision to improve the ways in which people who use services and their carers are involved.',
        'Is recognised for their significant contribution to authentic partnerships with people who use services and their carers.',
      ],
    },
  },
  {
    slug: 'empathy',
    name: 'Empathy',
    group: 'managing-relationships',
    indicators: {
      engaged: [
        'Gives others time and space to express what they think or feel.',
        'Listens attentively without interrupting, judging or stereotyping.',
        'Actively seeks to identify and clarify the attitudes, views and feelings of others.',
        'Approaches difficult issues sensitively.',
        'Reflects on interactions to continuously improve empathic approaches.',
      ],
      established: [
        'Accurately interprets and responds to concerns, motives and feelings of others especially those viewed negatively by other people.',
        'Recognises the importance and difficulty in expressing views that may not be shared by the majority.',
        'Is aware of and understands unspoken thoughts, concerns or feelings and is skilled in helping individuals to voice these safely.',
        'Actively seeks feedback from a range of sources to improve their empathic approaches.',
      ],
      accomplished: [
        'Is skilled in understanding the often conflicting feelings and concerns of those involved in complex situations.',
        'Understands complex causes of others long term underlying problems.',
        'Uses research and evidence based practice to gain greater insight into others, especially those who use services, and uses this to improve their own practice and influence others.',
      ],
      exemplary: [
        'Is active in embedding a culture of empathy in the workplace.',
        'Makes sure that other workers have time and are supported to express and deal with their own feelings which arise from working in challenging situations with conflicting values and needs.',
        'Is recognised for their empathic approaches to people in a range of situations.',
      ],
    },
  },
  {
    slug: 'developing-others',
    name: 'Developing others',
    group: 'managing-relationships',
    indicators: {
      engaged: [
        'Demonstrates a commitment to the principle of learning and development of self and others.',
        'Participates in the provision of learning opportunities to others.',
        'Recognises the importance of group learning.',
      ],
      established: [
        'Actively promotes and implements learning and development of self and others through a range of formal and informal approaches.',
        'Uses feedback to support learning and continuous improvement of self and others.',
        'Is able to give positive and constructive feedback to others.',
        'Reflects on their ability to support the learning of others.',
      ],
      accomplished: [
        'Is able to advocate for learning and development opportunities for people who use services, carers and colleagues.',
        'Is able to utilise learning to support the development of the individual, group and the service and can demonstrate how this learning is leading to improved practice.',
        'Uses research and evidence based practice to reflect and strengthen the way in which they develop others.',
        'Work with others to develop creative and innovative approaches to learning and service delivery.',
      ],
      exemplary: [
        'Actively builds a learning culture by facilitating the learning and sharing of ideas within and outwith the organisation and with people who use services.',
        'Is able to engage others in quality improvement and research processes which support learning and service improvement.',
        'Is acknowledged for their leadership and contribution to developing others within and outwith the organisation.',
      ],
    },
  },
  {
    slug: 'motivating-and-leading-others',
    name: 'Motivating and leading others',
    group: 'managing-relationships',
    indicators: {
      engaged: [
        'Has a clear focus and direction to their own activity.',
        'Understands that leadership occurs at all levels of the organisation.',
        'Will take roles that involve motivating and leading others.',
        'Is able to provide a clear focus and direction for group activity.',
      ],
      established: [
        'Sets challenging goals in partnership with others and has a positive expectation of success.',
        'Motivates others by giving direction, recognition and credit to people either individually or collectively.',
        'Is able to effectively lead initiatives while bringing others with them.',
        'Reflects on their leadership approach and seeks advice and support to improve.',
      ],
      accomplished: [
        'Encourages and motivates others to make best use of their individual and collective abilities.',
        'Is able to lead and manage the social and political nature of large group situations.',
        'Encourages others to develop their capacity to lead and motivate others.',
        'Uses research and evidence to inform their leadership approach.',
        'Actively seeks feedback from others to improve their ability to lead and motivate others.',
      ],
      exemplary: [
        'Takes a leadership role with a diverse range of people which may include multi agency and multi disciplinary teams.',
        'Is able to effectively manoeuvre the social and political difficulties that arise to achieve collective goals while ensuring others feel valued for their contributions.',
        'Works with others across organisational boundaries to innovate for change and improved practice.',
        'Is recognised for their skilled leadership.',
      ],
    },
  },
  {
    slug: 'working-across-organisational-boundaries',
    name: 'Working with others across organisational boundaries',
    group: 'managing-relationships',
    indicators: {
      engaged: [
        'Acknowledges the importance of key relationships and values the perspective of people within and outwith the organisation.',
        'Recognises the importance of communicating with others and working in partnership with key players to meet the needs of people using services.',
        'Acknowledges the complexity of this process and will seek the support of others as required.',
      ],
      established: [
        'Takes active steps to build relationships, develop networks and promote partnership working.',
        'Utilises work across organisational boundaries as an opportunity for learning and development.',
        'Supports others to work across organisational boundaries.',
      ],
      accomplished: [
        'Uses creative approaches to build wider networks of people locally and nationally and utilises these relationships to promote continuous improvement at a local level.',
        'Can demonstrate how work across organisational boundaries is leading to improved outcomes for people who use the service.',
        'Actively seeks opportunities to work across organisational boundaries.',
      ],
      exemplary: [
        'Provides an ongoing and dynamic link between the workplace, the organisation, other agencies and wider networks.',
        'Is able to work creatively and constructively across organisational boundaries towards a shared vision for people who use services.',
        'Is acknowledged for their leadership and contributions to their work across organisational boundaries.',
      ],
    },
  },
  {
    slug: 'organisational-awareness',
    name: 'Organisational awareness',
    group: 'managing-relationships',
    indicators: {
      engaged: [
        'Demonstrates an understanding of how their particular organisation works, their role within it and how their work contributes to the purpose of the organisation.',
        'Recognises the need to work within agency policies and procedures and keeps up to date with these.',
        'Is aware of changes in the context in which they are working, e.g. the law, policy etc.',
      ],
      established: [
        'Recognises the role of everyone in the organisation in the delivery of high quality services.',
        'Works across departmental and service boundaries to deliver organisational goals.',
        'Shows concern for and relates own actions to the priorities of the organisation as a whole.',
        'Is willing to work toward goals she/he may not agree with.',
        'Actively keeps up to date with changes in the law, policy or other aspects of the context in which they are working.',
      ],
      accomplished: [
        'Understands the underlying problems, tensions and opportunities affecting the organisation.',
        'Is able to consider issues from a social, financial and political perspective.',
        'Anticipates how events or situations will affect individuals or groups in the rest of the organisation and can skilfully manoeuvre these situations.',
        'Seeks to influence the organisational response to changes in the law, policy or other aspects of the social service sector.',
        'Shares their insight appropriately with others within and outwith the organisation to challenge views and bring about continuous improvement.',
      ],
      exemplary: [
        'Uses knowledge of the social services sector, the organisation and networks with others to achieve identified outcomes.',
        'Actively contributes to the development of social services as a valued profession.',
        'Is recognised for the significant contributions made to the organisation.',
      ],
    },
  },
  {
    slug: 'teamwork',
    name: 'Teamwork',
    group: 'managing-relationships',
    indicators: {
      engaged: [
        'Demonstrates commitment and contributes to the objectives, work and decisions of the team.',
        'Is aware of the links between their own role and the role of the team.',
      ],
      established: ['objectives and work of the team.', 'Understands the needs of the team and is able to'],
      accomplished: [
        'Is able to foster teamwork within and outwith the organisation.',
        'Recognises and utilises key strengths of team members and ensures team members feel valued and rewarded for their expertise.',
        'Uses research and evidence based practice to understand the nature of teamwork and use it to continually improve practice.',
      ],
      exemplary: [
        'Is able to generate a culture of collaboration and commitment across multiple teams.',
        'Is recognised for their ability to use team approaches that lead to innovative practice and improved outcomes and significant contributions to the social service sector.',
      ],
    },
    sourceNotes: {
      established:
        'The extraction of seed 000 kept only two fragments of this cell; they are kept as the source has them until a complete source is added.',
    },
  },
  {
    slug: 'managing-conflict',
    name: 'Managing conflict',
    group: 'managing-relationships',
    indicators: {
      engaged: [
        'Recognises and raises issues of concern and participates in finding solutions within the limits of their own authority.',
        'Is able to identify areas of conflict between their own values, their role and the demands of the organisation and gains required support to manage this.',
      ],
      established: [
        'Proactively identifies potential problems at individual and organisational levels and works toward finding, implementing and evaluating solutions.',
        'Reflects on own practice and seeks feedback from others to gain a more insightful understanding of the conflict.',
      ],
      accomplished: [
        'Is able to understand conflict from a range of differing perspectives.',
        'Can deal with complex ethical and work related issues and can find solutions having considered a range of potential repercussions.',
        'Uses potential and actual conflicts proactively and positively to learn and improve practice.',
        'Is able to address conflict and negotiate solutions in complex circumstances.',
        'Uses research and evidence based practice to support the resolution of conflict.',
      ],
      exemplary: [
        'Is able to recognise problems in the context of broader trends and complexities at a local and national level.',
        'Is able to critically analyse conflict situations and generate and implement creative and original solutions to problems.',
        'Is recognised for their outstanding ability to resolve conflict.',
      ],
    },
  },
];

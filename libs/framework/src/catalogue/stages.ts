// Overarching stage descriptors: personal ones from seed 000 Appendix 1, organisational ones from seed 001.
import type { StageDescriptor } from './types.js';

export const stageDescriptors: readonly StageDescriptor[] = [
  {
    stage: 'engaged',
    label: 'Engaged',
    personalDescriptor:
      'Employees in social services at this stage will be able to demonstrate awareness and understanding of the capability as well as a commitment to developing it. They will also demonstrate their capacity to continually improve. They will take responsibility for their own learning and be able to reflect on their practice but should be expected to seek advice and support from colleagues.',
    organisationalDescriptor:
      'The organisation has an awareness of the organisational capability and has made a commitment to develop it. There is some evidence that systems and processes have been developed to support the organisational capability. These take account of the needs and views of employees and of people who use services and their carers.',
  },
  {
    stage: 'established',
    label: 'Established',
    personalDescriptor:
      'Employees in social services at this stage will be able to consistently demonstrate the personal capability in practice. They will be reflective practitioners who actively engage in their own continuous learning but continue to seek advice and support as appropriate. They will begin to demonstrate an ability to focus on the development of others as well as themselves.',
    organisationalDescriptor:
      'Employees, people who use services and carers are involved in developing systems and processes to support the organisational capability. The systems and processes are transparent, clearly documented, available to everyone in the organisation, and regularly evaluated. There is evidence of innovative approaches and the sharing of good practice.',
  },
  {
    stage: 'accomplished',
    label: 'Accomplished',
    personalDescriptor:
      'Employees in social services at this stage exercise increasing autonomy and initiative in their practice and begin to provide a model for others. They embed research and evidence-based practice in their self-reflection. They make an active and ongoing contribution to the learning of others and to the learning culture within their own organisation. They will be able to look beyond organisational boundaries and work with others to bring about change and development.',
    organisationalDescriptor:
      'The organisation uses evidence, research and the needs and views of people who use services, their carers and employees to continuously monitor and improve the systems and processes for the organisational capability. Innovative approaches and the sharing of ideas and resources are actively encouraged across the organisation. Evaluation is determined by the impact of learning on the practice of all employees. The outcomes of this analysis are used to inform future developments.',
  },
  {
    stage: 'exemplary',
    label: 'Exemplary',
    personalDescriptor:
      'Employees in social services at this stage will be recognised within and outwith their organisation for their outstanding practice. They will not necessarily be in formal leadership or management job roles. They will be committed to enhancing learning and the quality of practice not only within their own organisation but across the social services sector. They recognise the talents of others and encourage them to achieve their potential. They exercise high levels of leadership, autonomy and initiative in activities both within and outwith their organisations. They work in ways which are reflective, self critical and based on research/evidence and use this to learn and inform improved approaches to their own practice and that of others. They can demonstrate how their practice improves outcomes for people who use services.',
    organisationalDescriptor:
      'The organisation is recognised for its expertise and innovative approaches to the continuous improvement of the organisational capability. The organisation learns from others and regularly shares what it has learnt with others in other organisations. Evaluation data is analysed and compared with other quality assurance data to determine trends, effectiveness and areas for continuous improvement. There is clear evidence of how the organisational capability is impacting on the performance of employees and outcomes for those who use the service.',
  },
];

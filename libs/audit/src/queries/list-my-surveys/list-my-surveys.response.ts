import { z } from 'zod';

export const listMySurveysResponse = z.object({
  surveys: z.array(
    z.object({
      organisationId: z.string(),
      organisationName: z.string().describe("The organisation's name, to say in words whose survey it is"),
      auditId: z.string(),
      startedOn: z.iso.date(),
      answered: z
        .boolean()
        .describe('Whether this worker has answered it (a second answer is a 409); nothing says when or what'),
    }),
  ),
});

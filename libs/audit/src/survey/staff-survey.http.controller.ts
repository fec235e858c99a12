import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertCan, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { AnswerStaffSurvey } from './answer-staff-survey/answer-staff-survey.command.js';
import { surveyRespondentOf } from './survey-respondent.js';
import { requestSchema } from '#libs/platform';
import { answerStaffSurveyRequest } from './answer-staff-survey/answer-staff-survey.request.js';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations/:id/audits/:auditId')
export class StaffSurveyHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('survey-responses')
  @HttpCode(204)
  @ApiOperation({
    summary:
      "A worker of the organisation answers the cycle's staff survey, once, anonymously (1 strongly disagree … 5 strongly agree)",
  })
  @ApiBody({ schema: requestSchema(answerStaffSurveyRequest) })
  @ApiNoContentResponse({ description: 'Answered' })
  async answer(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('auditId') auditId: string,
    @Body() body: unknown,
  ) {
    const workerId = surveyRespondentOf(viewer);
    assertCan(workerId !== undefined, "answer a staff survey (only an organisation's workers do)");
    await this.commands.execute(AnswerStaffSurvey.parse(id, auditId, workerId!, body));
  }
}

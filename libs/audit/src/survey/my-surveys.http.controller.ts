import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { assertCan, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { responseSchema } from '#libs/platform';
import { ListMySurveys } from '../queries/list-my-surveys/list-my-surveys.query.js';
import { listMySurveysResponse } from '../queries/list-my-surveys/list-my-surveys.response.js';
import { surveyRespondentOf } from './survey-respondent.js';

/**
 * The signed-in worker's own open staff surveys. Under /api/me rather than /api/workers/:id: whether
 * someone answered is theirs alone to see, and routes naming a worker are read by their learning
 * lead, line manager and platform admins too; a lead who saw who answered, and when, beside the
 * survey's counts would learn the answers.
 */
@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/me')
export class MySurveysHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('surveys')
  // Says of one person whether they answered: no shared cache keeps it.
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary:
      'The staff surveys the signed-in worker may answer: the open audit cycles of the organisations they belong to now',
    description:
      'Answer one with POST /api/organisations/{organisationId}/audits/{auditId}/survey-responses. `answered` is ' +
      'whether this worker has answered it already (a second answer is a 409); nothing says when or what.',
  })
  @ApiOkResponse({ schema: responseSchema(listMySurveysResponse) })
  @ApiResponse({ status: 403, description: 'The signed-in user is not a worker (only workers answer staff surveys)' })
  list(@CurrentViewer() viewer: Viewer) {
    const workerId = surveyRespondentOf(viewer);
    assertCan(workerId !== undefined, "list staff surveys (only an organisation's workers answer them)");
    return this.queries.execute(new ListMySurveys(workerId!));
  }
}

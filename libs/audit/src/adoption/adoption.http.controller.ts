import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { requestSchema, responseSchema } from '#libs/platform';
import { mayAudit } from '../cycle/audit-cycles.http.controller.js';
import { GetAdoption } from '../queries/get-adoption/get-adoption.query.js';
import { getAdoptionResponse } from '../queries/get-adoption/get-adoption.response.js';
import { dateOrToday, todayUtc } from '../shared/input.js';
import { RecordAdoption } from './record-adoption/record-adoption.command.js';
import { recordAdoptionResponse } from './record-adoption/record-adoption.response.js';
import { recordAdoptionRequest } from './record-adoption/record-adoption.request.js';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations/:id/adoption')
export class AdoptionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Records that the organisation became aware of, started using or stopped using the CLF on a date',
  })
  @ApiBody({ schema: requestSchema(recordAdoptionRequest) })
  @ApiCreatedResponse({ schema: responseSchema(recordAdoptionResponse) })
  record(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    mayAudit(viewer, id);
    return this.commands.execute(RecordAdoption.parse(id, body, viewer.userId));
  }

  @Get()
  @ApiOperation({ summary: 'CLF adoption history by effective date, and the status as of a date' })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD, default today' })
  @ApiOkResponse({ schema: responseSchema(getAdoptionResponse) })
  history(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Query('asOf') asOf?: string) {
    mayAudit(viewer, id);
    return this.queries.execute(new GetAdoption(id, dateOrToday(asOf, 'asOf', todayUtc())));
  }
}

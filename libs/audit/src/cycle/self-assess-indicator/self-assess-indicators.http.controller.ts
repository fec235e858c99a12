import { Body, Controller, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { mayAudit } from '../audit-cycles.http.controller.js';
import { SelfAssessIndicators } from './self-assess-indicators.command.js';
import { requestSchema } from '#libs/platform';
import { SELF_ASSESSMENTS_MAX, selfAssessIndicatorsRequest } from './self-assess-indicators.request.js';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations/:id/audits/:auditId/indicators')
export class SelfAssessIndicatorsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(204)
  @ApiOperation({
    summary: `Self-assessment of several organisation indicators of the cycle at once (at most ${SELF_ASSESSMENTS_MAX}); all or nothing`,
    description:
      'Each row as PUT …/indicators/{indicatorId} takes it; one refused row refuses them all and writes nothing, its `field` naming the row (`indicators[2].achieved`).',
  })
  @ApiBody({ schema: requestSchema(selfAssessIndicatorsRequest) })
  @ApiNoContentResponse({ description: 'every self-assessment is in the cycle' })
  async selfAssess(@CurrentViewer() viewer: Viewer, @Param() p: Record<string, string>, @Body() body: unknown) {
    mayAudit(viewer, p.id!);
    await this.commands.execute(SelfAssessIndicators.parse(p.id!, p.auditId!, body, viewer.userId));
  }
}

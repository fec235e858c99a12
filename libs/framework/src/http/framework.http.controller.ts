import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { responseSchema } from '#libs/platform';
import { findCapability } from '../catalogue/catalogue.js';
import {
  auditView,
  capabilityView,
  frameworkView,
  type AuditView,
  type CapabilityView,
  type FrameworkView,
} from './framework-view.js';
import { auditStructureResponse, capabilityResponse, frameworkResponse } from './framework.response.js';

@ApiTags('framework')
@Controller('api/framework')
export class FrameworkHttpController {
  @Get()
  @ApiOperation({
    summary: 'The CLF catalogue: stages, the 17 personal and 6 organisational capabilities with their indicators',
    description: 'No credentials needed. Ids and IRIs are stable within a catalogue version.',
  })
  @ApiOkResponse({ description: 'The catalogue', schema: responseSchema(frameworkResponse) })
  catalogue(): FrameworkView {
    return frameworkView;
  }

  @Get('audit')
  @ApiOperation({
    summary: 'The organisational self-audit structure',
    description:
      'Capability 1 as the CLF audit tool lays it out; capabilities 2-6 built from their indicators, without questions (the sources have none).',
  })
  @ApiOkResponse({ description: 'The self-audit structure', schema: responseSchema(auditStructureResponse) })
  audit(): AuditView {
    return auditView;
  }

  @Get('capabilities/:id')
  @ApiOperation({
    summary: 'One CLF capability by id, e.g. pc.self-confidence or oc.1-learning-and-performance-culture',
  })
  @ApiParam({ name: 'id', example: 'pc.self-confidence' })
  @ApiOkResponse({
    description: 'The capability with its stages and indicators',
    schema: responseSchema(capabilityResponse),
  })
  @ApiNotFoundResponse({ description: 'No capability has this id' })
  capability(@Param('id') id: string): CapabilityView {
    const capability = findCapability(id);
    if (!capability) {
      throw new NotFoundException(`id: no CLF capability has the id "${id}". GET /api/framework lists them all.`);
    }
    return capabilityView(capability);
  }
}

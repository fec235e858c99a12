import { Body, Controller, Delete, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { responseSchema } from '#libs/platform';
import { actingOrganisations, WorkerAccess } from '../http/worker-access.service.js';
import { RecordEvidence } from './record-evidence/record-evidence.command.js';
import { EVIDENCE_BODY, parseEvidence, type EvidenceInput } from './record-evidence/record-evidence.input.js';
import { WithdrawEvidence } from './withdraw-evidence/withdraw-evidence.command.js';
import { EvidenceRecorded } from './record-evidence/record-evidence.response.js';
import { EvidenceWithdrawn } from './withdraw-evidence/withdraw-evidence.response.js';

@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/workers/:id/evidence')
export class EvidenceHttpController {
  constructor(
    private readonly access: WorkerAccess,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Records evidence: stored as a CLF-profile xAPI statement in the LRS, exactly as an LMS would send it',
    description:
      'The body is one of the evidence kinds, told apart by `kind` (a schema per kind). All take occurredAt (when it happened; default now), capabilityIds and indicatorIds.',
  })
  @ApiBody({ schema: EVIDENCE_BODY })
  @ApiCreatedResponse({ description: 'Recorded', schema: responseSchema(EvidenceRecorded) })
  async record(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<EvidenceRecorded> {
    const input = withRecorder(parseEvidence(body, new Date()), viewer, id, body);
    const worker = await this.access.writableEvidence(viewer, id, accessKind(input));
    const recorder = { id: viewer.userId, name: viewer.displayName ?? null };
    return this.commands.execute(new RecordEvidence(worker, input, actingOrganisations(viewer, worker), recorder));
  }

  @Delete(':statementId')
  @ApiOperation({
    summary:
      'Withdraws evidence by voiding its statement: it stops counting from now; the history keeps that it counted',
    description:
      'Only the organisation that recorded it (its learning lead, the line manager there) or a platform admin; anyone else 404.',
  })
  @ApiOkResponse({ description: 'Withdrawn', schema: responseSchema(EvidenceWithdrawn) })
  async withdraw(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('statementId') statementId: string,
  ): Promise<EvidenceWithdrawn> {
    const worker = await this.access.writableEvidence(viewer, id);
    return this.commands.execute(
      new WithdrawEvidence(worker, statementId, actingOrganisations(viewer, worker), new Date()),
    );
  }
}

/**
 * The person recording feedback or an assessment gave it only when its source is their own kind (a line
 * manager, an assessor, the worker themselves); feedback from a person who uses services, a carer or a
 * colleague names its giver only if the body does. Who recorded it is kept apart (`recordedBy`).
 */
const recorderCanBe = (source: string) => ['line-manager', 'assessor', 'self'].includes(source);

/**
 * Who judged, gave, agreed or recognised it defaults to the person recording it, so the evidence
 * always says who is behind it; a worker recording about themselves is the source `self`.
 */
function withRecorder(input: EvidenceInput, viewer: Viewer, workerId: string, body: unknown): EvidenceInput {
  const isTheWorker = viewer.roles.some((r) => r.kind === 'worker' && r.workerId === workerId);
  const sourceGiven = typeof body === 'object' && body !== null && 'source' in body;
  const me = viewer.email
    ? {
        objectType: 'Agent',
        ...(viewer.displayName ? { name: viewer.displayName } : {}),
        mbox: `mailto:${viewer.email}`,
      }
    : undefined;
  switch (input.kind) {
    case 'assessment': {
      const source = sourceGiven || !isTheWorker ? input.source : 'self';
      return { ...input, source, assessor: input.assessor ?? (recorderCanBe(source) ? me : undefined) };
    }
    case 'feedback':
      return { ...input, giver: input.giver ?? (recorderCanBe(input.source) ? me : undefined) };
    case 'learning-need':
      return { ...input, agreedWith: input.agreedWith ?? me };
    case 'prior-learning':
      return { ...input, recognisedBy: input.recognisedBy ?? me };
    default:
      return input;
  }
}

/**
 * How the access rules see a piece of evidence: a worker may record their own learning, reflective
 * accounts and self-assessments; judgements by others (assessments, feedback, agreed plans) must come
 * from someone else to count as evidence.
 */
function accessKind(input: EvidenceInput): string {
  if ((input.kind === 'assessment' || input.kind === 'feedback') && input.source === 'self') return 'self-assessment';
  if (input.kind === 'qualification') return 'qualification';
  return input.kind;
}

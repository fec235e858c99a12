import { Module } from '@nestjs/common';
import { ActivitiesHttpController } from '../activities/activities.http.controller.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { AgentsHttpController } from '../agents/agents.http.controller.js';
import { AgentsService } from '../agents/agents.service.js';
import { LrsAuthModule } from '../auth/lrs-auth.module.js';
import { ActivityProfileHttpController } from './activity-profile/activity-profile.http.controller.js';
import { AgentProfileHttpController } from './agent-profile/agent-profile.http.controller.js';
import { DocumentStore } from './shared/document-store.service.js';
import { StateHttpController } from './state/state.http.controller.js';

/**
 * The xAPI document resources (State, Activity Profile, Agent Profile) and the resources that read
 * what statements say about Activities and Agents; XapiModule imports it.
 */
@Module({
  imports: [LrsAuthModule],
  controllers: [
    StateHttpController,
    ActivityProfileHttpController,
    AgentProfileHttpController,
    ActivitiesHttpController,
    AgentsHttpController,
  ],
  providers: [DocumentStore, ActivitiesService, AgentsService],
  exports: [DocumentStore, ActivitiesService, AgentsService],
})
export class XapiDocumentsModule {}

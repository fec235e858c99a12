import { Module } from '@nestjs/common';
import { ClfProfileHttpController } from './clf-profile.http.controller.js';
import { FrameworkHttpController } from './framework.http.controller.js';

/** Public, credential-free HTTP routes of the CLF catalogue and the CLF xAPI profile. */
@Module({ controllers: [FrameworkHttpController, ClfProfileHttpController] })
export class FrameworkHttpModule {}

import { Module } from '@nestjs/common';
import { IdentificationsController } from './identifications.controller';

/** 精准识别 and 剔除: cases that change the register, on the same workflow runtime as the exits. */
@Module({ controllers: [IdentificationsController] })
export class IdentificationModule {}

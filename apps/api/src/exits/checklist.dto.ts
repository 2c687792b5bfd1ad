import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { CHECK_RESULTS, VISIT_CHECKS } from '@bangfu/domain';
import { apply } from '../http/common-validators';

const text = (max: number, description: string, example?: string) =>
  [ApiProperty({ description, example }), IsString(), Length(1, max)] as PropertyDecorator[];
const nested = (type: () => new () => object, description: string) =>
  [ApiProperty({ type: type(), description }), IsObject(), ValidateNested(), Type(type)] as PropertyDecorator[];

export class ExitCheckDto {
  @ApiProperty({ enum: CHECK_RESULTS }) @IsIn(CHECK_RESULTS) result!: (typeof CHECK_RESULTS)[number];
  @apply(text(500, 'what was seen or checked (看、查、访)', '房屋为2018年危房改造新建，安全')) evidence!: string;
}

/** 两不愁三保障 and 饮水安全, each with its evidence. */
export class ExitChecklistDto {
  @apply(nested(() => ExitCheckDto, VISIT_CHECKS.food)) food!: ExitCheckDto;
  @apply(nested(() => ExitCheckDto, VISIT_CHECKS.clothing)) clothing!: ExitCheckDto;
  @apply(nested(() => ExitCheckDto, VISIT_CHECKS.education)) education!: ExitCheckDto;
  @apply(nested(() => ExitCheckDto, VISIT_CHECKS.medical)) medical!: ExitCheckDto;
  @apply(nested(() => ExitCheckDto, VISIT_CHECKS.housing)) housing!: ExitCheckDto;
  @apply(nested(() => ExitCheckDto, VISIT_CHECKS.water)) water!: ExitCheckDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { FUND_PURPOSES, FUND_SOURCES, RECIPIENT_KINDS } from '@bangfu/domain';
import { DIVISION_CODE, EntityId, Fen, Instant, Reason } from '../http/common-validators';
import { PagedQueryDto } from '../http/view-query.dto';

export class AllocateFundDto {
  @EntityId('fund-2019-yongxing-nuanyufang', 'the fund’s id') fundId!: string;
  @ApiProperty({ enum: FUND_SOURCES }) @IsIn(FUND_SOURCES) source!: (typeof FUND_SOURCES)[number];
  @Fen('allocated amount in fen (分)') amountFen!: number;
  @ApiProperty({ example: '222424104203', description: 'the division the money is allocated to' })
  @IsString()
  @Matches(DIVISION_CODE)
  regionCode!: string;
  @ApiProperty({ enum: FUND_PURPOSES }) @IsIn(FUND_PURPOSES) purpose!: (typeof FUND_PURPOSES)[number];
  @ApiProperty({ example: '汪财农〔2019〕12号', description: '文号 of the allocating document' })
  @IsString()
  @Length(1, 100)
  documentNumber!: string;
  @ApiProperty({ example: '2019-05-01' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  allocatedOn!: string;
}

export class RecipientDto {
  @ApiProperty({ enum: RECIPIENT_KINDS }) @IsIn(RECIPIENT_KINDS) kind!: (typeof RECIPIENT_KINDS)[number];
  @ApiProperty({ example: '2224241042030001', description: 'project id, village code, 户编号 or enterprise credit code' })
  @IsString()
  @Length(1, 64)
  id!: string;
}

export class DisburseDto {
  @ApiProperty({ type: RecipientDto }) @IsObject() @ValidateNested() @Type(() => RecipientDto) recipient!: RecipientDto;
  @Fen('disbursed amount in fen (分)') amountFen!: number;
  @ApiProperty({ example: '记字第0042号', description: 'voucher number (凭证号)' }) @IsString() @Length(1, 64) voucherNumber!: string;
  @Instant('when it was paid; now when omitted') disbursedAt?: string;
}

export class ConfirmReceiptDto {
  @ApiProperty({ example: '金大山', description: 'who confirmed the receipt (到户确认)' }) @IsString() @Length(1, 50) confirmedBy!: string;
  @Instant('when; now when omitted') confirmedAt?: string;
}

export class RecoverDto {
  @ApiProperty({ example: 'd-…' }) @IsString() @Length(1, 64) disbursementId!: string;
  @Fen('recovered amount in fen (分)') amountFen!: number;
  @Reason('追回原因') reason!: string;
  @Instant('when; now when omitted') recoveredAt?: string;
}

export class ReallocateDto {
  @EntityId('fund-2019-lengku', 'the new fund the money moves to') toFundId!: string;
  @Fen('amount moved, in fen (分)') amountFen!: number;
  @ApiProperty({ example: '222426103201' }) @IsString() @Matches(DIVISION_CODE) regionCode!: string;
  @ApiProperty({ enum: FUND_PURPOSES }) @IsIn(FUND_PURPOSES) purpose!: (typeof FUND_PURPOSES)[number];
  @ApiProperty({ example: '安财农〔2019〕45号', description: '文号 of the 调剂 decision' })
  @IsString()
  @Length(1, 100)
  documentNumber!: string;
  @Reason('调剂原因') reason!: string;
}

/** A page of a fund's disbursements, in the order they were paid: `?after=` is the `next` of the page before. */
export class FundTraceQueryDto extends PagedQueryDto {
  @ApiPropertyOptional({ description: 'the `next` cursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d\d-\d\dT[\d:.]+Z\|[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { message: 'after must be the next cursor of a previous page' })
  after?: string;
}

import { ApiProperty } from '@nestjs/swagger';

export class CommandResponseDto {
  @ApiProperty({ example: 'region-222426' }) streamId!: string;
  @ApiProperty({ description: 'revision of the last event written in the stream' }) revision!: number;
  @ApiProperty({ description: 'global position of the last event: pass it as ?minPosition= to read your own write' }) position!: number;
  @ApiProperty({ type: [String] }) eventIds!: string[];
}

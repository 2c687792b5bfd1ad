import { Injectable } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import type { AppendResult } from '@bangfu/eventstore';
import type { CommandResponseDto } from './command-response.dto';
import { toCommandResponse } from './to-command-response';

/** Sends a command message over the CQRS bus and answers with the append's position, for read-your-writes. */
@Injectable()
export class Dispatch {
  constructor(private readonly commandBus: CommandBus) {}

  async send(message: ICommand): Promise<CommandResponseDto> {
    const result: AppendResult = await this.commandBus.execute(message);
    return toCommandResponse(result);
  }
}

/** An instant from a request, kept in UTC; `now` when the field was omitted. */
export function utc(value: string | undefined, now: Date): string {
  return (value === undefined ? now : new Date(value)).toISOString();
}

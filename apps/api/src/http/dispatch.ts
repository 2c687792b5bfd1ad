import { Injectable } from '@nestjs/common';
import { Application, type RoutedCommand } from '@bangfu/application';
import type { AppendResult, CommandMetadata } from '@bangfu/eventstore';
import type { CommandResponseDto } from './command-response.dto';
import { toCommandResponse } from './to-command-response';

/** Sends a controller's command to the application service of its type and answers with the append's position, for read-your-writes. */
@Injectable()
export class Dispatch {
  constructor(readonly application: Application) {}

  async send(command: RoutedCommand, metadata: CommandMetadata): Promise<CommandResponseDto> {
    return this.answer(this.application.router.dispatch(command, metadata));
  }

  /** The answer to a command a controller sent to a service itself (one whose result says more than its position). */
  async answer(result: Promise<AppendResult>): Promise<CommandResponseDto> {
    return toCommandResponse(await result);
  }
}

/** An instant from a request, kept in UTC; `now` when the field was omitted. */
export function utc(value: string | undefined, now: Date): string {
  return (value === undefined ? now : new Date(value)).toISOString();
}

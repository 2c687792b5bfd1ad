import type { AppendResult } from '@bangfu/eventstore';
import type { CommandResponseDto } from './command-response.dto';

export function toCommandResponse(result: AppendResult): CommandResponseDto {
  return { streamId: result.streamId, revision: result.revision, position: result.position, eventIds: result.eventIds };
}

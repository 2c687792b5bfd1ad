import { Injectable } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import type { DomainCommand } from '@bangfu/domain';
import type { AppendResult, CommandMetadata } from '@bangfu/eventstore';
import type { CommandDispatcher } from '@bangfu/workflow';

type ToMessage = (command: DomainCommand, metadata: CommandMetadata) => ICommand;

/**
 * Lets code that holds a domain command as data (a durable timer, an import) send it through the CQRS
 * command bus: each area registers which of its command types it handles.
 */
@Injectable()
export class CommandRouter implements CommandDispatcher {
  private readonly routes = new Map<string, ToMessage>();

  constructor(private readonly commandBus: CommandBus) {}

  register(types: readonly string[], toMessage: ToMessage): void {
    for (const type of types) {
      if (this.routes.has(type)) throw new Error(`command type ${type} is registered twice`);
      this.routes.set(type, toMessage);
    }
  }

  dispatch(command: DomainCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const toMessage = this.routes.get(command.type);
    if (!toMessage) throw new Error(`no handler is registered for command type ${command.type}`);
    return this.commandBus.execute(toMessage(command, metadata));
  }
}

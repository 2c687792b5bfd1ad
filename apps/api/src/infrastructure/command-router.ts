import { Injectable } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import type {
  CadreCommand,
  CaseCommand,
  DomainCommand,
  ExitAssessmentCommand,
  ExitStandardCommand,
  FindingCommand,
  FundCommand,
  HouseholdCommand,
  InspectionCommand,
  ProjectCommand,
  RegionCommand,
  TaskCommand,
  UnitCommand,
  VillageCommand,
  VisitPolicyCommand,
} from '@bangfu/domain';
import type { AppendResult, CommandMetadata } from '@bangfu/eventstore';
import type { CommandDispatcher, WorkflowCommand } from '@bangfu/workflow';

/** Every command that can be sent as data (by a timer, a process manager, an import, the demo), by its type. */
export type RoutedCommand =
  | HouseholdCommand
  | VillageCommand
  | RegionCommand
  | UnitCommand
  | CadreCommand
  | ProjectCommand
  | FundCommand
  | TaskCommand
  | InspectionCommand
  | FindingCommand
  | CaseCommand
  | WorkflowCommand
  | ExitStandardCommand
  | ExitAssessmentCommand
  | VisitPolicyCommand;

export type RoutedCommandType = RoutedCommand['type'];

/** Turns a command of the types a route registered into the message its handler takes. */
type ToMessage<T extends RoutedCommandType> = (command: Extract<RoutedCommand, { type: T }>, metadata: CommandMetadata) => ICommand;

/**
 * Lets code that holds a domain command as data (a durable timer, an import) send it through the CQRS
 * command bus: each area registers which of its command types it handles, typed end to end — a route's
 * function receives exactly the commands of the types it names.
 */
@Injectable()
export class CommandRouter implements CommandDispatcher {
  private readonly routes = new Map<string, ToMessage<RoutedCommandType>>();

  constructor(private readonly commandBus: CommandBus) {}

  register<T extends RoutedCommandType>(types: readonly T[], toMessage: ToMessage<T>): void {
    for (const type of types) {
      if (this.routes.has(type)) throw new Error(`command type ${type} is registered twice`);
      // Stored by its type: `dispatch` hands a route only commands whose type it registered.
      this.routes.set(type, toMessage as unknown as ToMessage<RoutedCommandType>);
    }
  }

  dispatch(command: RoutedCommand, metadata: CommandMetadata): Promise<AppendResult> {
    return this.dispatchRecorded(command, metadata);
  }

  /**
   * A command read back from the log (a timer's, a process manager's): its type names its route, and the route's
   * handler reads only the intent its type declares (a field an earlier version stored beside it is ignored).
   */
  dispatchRecorded(command: DomainCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const toMessage = this.routes.get(command.type);
    if (!toMessage) throw new Error(`no handler is registered for command type ${command.type}`);
    return this.commandBus.execute(toMessage(command as RoutedCommand, metadata));
  }
}

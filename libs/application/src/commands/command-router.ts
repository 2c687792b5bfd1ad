import type {
  CadreCommand,
  CaseCommand,
  DomainCommand,
  ExitAssessmentCommand,
  ExitStandardCommand,
  FindingCommand,
  FlagReviewCommand,
  FundCommand,
  HelpPlanCommand,
  HouseholdCommand,
  InspectionCommand,
  RecurringTaskCommand,
  SupportSystemCommand,
  ProjectCommand,
  RegionCommand,
  TaskCommand,
  UnitCommand,
  VillageCommand,
  VisitPolicyCommand,
} from '@bangfu/domain';
import type { AppendResult, CommandMetadata } from '@bangfu/eventstore';
import type { CommandDispatcher, IdentificationOutcomeCommand, WorkflowCommand } from '@bangfu/workflow';

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
  | IdentificationOutcomeCommand
  | ExitStandardCommand
  | ExitAssessmentCommand
  | VisitPolicyCommand
  | FlagReviewCommand
  | HelpPlanCommand
  | RecurringTaskCommand
  | SupportSystemCommand;

export type RoutedCommandType = RoutedCommand['type'];

/** Decides and records the commands of the types a route names. */
type Route<T extends RoutedCommandType> = (
  command: Extract<RoutedCommand, { type: T }>,
  metadata: CommandMetadata,
) => Promise<AppendResult>;

/**
 * Sends a command held as data to the application service of its area, typed end to end: a route's function
 * receives exactly the commands of the types it names, and a command type no route names is refused.
 */
export class CommandRouter implements CommandDispatcher {
  private readonly routes = new Map<string, Route<RoutedCommandType>>();

  route<T extends RoutedCommandType>(types: readonly T[], handle: Route<T>): this {
    for (const type of types) {
      if (this.routes.has(type)) throw new Error(`command type ${type} is routed twice`);
      // Stored by its type: `dispatch` hands a route only commands whose type it named.
      this.routes.set(type, handle as unknown as Route<RoutedCommandType>);
    }
    return this;
  }

  dispatch(command: RoutedCommand, metadata: CommandMetadata): Promise<AppendResult> {
    return this.dispatchRecorded(command, metadata);
  }

  /**
   * A command read back from the log (a timer's, a process manager's): its type names its route, and the route's
   * service reads only the intent its type declares (a field an earlier version stored beside it is ignored).
   */
  async dispatchRecorded(command: DomainCommand, metadata: CommandMetadata): Promise<AppendResult> {
    const handle = this.routes.get(command.type);
    if (!handle) throw new Error(`no application service handles command type ${command.type}`);
    return handle(command as RoutedCommand, metadata);
  }
}

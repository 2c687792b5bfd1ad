import { Module, type OnModuleInit } from '@nestjs/common';
import { CommandRouter } from '../infrastructure/command-router';
import { TaskCommandHandler, TaskCommandMessage } from './task-command.handler';
import { GetRankingsHandler, GetTaskBoardHandler, GetTaskHandler, ListTasksHandler } from './task.queries';
import { TasksController } from './tasks.controller';

/** 任务: plan items tracked to verified completion, the task board and 红黑榜. */
@Module({
  controllers: [TasksController],
  providers: [TaskCommandHandler, ListTasksHandler, GetTaskBoardHandler, GetRankingsHandler, GetTaskHandler],
})
export class TasksModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      ['IssueTask', 'ReportTaskProgress', 'SubmitTaskCompletion', 'VerifyTaskCompletion', 'MarkTaskOverdue'],
      (command, metadata) => new TaskCommandMessage(command, metadata),
    );
  }
}

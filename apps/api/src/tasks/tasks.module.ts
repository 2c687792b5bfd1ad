import { Module } from '@nestjs/common';
import { GetRankingsHandler, GetTaskBoardHandler, GetTaskHandler, ListTasksHandler } from './task.queries';
import { RecurringTasksController } from './recurring-tasks.controller';
import { TasksController } from './tasks.controller';

/** 任务: plan items tracked to verified completion, the task board and 红黑榜. */
@Module({
  controllers: [TasksController, RecurringTasksController],
  providers: [ListTasksHandler, GetTaskBoardHandler, GetRankingsHandler, GetTaskHandler],
})
export class TasksModule {}

/** One stream per exit subject, a household (`exit-<户编号>`) or a village (`exit-<村代码>`), holding its cases in turn. */
export function workflowStreamId(subjectId: string): string {
  return `exit-${subjectId}`;
}

/** The subject whose exit cases a stream holds; undefined for any other stream. */
export function subjectOfWorkflowStream(streamId: string): string | undefined {
  return streamId.startsWith('exit-') ? streamId.slice('exit-'.length) : undefined;
}

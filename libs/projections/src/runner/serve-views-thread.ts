import type { MessagePort } from 'node:worker_threads';
import type { EventStore } from '@bangfu/eventstore';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';
import { ProjectionRunner } from './projection-runner';
import type { ViewsThreadMessage, ViewsThreadRequest } from './views-thread';

/** The connections the views' thread works on, opened in that thread (a connection cannot cross threads). */
export interface ViewsThreadConnections {
  store: EventStore;
  views: ReadStore;
  projections: readonly Projection[];
}

/**
 * The views' thread: a projection runner on connections of its own, reporting each committed position to the API's
 * thread, which serves the reads and waits on those positions for read-your-writes.
 */
export async function serveViewsThread(port: MessagePort, open: () => ViewsThreadConnections): Promise<void> {
  const send = (message: ViewsThreadMessage) => port.postMessage(message);
  let connections: ViewsThreadConnections | undefined;
  try {
    connections = open();
    const { store, views, projections } = connections;
    const notices: string[] = [];
    const runner = new ProjectionRunner(store, views, projections, {
      onNotice: (message) => notices.push(message),
      onError: (message) => send({ type: 'error', message, at: new Date().toISOString() }),
      onPosition: (position) => send({ type: 'position', position }),
    });
    await runner.start();
    send({ type: 'ready', notices });
    port.on('message', (request: ViewsThreadRequest) => {
      if (request === 'appended') store.appendedElsewhere?.();
      else if (request === 'stop') void stopThread(runner, connections as ViewsThreadConnections, port);
    });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await connections?.store.close();
    connections?.views.close();
    port.close();
  }
}

async function stopThread(runner: ProjectionRunner, { store, views }: ViewsThreadConnections, port: MessagePort): Promise<void> {
  await runner.stop();
  await store.close();
  views.close();
  port.close();
}

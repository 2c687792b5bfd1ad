import { EsdbStandIn, eventStoreContract } from '@bangfu/testing';
import { EsdbEventStore } from './esdb-event-store';

/**
 * The same contract as the SQLite adapter, through the real client over gRPC — to the stand-in, or to a
 * real EventStoreDB/KurrentDB when BANGFU_ESDB_URL is set (run it against a fresh server: the contract
 * reads $all from the start).
 */
eventStoreContract('esdb', async () => {
  const realServer = process.env.BANGFU_ESDB_URL;
  const standIn = realServer ? undefined : await EsdbStandIn.start();
  const connectionString = realServer ?? (standIn as EsdbStandIn).connectionString;
  let store = new EsdbEventStore({ connectionString });
  return {
    uniqueIdsAcrossStreams: false,
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = new EsdbEventStore({ connectionString });
      return store;
    },
    verify: () => store.verify(),
    async corruptOneByte(eventId: string) {
      if (!standIn) throw new Error('a real server’s stored bytes cannot be changed from a test');
      standIn.corruptData(eventId);
    },
    async cleanup() {
      await store.close();
      await standIn?.stop();
    },
  };
});

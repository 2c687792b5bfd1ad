// Setup for the `e2e (esdb)` jest project: the same end-to-end tests, on the EventStoreDB adapter.
process.env.BANGFU_TEST_STORE = 'esdb';

// Through the in-process gRPC stand-in, loading the demo's year of work takes about half a minute.
jest.setTimeout(120_000);

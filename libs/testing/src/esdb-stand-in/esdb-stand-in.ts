import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { type AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { flipOneByte } from '../flip-one-byte';
import { StandInLog, type ProposedEvent, type StandInExpected, type StandInRecord } from './stand-in-log';

/**
 * A wire-level stand-in for EventStoreDB, for tests only. No EventStoreDB server can run where bangfu's
 * tests run, so this serves the part of EventStoreDB's gRPC API that the real `@eventstore/db-client`
 * calls for what bangfu's adapter uses — server features, append, reading a stream or $all, and
 * subscriptions to $all with stream-name or event-type filters — from the service definitions the client
 * package ships, with EventStoreDB's documented semantics for revisions, positions and errors. It is
 * never used by `npm start`; with BANGFU_ESDB_URL set, the tests use a real server instead.
 */
export class EsdbStandIn {
  readonly log = new StandInLog();
  private server?: grpc.Server;
  private port = 0;
  private readonly subscriptions = new Set<grpc.ServerWritableStream<ReadReq, ReadResp>>();

  static async start(): Promise<EsdbStandIn> {
    const standIn = new EsdbStandIn();
    await standIn.listen();
    return standIn;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Stops and starts again on the same port: connections drop, the id cache is lost, the log stays. */
  async restart(): Promise<void> {
    await this.stop();
    this.log.forgetIdCache();
    await this.listen();
  }

  async stop(): Promise<void> {
    for (const call of this.subscriptions) call.destroy(new Error('server stopping'));
    this.subscriptions.clear();
    const server = this.server;
    this.server = undefined;
    // Like a killed server process: open calls are cut, clients see the connection drop.
    server?.forceShutdown();
  }

  /** Changes one stored byte of an event's data, as someone with access to the server's files could. */
  corruptData(eventId: string): void {
    const record = this.log.records.find((r) => r.id === eventId);
    if (!record) throw new Error(`no event ${eventId}`);
    record.data = Buffer.from(flipOneByte(record.data.toString('utf8')), 'utf8');
  }

  private async listen(): Promise<void> {
    const server = new grpc.Server();
    server.addService(ServerFeaturesService, { getSupportedMethods: this.supportedMethods });
    server.addService(StreamsService, {
      read: this.read,
      append: this.append,
      batchAppend: unimplemented,
      delete: unimplemented,
      tombstone: unimplemented,
    });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
  }

  private readonly supportedMethods = (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) => {
    const methods = new SupportedMethods();
    methods.setEventStoreServerVersion('23.10.0-bangfu-stand-in');
    for (const name of ['Read', 'Append']) {
      const method = new SupportedMethod();
      method.setServiceName('event_store.client.streams.Streams');
      method.setMethodName(name);
      methods.addMethods(method);
    }
    callback(null, methods);
  };

  private readonly append = (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => {
    let streamId: string | undefined;
    let expected: StandInExpected = { kind: 'any' };
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) {
        const options = request.getOptions() as AppendReq.Options;
        streamId = streamName(options.getStreamIdentifier());
        if (options.hasRevision()) expected = { kind: 'revision', revision: Number(options.getRevision()) };
        else if (options.hasNoStream()) expected = { kind: 'no_stream' };
        else if (options.hasStreamExists()) expected = { kind: 'stream_exists' };
        else expected = { kind: 'any' };
        return;
      }
      const message = request.getProposedMessage() as AppendReq.ProposedMessage;
      const metadata = message.getMetadataMap();
      events.push({
        id: (message.getId() as UUID).getString(),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: Buffer.from(message.getData_asU8()),
        customMetadata: Buffer.from(message.getCustomMetadata_asU8()),
      });
    });
    call.on('end', () => {
      if (streamId === undefined) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'append without options' });
      const outcome = this.log.append(streamId, expected, events);
      const response = new AppendResp();
      if (outcome.ok) {
        const success = new AppendResp.Success();
        if (outcome.revision < 0) success.setNoStream(new Empty());
        else success.setCurrentRevision(String(outcome.revision));
        const position = new AppendResp.Position();
        position.setCommitPosition(String(outcome.position));
        position.setPreparePosition(String(outcome.position));
        success.setPosition(position);
        response.setSuccess(success);
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new Empty());
        else wrong.setCurrentRevision(String(outcome.current));
        if (outcome.expected.kind === 'revision') wrong.setExpectedRevision(String(outcome.expected.revision));
        else if (outcome.expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
        else if (outcome.expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
        else wrong.setExpectedAny(new Empty());
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  };

  private readonly read = (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => {
    const options = call.request.getOptions() as ReadReq.Options;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    if (options.hasStream()) return this.readStream(call, options.getStream() as ReadReq.Options.StreamOptions, backwards, count);
    const all = options.getAll() as ReadReq.Options.AllOptions;
    const matches = filterOf(options);
    if (options.hasSubscription()) return this.subscribeToAll(call, all, matches);
    // Reading $all from a position includes the event at that position.
    let records = this.log.records.filter(matches);
    if (all.hasPosition()) {
      const from = Number((all.getPosition() as ReadReq.Options.Position).getCommitPosition());
      records = backwards ? records.filter((r) => r.position <= from) : records.filter((r) => r.position >= from);
    } else if (all.hasEnd()) {
      records = backwards ? records : [];
    }
    if (backwards) records = [...records].reverse();
    for (const record of records.slice(0, count)) call.write(eventResponse(record));
    call.end();
  };

  private readStream(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options.StreamOptions,
    backwards: boolean,
    count: number,
  ): void {
    const name = streamName(options.getStreamIdentifier());
    const stream = this.log.stream(name);
    if (!stream) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(options.getStreamIdentifier());
      const response = new ReadResp();
      response.setStreamNotFound(notFound);
      call.write(response);
      return void call.end();
    }
    let records: StandInRecord[];
    if (options.hasRevision()) {
      const from = Number(options.getRevision());
      records = backwards ? stream.slice(0, from + 1).reverse() : stream.slice(from);
    } else if (options.hasEnd()) {
      records = backwards ? [...stream].reverse() : [];
    } else {
      records = backwards ? [...stream].reverse() : stream;
    }
    for (const record of records.slice(0, count)) call.write(eventResponse(record));
    call.end();
  }

  /** Confirmation, then every matching event after the start (exclusive), then live ones as they are written. */
  private subscribeToAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    all: ReadReq.Options.AllOptions,
    matches: (r: StandInRecord) => boolean,
  ): void {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(`stand-in-${Math.random().toString(36).slice(2)}`);
    const confirm = new ReadResp();
    confirm.setConfirmation(confirmation);
    call.write(confirm);
    let after = -1;
    if (all.hasPosition()) after = Number((all.getPosition() as ReadReq.Options.Position).getCommitPosition());
    else if (all.hasEnd()) after = this.log.records.at(-1)?.position ?? -1;
    for (const record of this.log.records) if (record.position > after && matches(record)) call.write(eventResponse(record));
    const caughtUp = new ReadResp();
    caughtUp.setCaughtUp(new ReadResp.CaughtUp());
    call.write(caughtUp);
    this.subscriptions.add(call);
    const unsubscribe = this.log.onRecord((record) => {
      if (matches(record)) call.write(eventResponse(record));
    });
    const end = () => {
      unsubscribe();
      this.subscriptions.delete(call);
    };
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
  }
}

function unimplemented(_call: unknown, callback?: grpc.sendUnaryData<unknown>) {
  const error = { code: grpc.status.UNIMPLEMENTED, details: 'not served by the bangfu EventStoreDB stand-in' };
  if (callback) callback(error, null);
}

function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from((identifier as StreamIdentifier).getStreamName_asU8()).toString('utf8');
}

/** Stream-name or event-type filters, by prefix list or regular expression, as EventStoreDB applies them. */
function filterOf(options: ReadReq.Options): (record: StandInRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = (onStream ? filter.getStreamIdentifier() : filter.getEventType()) as ReadReq.Options.FilterOptions.Expression;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const value = onStream ? record.streamId : record.type;
    if (prefixes.length && !prefixes.some((prefix) => value.startsWith(prefix))) return false;
    return regex ? regex.test(value) : true;
  };
}

function eventResponse(record: StandInRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  recorded.setId(id);
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(record.streamId, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(String(record.revision));
  recorded.setCommitPosition(String(record.position));
  recorded.setPreparePosition(String(record.position));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created.toString());
  recorded.setCustomMetadata(record.customMetadata);
  recorded.setData(record.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(String(record.position));
  const response = new ReadResp();
  response.setEvent(event);
  return response;
}

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { serveConsole } from './console/serve-console';
import type { BangfuConfig } from '@bangfu/application';
import { answerFrameworkError } from './http/framework-errors';
import { installJsonBodyParser } from './http/json-body';
import { documentGlobalQueryBehaviour } from './http/openapi-conventions';
import { strictValidationPipe } from './http/validation.pipe';
import type { InfrastructureOverrides } from './infrastructure/infrastructure.module';

/** Builds the API (used by `npm start`, `bangfu serve` and the e2e tests), not yet listening. */
export async function createApp(config: BangfuConfig, overrides: InfrastructureOverrides = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, trustProxy: false, frameworkErrors: answerFrameworkError });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, overrides), adapter, {
    logger: config.logger ? ['log', 'warn', 'error'] : ['error'],
    // JSON is the only body a route takes, parsed by installJsonBodyParser (strict UTF-8, bounded depth).
    bodyParser: false,
  });
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  // Commands take JSON only: a text body is refused as an unsupported media type instead of validated as a string.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  installJsonBodyParser(app.getHttpAdapter().getInstance());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('bangfu (帮扶)')
      .setDescription(
        'Event-sourced workflow engine and accountability ledger for poverty-alleviation assistance work. ' +
          'Commands answer 201 {streamId, revision, position, eventIds}; send Idempotency-Key to make a resend harmless. ' +
          'Errors are RFC 9457 application/problem+json with a stable code. Every GET takes ?minPosition= (read your writes). ' +
          'A read of personal data by an inspector, discipline reviewer or auditor is recorded in the access log (PersonalDataRead).',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  documentGlobalQueryBehaviour(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await serveConsole(app);
  return app;
}

import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CLIENT_EVENTS, SERVER_EVENTS } from '../shared/realtime-protocol';
import { buildAsyncApiDocument } from './asyncapi';
import { REALTIME_SCHEMA_CLASSES, REALTIME_SCHEMAS } from './dto/events.dto';

@Module({})
class NoRoutes {}

/** The component schemas as the OpenAPI document holds them, with REALTIME_SCHEMAS as extra models. */
async function openApiComponents() {
  const app = await NestFactory.create(NoRoutes, new FastifyAdapter(), { logger: false });
  try {
    return SwaggerModule.createDocument(app, new DocumentBuilder().build(), { extraModels: REALTIME_SCHEMAS }).components ?? {};
  } finally {
    await app.close();
  }
}

describe('the AsyncAPI document of the socket protocol', () => {
  it('names each schema class as its schema in the shared map', () => {
    for (const [name, schema] of Object.entries(REALTIME_SCHEMA_CLASSES)) expect(schema.name).toBe(name);
  });

  it('is a valid AsyncAPI 3 document (@asyncapi/parser finds no error)', async () => {
    const document = buildAsyncApiDocument(await openApiComponents());
    const diagnostics = await new Parser().validate(JSON.stringify(document));
    // Warnings and hints are left to the reader. (The diagnostics carry Spectral's own copy of the severity enum, not
    // the one the parser exports, so the two compare as numbers.)
    const isError = (d: { severity: number }) => d.severity === (DiagnosticSeverity.Error as number);
    expect(diagnostics.filter(isError).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
  });

  it('has a channel and an operation per event, payloads $ref the OpenAPI schemas, acks are replies', async () => {
    const components = await openApiComponents();
    const document = buildAsyncApiDocument(components);
    const schemaOf = (messageRef: { $ref: string }) => {
      const message = document.components.messages[messageRef.$ref.replace('#/components/messages/', '')] as { payload: { $ref: string } };
      return message.payload.$ref.replace('#/components/schemas/', '');
    };
    for (const [event, { payload, ack }] of Object.entries(CLIENT_EVENTS)) {
      const channel = document.channels[event];
      expect(channel.address).toBe(event);
      expect(schemaOf(channel.messages.request)).toBe(payload);
      expect(schemaOf(channel.messages.ack)).toBe(ack);
      expect(schemaOf(channel.messages.failure)).toBe('AckFailure');
      expect(document.operations[`receive.${event.replace(/:/g, '.')}`]).toMatchObject({
        action: 'receive',
        channel: { $ref: `#/channels/${event}` },
        reply: { messages: [{ $ref: `#/channels/${event}/messages/ack` }, { $ref: `#/channels/${event}/messages/failure` }] },
      });
    }
    for (const [event, payload] of Object.entries(SERVER_EVENTS)) {
      expect(schemaOf(document.channels[event].messages.event)).toBe(payload);
      expect(document.operations[`send.${event.replace(/:/g, '.')}`]).toMatchObject({
        action: 'send',
        messages: [{ $ref: `#/channels/${event}/messages/event` }],
      });
    }
    // The same schema objects as in the OpenAPI document, and every one they refer to.
    for (const name of Object.keys(REALTIME_SCHEMA_CLASSES)) expect(document.components.schemas[name]).toEqual(components.schemas?.[name]);
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const name of refs) expect(document.components.schemas).toHaveProperty([name]);
    expect(document.servers.greentable).toMatchObject({
      protocol: 'ws',
      pathname: '/socket.io',
      security: [{ $ref: '#/components/securitySchemes/accessToken' }],
    });
  });

  it('refuses OpenAPI components that lack a realtime schema', () => {
    expect(() => buildAsyncApiDocument({ schemas: {} })).toThrow(/lack the realtime schemas .*ChannelRefPayload/);
  });
});

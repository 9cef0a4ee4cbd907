import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import OpenAI from 'openai';
import { Extractor, Tool } from 'parallel-tools';
import { ExtractionErrorFilter, ParallelToolsModule } from 'parallel-tools/nestjs';
import { fromOpenAI } from 'parallel-tools/openai';
import { MockOpenAIServer, openAIToolCallsCompletion } from 'parallel-tools/testing';
import { createApp } from '../../samples/04-nestjs/app.module';
import { offlineTrip } from '../../samples/04-nestjs/sample-extractor';

const EXAMPLE = { request: 'fly me to Lisbon on 3 May, a hotel for two nights, and a car' };

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${app.getHttpServer().address().port}`;
}

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('samples/04-nestjs over HTTP', () => {
  let server: MockOpenAIServer;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    const openai = new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 });
    app = await createApp(fromOpenAI(openai, { model: 'gpt-4o-mini' }), { logger: false });
    base = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });
  beforeEach(() => server.requests.splice(0));

  it('POST /trips returns the three calls, validated, with their tool names', async () => {
    server.enqueueToolCalls([
      {
        name: 'book_flight',
        arguments: { destinationAirport: 'LIS', departureDate: '2026-05-03', passengers: 1 },
      },
      { name: 'book_hotel', arguments: { city: 'Lisbon', checkIn: '2026-05-03', nights: 2, guests: null } },
      {
        name: 'rent_car',
        arguments: { pickUpCity: 'Lisbon', pickUpDate: '2026-05-03', days: 2, category: 'compact' },
      },
    ]);
    const res = await post(`${base}/trips`, EXAMPLE);

    expect(res.status).toBe(200);
    expect(res.body.calls).toEqual([
      {
        tool: 'book_flight',
        arguments: { destinationAirport: 'LIS', departureDate: '2026-05-03', passengers: 1 },
      },
      { tool: 'book_hotel', arguments: { city: 'Lisbon', checkIn: '2026-05-03', nights: 2, guests: null } },
      {
        tool: 'rent_car',
        arguments: { pickUpCity: 'Lisbon', pickUpDate: '2026-05-03', days: 2, category: 'compact' },
      },
    ]);
    expect(res.body.usage.totalTokens).toBeGreaterThan(0);

    const sent = server.requests[0].body;
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.parallel_tool_calls).toBe(true);
    expect(sent.tools.map((t: any) => t.function.name)).toEqual(['book_flight', 'book_hotel', 'rent_car']);
    expect(sent.tools[1].function.parameters.properties.nights).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 30,
    });
    expect(sent.messages.at(-1)).toEqual({ role: 'user', content: EXAMPLE.request });
  });

  it('answers the offline script of the sample with 200', async () => {
    server.enqueueToolCalls(offlineTrip());
    const res = await post(`${base}/trips`, EXAMPLE);
    expect(res.status).toBe(200);
    expect(res.body.calls.map((c: any) => c.tool)).toEqual(['book_flight', 'book_hotel', 'rent_car']);
  });

  it('turns a reply with one invalid call into a 422 that keeps the two valid calls', async () => {
    server.enqueueToolCalls([
      {
        name: 'book_flight',
        arguments: { destinationAirport: 'LIS', departureDate: '2026-05-03', passengers: 1 },
      },
      {
        name: 'book_hotel',
        arguments: { city: 'Lisbon', checkIn: '2026-05-03', nights: 0 },
        id: 'call_hotel',
      },
      { name: 'rent_car', arguments: { pickUpCity: 'Lisbon', pickUpDate: '2026-05-03', days: 2 } },
    ]);
    const res = await post(`${base}/trips`, EXAMPLE);

    expect(res.status).toBe(422);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'failures', 'message', 'results', 'statusCode']);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'validation_failed' });
    expect(res.body.message).toContain('nights must not be less than 1');
    expect(res.body.results).toEqual([
      {
        tool: 'book_flight',
        arguments: { destinationAirport: 'LIS', departureDate: '2026-05-03', passengers: 1 },
      },
      { tool: 'rent_car', arguments: { pickUpCity: 'Lisbon', pickUpDate: '2026-05-03', days: 2 } },
    ]);
    expect(res.body.failures).toHaveLength(1);
    expect(res.body.failures[0]).toMatchObject({
      name: 'book_hotel',
      id: 'call_hotel',
      index: 1,
      code: 'validation_failed',
    });
    expect(res.body.failures[0].errors).toEqual(['nights: nights must not be less than 1']);
    expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('keeps the regular POST /flights endpoint on ValidationPipe (400 on bad input, no model call)', async () => {
    const flight = {
      destinationAirport: 'LIS',
      departureDate: '2026-05-03',
      passengers: 2,
      cabin: 'business',
    };
    const ok = await post(`${base}/flights`, flight);
    expect(ok).toEqual({ status: 201, body: { status: 'booked', flight } });

    const bad = await post(`${base}/flights`, {
      destinationAirport: 'Lisbon',
      departureDate: '3 May',
      passengers: 0,
      seat: '1A',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(
      expect.arrayContaining([
        'property seat should not exist',
        'destinationAirport must match /^[A-Z]{3}$/ regular expression',
        'departureDate must be a valid ISO 8601 date string',
        'passengers must not be less than 1',
      ]),
    );

    const empty = await post(`${base}/trips`, { request: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toEqual(['request should not be empty']);
    expect(server.requests).toHaveLength(0);
  });
});

class NotATool {
  query!: string;
}

@Tool()
class ProbeTool {
  @IsString() query!: string;
}

@Controller()
class ProbeController {
  constructor(private readonly extractor: Extractor) {}

  @Get('broken-tool')
  broken(): Promise<unknown> {
    return this.extractor.extract({ messages: [{ role: 'user', content: 'hi' }], responseModel: [NotATool] });
  }

  @Get('probe')
  probe(): Promise<unknown> {
    return this.extractor.extract({
      messages: [{ role: 'user', content: 'hi' }],
      responseModel: [ProbeTool],
    });
  }
}

describe('ExtractionErrorFilter created with new (outside DI)', () => {
  let server: MockOpenAIServer;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    server = await MockOpenAIServer.start();
    const extractor = fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: 'test', maxRetries: 0 }), {
      model: 'm',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [ParallelToolsModule.forRoot({ extractor })],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ExtractionErrorFilter());
    base = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('answers a ToolDefinitionError with 500 and the fix, before any model call', async () => {
    const res = await fetch(`${base}/broken-tool`);
    const body = await res.json();
    expect(res.status).toBe(500);
    expect(body).toEqual({
      statusCode: 500,
      code: 'not_a_tool',
      message: expect.stringContaining('NotATool is not a tool: mark the class with @Tool()'),
    });
    expect(server.requests).toHaveLength(0);
  });

  it('answers an ExtractionError with 422, and leaves SDK errors to Nest', async () => {
    server.enqueue({ json: openAIToolCallsCompletion([], { content: 'No.' }) });
    const noCalls = await fetch(`${base}/probe`);
    expect(noCalls.status).toBe(422);
    expect(await noCalls.json()).toMatchObject({
      statusCode: 422,
      code: 'no_tool_calls',
      failures: [],
      results: [],
    });

    server.enqueue({ status: 401 });
    const denied = await fetch(`${base}/probe`);
    expect(denied.status).toBe(500);
    expect(await denied.json()).toEqual({ statusCode: 500, message: 'Internal server error' });
  });
});

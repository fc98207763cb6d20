import { afterAll, describe, expect, it } from 'vitest';
import type { RunningProgram } from '@kafka-labs/tool/harness';
import { couriersTable, expectedCounts, expectedCouriers, expectedWindowCounts, expectStream, expectTable, line, newStreamsRun, positionOf, produceInput, round, startApp, waitUntilProcessed, type StreamsRun } from './streams.js';

// One run of the application serves every task of this file: 240 positions in, every sink read once it is done.
let shared: Promise<{ run: StreamsRun; app: RunningProgram; port: number }> | undefined;
let running: RunningProgram | undefined;
function processed() {
  shared ??= (async () => {
    const run = await newStreamsRun();
    await produceInput(run, 240);
    const { app, port } = await startApp(run);
    running = app;
    await waitUntilProcessed(run, app);
    return { run, app, port };
  })();
  return shared;
}
afterAll(async () => {
  await running?.stop('SIGKILL');
});

describe.concurrent('round-positions', () => {
  it('writes each position rounded to whole degrees, keyed by courier id, with the timestamp of its input record', async () => {
    const { run } = await processed();
    const expected = run.produced.map(({ courier, timestamp }) => line({ key: courier.id, value: JSON.stringify(round(courier)), timestamp })).sort();
    await expectStream(run.topics.rounded, expected);
  });
});

describe.concurrent('swap-key-value', () => {
  it('writes each rounded position as the key and the courier id as the value, with the input record\'s timestamp', async () => {
    const { run } = await processed();
    const expected = run.produced.map(({ courier, timestamp }) => line({ key: positionOf(courier), value: courier.id, timestamp })).sort();
    await expectStream(run.topics.byPosition, expected);
  });
});

describe.concurrent('branch-north-south', () => {
  it('branches the swapped records on the rounded latitude: above 45 to position-north, the others to position-south', async () => {
    const { run } = await processed();
    const swapped = run.produced.map(({ courier, timestamp }) => ({ north: Math.round(courier.position.latitude) > 45, text: line({ key: positionOf(courier), value: courier.id, timestamp }) }));
    await expectStream(run.topics.north, swapped.filter((s) => s.north).map((s) => s.text));
    await expectStream(run.topics.south, swapped.filter((s) => !s.north).map((s) => s.text));
  });
});

describe.concurrent('count-per-position', () => {
  it('counts the records of each rounded position: the latest value of each key is the exact count', async () => {
    const { run } = await processed();
    await expectTable(run.topics.count, () => expectedCounts(run), 'position → latest count');
  });
});

describe.concurrent('count-per-window', () => {
  it('counts them in tumbling windows of 1 s on record time: "windowStart|position" → the exact count', async () => {
    const { run } = await processed();
    await expectTable(run.topics.windowedCount, () => expectedWindowCounts(run), '"windowStart|position" → latest count');
  });
});

describe.concurrent('couriers-per-position', () => {
  it('keeps the live list of couriers at each position: a courier that moves leaves its old position\'s list', async () => {
    const { run } = await processed();
    await expectTable(run.topics.couriers, (keys) => couriersTable(run, keys), 'position → latest JSON list of courier ids, sorted; [] once every courier left');
  });
});

describe.concurrent('interactive-query', () => {
  it('answers GET /couriers/<position> from its store: the couriers there now, [] where nobody is', async () => {
    const { run, port } = await processed();
    const truth = expectedCouriers(run);
    const asked: Record<string, unknown> = {};
    for (const position of [...Object.keys(truth), '0,0']) {
      const answer = await fetch(`http://127.0.0.1:${port}/couriers/${encodeURIComponent(position)}`);
      asked[position] = answer.ok ? await answer.json() : `HTTP ${answer.status}: ${await answer.text()}`;
    }
    expect(asked, 'the answers of the running application, per position').toEqual({ ...truth, '0,0': [] });
  });
});

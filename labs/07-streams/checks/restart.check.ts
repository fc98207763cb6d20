import { describe, expect, it } from 'vitest';
import { committedOffsets, killWhenDone, pollUntil } from '@kafka-labs/tool/harness';
import { couriersTable, expectedCounts, expectTable, newStreamsRun, produceInput, startApp, waitUntilProcessed } from './streams.js';

describe('killed-and-restarted', () => {
  it('killed (SIGKILL) mid-stream and restarted: its state comes back from the changelogs, every count exact', async (context) => {
    const run = await newStreamsRun();
    const first = killWhenDone((await startApp(run)).app, context);
    // Positions keep coming while the application runs: it is killed between two of its transactions' batches.
    const committed = async () => [...(await committedOffsets(run.applicationId, run.input)).values()].reduce((sum, o) => sum + o, 0);
    for (let i = 0; i < 6 && !first.ended; i++) await produceInput(run, 50);
    const before = await pollUntil(committed, (n) => n >= 100 || first.ended, { timeoutMs: 30_000, intervalMs: 200 });
    if (first.ended) throw new Error(`the stream application exited; it printed:\n${first.tail(8)}`);
    await first.stop('SIGKILL');
    await produceInput(run, 150);
    const second = killWhenDone((await startApp(run)).app, context);
    await waitUntilProcessed(run, second);
    console.log(`killed-and-restarted: killed with ${before} of the first 300 input records committed, restarted, ${run.produced.length} in all`);
    await expectTable(run.topics.count, () => expectedCounts(run), 'position → latest count, after the restart: nothing counted twice, nothing lost');
    await expectTable(run.topics.couriers, (keys) => couriersTable(run, keys), 'position → latest list of couriers, after the restart');
  });
});

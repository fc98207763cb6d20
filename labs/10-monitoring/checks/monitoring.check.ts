import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCli } from '@kafka-labs/tool/kafka-cli';
import {
  alertingRules, applyLabMonitoring, bootstrapServers, committedOffsets, loadedScrapeJobs, createTopic, dashboardPanels, endOffsets, metricsPort, pollUntil, prometheus, promQuery, promQueryRange,
  provisionedDatasourceUids, scrape, scrapeTargets, startBroker, startProgram, stopBroker, uniqueName, withGrafanaVariables, withProducer, type RunningProgram, type Sample,
} from '@kafka-labs/tool/harness';
import producerProgram from '#lab/producer.ts?program';
import consumerProgram from '#lab/consumer.ts?program';
import * as queries from '#lab/queries';

// One timeline for every task (one Prometheus, one configuration, one broker stopped): the lab's monitoring/ is
// given to Prometheus, the lab's producer and consumer run as the trainee would run them, the check writes
// at a known rate, then stops broker 2 and starts it again. Each task then judges what it saw.

const SENT_PER_TOPIC = 30;
const LAG_RECORDS = 40;
const LAG_LIMIT = 30;
const RATE_PER_SECOND = 20;
const RATE_SECONDS = 8;

const topics = { sent: uniqueName('sent'), rejected: uniqueName('rejected'), lag: uniqueName('lag'), rate: uniqueName('rate') };
const group = uniqueName('monitor');
let applied: string | undefined;
let producer: RunningProgram;
let consumer: RunningProgram;
let rateStarted = 0;
let rateDone: Promise<void>;
/** The trainee's messagesInPerSecond, run 6.5 s into the check's writing (a full 5 s window at the known rate). */
let messagesInAtFullRate: Promise<Sample[] | string>;

beforeAll(async () => {
  for (const target of ['PRODUCER_METRICS', 'CONSUMER_METRICS'] as const) {
    if (await scrape(metricsPort(target))) throw new Error(`something already serves /metrics on port ${metricsPort(target)}: a lab 10 program still running? Stop it (Ctrl+C) and run the checks again`);
  }
  await Promise.all([
    createTopic(topics.sent, { numPartitions: 3, replicationFactor: 3 }),
    // Every record is larger than this topic takes: each send fails (MESSAGE_TOO_LARGE, not retried).
    createTopic(topics.rejected, { replicationFactor: 3, configs: { 'max.message.bytes': '16' } }),
    createTopic(topics.lag, { replicationFactor: 3 }),
    createTopic(topics.rate, { numPartitions: 3, replicationFactor: 3 }),
  ]);
  await withProducer((p) => p.send({ topic: topics.lag, acks: -1, messages: Array.from({ length: LAG_RECORDS }, (_, i) => ({ key: `k${i}`, value: `record ${i}` })) }));
  applied = await applyLabMonitoring().then(() => undefined, (error: Error) => error.message);
  producer = startProgram(producerProgram, [String(SENT_PER_TOPIC), `${topics.sent},${topics.rejected}`, '15']);
  consumer = startProgram(consumerProgram, [topics.lag, group, String(LAG_LIMIT)]);
  rateStarted = Date.now();
  rateDone = writeAtRate();
  messagesInAtFullRate = new Promise((resolve) => setTimeout(resolve, 6500)).then(() => {
    if (!queries.messagesInPerSecond.trim()) return 'queries.ts: messagesInPerSecond is empty';
    return promQuery(queries.messagesInPerSecond).catch((error: Error) => error.message);
  });
});

afterAll(async () => {
  await Promise.all([producer?.stop('SIGINT', 5000), consumer?.stop('SIGINT', 5000), rateDone]);
});

/** The check's own traffic: RATE_PER_SECOND records a second to topics.rate for RATE_SECONDS. */
function writeAtRate(): Promise<void> {
  return withProducer(async (p) => {
    for (let i = 0; i < RATE_PER_SECOND * RATE_SECONDS; i++) {
      const due = rateStarted + (i * 1000) / RATE_PER_SECOND;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      await p.send({ topic: topics.rate, messages: [{ value: `${i}` }] });
    }
  });
}

const sumOf = (samples: Sample[] | undefined, labels: Record<string, string>) =>
  (samples ?? []).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

describe('producer-metrics', () => {
  it('the producer serves on /metrics the records sent and failed by topic, and the send latency in seconds', async () => {
    await producer.waitForOutput(/^done/, 30_000).catch(() => {
      throw new Error(`the producer did not finish sending ${SENT_PER_TOPIC} positions to each of 2 topics; it printed:\n${producer.tail()}`);
    });
    const port = metricsPort('PRODUCER_METRICS');
    const metrics = await scrape(port);
    expect(metrics, `what the producer serves on http://127.0.0.1:${port}/metrics (serveMetrics)`).toBeDefined();
    const served = (name: string, labels: Record<string, string>) => (metrics!.has(name) ? sumOf(metrics!.get(name), labels) : `(${name} is not served)`);
    expect({
      [`sent to ${topics.sent}`]: served('kafka_producer_record_send_total', { topic: topics.sent }),
      [`failed to ${topics.sent}`]: served('kafka_producer_record_error_total', { topic: topics.sent }),
      [`sent to ${topics.rejected} (every record too large)`]: served('kafka_producer_record_send_total', { topic: topics.rejected }),
      [`failed to ${topics.rejected} (every record too large)`]: served('kafka_producer_record_error_total', { topic: topics.rejected }),
      [`send latencies observed for ${topics.sent}`]: served('kafka_producer_send_latency_seconds_count', { topic: topics.sent }),
      [`send latencies observed for ${topics.rejected}`]: served('kafka_producer_send_latency_seconds_count', { topic: topics.rejected }),
    }, 'what the producer counted, by topic').toEqual({
      [`sent to ${topics.sent}`]: SENT_PER_TOPIC,
      [`failed to ${topics.sent}`]: 0,
      [`sent to ${topics.rejected} (every record too large)`]: 0,
      [`failed to ${topics.rejected} (every record too large)`]: SENT_PER_TOPIC,
      [`send latencies observed for ${topics.sent}`]: SENT_PER_TOPIC,
      [`send latencies observed for ${topics.rejected}`]: SENT_PER_TOPIC,
    });
    const mean = sumOf(metrics!.get('kafka_producer_send_latency_seconds_sum'), { topic: topics.sent }) / SENT_PER_TOPIC;
    expect(mean, `mean send latency to ${topics.sent}, in seconds: more than 0 (the time of the brokers' answer), under a second (seconds, not ms)`).toBeGreaterThan(0);
    expect(mean, `mean send latency to ${topics.sent}, in seconds`).toBeLessThan(1);
  });
});

describe('consumer-lag-metric', () => {
  it('the consumer\'s kafka_consumer_records_lag is what the admin API gives: end offset minus committed offset', async () => {
    await consumer.waitForOutput(/stopped reading/, 30_000).catch(() => {
      throw new Error(`the consumer did not read ${LAG_LIMIT} of the ${LAG_RECORDS} records of ${topics.lag}; it printed:\n${consumer.tail()}`);
    });
    const committed = await pollUntil(() => committedOffsets(group, topics.lag), (offsets) => offsets.get(0) === LAG_LIMIT, { timeoutMs: 10_000 });
    const end = await endOffsets(topics.lag);
    const truth = { '0': end.get(0)! - (committed.get(0) ?? 0) };
    const port = metricsPort('CONSUMER_METRICS');
    const metrics = await scrape(port);
    expect(metrics, `what the consumer serves on http://127.0.0.1:${port}/metrics (serveMetrics)`).toBeDefined();
    const lag = Object.fromEntries((metrics!.get('kafka_consumer_records_lag') ?? []).filter((s) => s.labels.topic === topics.lag).map((s) => [s.labels.partition, s.value]));
    expect(lag, `kafka_consumer_records_lag{topic="${topics.lag}"} by partition, after ${LAG_LIMIT} of ${LAG_RECORDS} records (the admin API: end offset ${end.get(0)}, committed ${committed.get(0)})`).toEqual(truth);
  });
});

describe('scrape-targets', () => {
  it('Prometheus scrapes the 3 brokers\' JMX exporters and the 2 programs every second, and every target is up', async () => {
    expect(applied, 'Prometheus given monitoring/prometheus.yml').toBeUndefined();
    const { targets } = prometheus();
    const named = Object.entries(targets).map(([name, address]) => ({ label: `\${${name}} (${address})`, address }));
    const seen = await pollUntil(scrapeTargets, (all) => named.every(({ address }) => all.some((t) => t.scrapeUrl.includes(`//${address}/`) && t.health === 'up')), { timeoutMs: 15_000, intervalMs: 500 });
    const jobs = await loadedScrapeJobs();
    const state = (address: string) => {
      const target = seen.find((t) => t.scrapeUrl.includes(`//${address}/`));
      if (!target) return 'not in scrape_configs';
      if (target.health !== 'up') return `${target.health}: ${target.lastError || 'not scraped yet'}`;
      const interval = jobs.find((j) => j.job === target.job)?.scrapeInterval ?? '?';
      return ['1s', '2s'].includes(interval) ? 'up' : `up, but scraped every ${interval} (the lab needs 1s)`;
    };
    expect(Object.fromEntries(named.map(({ label, address }) => [label, state(address)])), 'each target, as Prometheus\' /api/v1/targets shows it').toEqual(Object.fromEntries(named.map(({ label }) => [label, 'up'])));
  });
});

/**
 * The cluster's under-replicated partitions as Kafka's own tool lists them (kafka-topics --describe
 * --under-replicated-partitions: fewer in-sync replicas than replicas). kafkajs' metadata requests fail outright
 * while a topic of one replica on the stopped broker has no leader. -1 when the tool cannot ask the cluster.
 */
async function underReplicatedTruth(): Promise<number> {
  const listed = await kafkaCli('topics', ['--bootstrap-server', bootstrapServers().join(','), '--describe', '--under-replicated-partitions'], { timeoutMs: 20_000 }).catch(() => undefined);
  return listed === undefined ? -1 : listed.split('\n').filter((line) => /Partition:\s*\d+/.test(line)).length;
}

async function alertState(): Promise<string> {
  const rule = (await alertingRules()).find((r) => r.name === 'UnderReplicatedPartitions');
  return rule ? rule.state : 'no such rule';
}

/** The trainee's query's single value now, or why there is none. */
async function valueOf(query: string): Promise<number | string> {
  if (!query.trim()) return 'the query is empty';
  const samples = await promQuery(query).catch((error: Error) => error.message);
  if (typeof samples === 'string') return samples;
  return samples.length === 1 ? samples[0]!.value : `${samples.length} series, not one`;
}

interface Outage {
  healthy: { underReplicated: number; alert: string };
  down: { underReplicated: boolean; alert: string };
  back: { underReplicated: number; alert: string };
  /** The trainee's underReplicatedPartitions and the truth, with every broker up and with broker 2 stopped. */
  query: { healthy: { query: number | string; truth: number }; down: { query: number | string; truth: number } };
}

let outage: Promise<Outage> | undefined;

/** One look at the cluster: the truth (Kafka's tool), the trainee's query and the alert's state, side by side. */
async function observe(): Promise<{ truth: number; query: number | string; alert: string }> {
  const [truth, query, alert] = await Promise.all([underReplicatedTruth(), valueOf(queries.underReplicatedPartitions), alertState()]);
  return { truth, query, alert };
}

/** Broker 2 stopped, then started again: what the alert and the queries showed at each step (once, for both tasks). */
function brokerOutage(): Promise<Outage> {
  outage ??= (async () => {
    await rateDone;
    const healthy = await pollUntil(observe, (o) => o.truth === 0 && o.query === o.truth && o.alert === 'inactive', { timeoutMs: 15_000, intervalMs: 500 });
    await stopBroker(2);
    let down: Awaited<ReturnType<typeof observe>>;
    try {
      down = await pollUntil(observe, (o) => o.truth > 0 && o.query === o.truth && o.alert === 'firing', { timeoutMs: 20_000, intervalMs: 500 });
    } finally {
      await startBroker(2);
    }
    const back = await pollUntil(observe, (o) => o.truth === 0 && o.alert === 'inactive', { timeoutMs: 40_000, intervalMs: 500 });
    return {
      healthy: { underReplicated: healthy.truth, alert: healthy.alert },
      down: { underReplicated: down.truth > 0, alert: down.alert },
      back: { underReplicated: back.truth, alert: back.alert },
      query: { healthy: { query: healthy.query, truth: healthy.truth }, down: { query: down.query, truth: down.truth } },
    };
  })();
  return outage;
}

describe('under-replicated-alert', () => {
  it('UnderReplicatedPartitions is inactive while every replica is in sync, fires when broker 2 stops, and clears when it is back', async () => {
    expect(applied, 'Prometheus given monitoring/prometheus.yml and its rule files').toBeUndefined();
    expect((await alertingRules()).map((r) => r.name), 'the alerting rules Prometheus loaded (rule_files)').toContain('UnderReplicatedPartitions');
    const seen = await brokerOutage();
    expect(seen.healthy, 'every broker up').toEqual({ underReplicated: 0, alert: 'inactive' });
    expect(seen.down, 'broker 2 stopped').toEqual({ underReplicated: true, alert: 'firing' });
    expect(seen.back, 'broker 2 back and in sync').toEqual({ underReplicated: 0, alert: 'inactive' });
  });
});

describe('promql-queries', () => {
  it('messagesInPerSecond gives the rate at which the check writes to its topic', async () => {
    const samples = await messagesInAtFullRate;
    if (typeof samples === 'string') throw new Error(`messagesInPerSecond: ${samples}`);
    const series = samples.find((s) => s.labels.topic === topics.rate);
    expect(series?.value, `the series of topic="${topics.rate}", written at ${RATE_PER_SECOND} records/s (series: ${samples.map((s) => JSON.stringify(s.labels)).slice(0, 5).join(', ') || 'none'})`).toBeGreaterThan(RATE_PER_SECOND * 0.6);
    expect(series!.value, `records/s written to ${topics.rate}`).toBeLessThan(RATE_PER_SECOND * 1.4);
  });

  it('consumerLag gives the lag of the check\'s consumer by topic, as the admin API gives it', async () => {
    expect(queries.consumerLag.trim(), 'queries.ts: consumerLag').not.toBe('');
    const committed = await committedOffsets(group, topics.lag);
    const truth = (await endOffsets(topics.lag)).get(0)! - (committed.get(0) ?? 0);
    const samples = await pollUntil(() => promQuery(queries.consumerLag), (all) => all.some((s) => s.labels.topic === topics.lag), { timeoutMs: 5000, intervalMs: 500 });
    expect(samples.find((s) => s.labels.topic === topics.lag)?.value, `the series of topic="${topics.lag}" (end offset minus committed offset: ${truth})`).toBe(truth);
  });

  it('produceLatencyP99 gives the slowest broker\'s 99th percentile of Produce requests, in ms', async () => {
    expect(queries.produceLatencyP99.trim(), 'queries.ts: produceLatencyP99').not.toBe('');
    const time = Date.now() / 1000;
    const reference = 'max(kafka_network_requestmetrics_totaltimems{request="Produce", quantile="0.99"})';
    const [mine, truth] = await Promise.all([promQuery(queries.produceLatencyP99, time), promQuery(reference, time)]);
    expect(mine.map((s) => s.value), `produceLatencyP99 (Kafka's TotalTimeMs of Produce, 99thPercentile, the largest over the brokers: ${truth[0]?.value} ms)`).toEqual(truth.map((s) => s.value));
  });

  it('underReplicatedPartitions gives the admin API\'s count, with every broker up and with broker 2 stopped', async () => {
    expect(queries.underReplicatedPartitions.trim(), 'queries.ts: underReplicatedPartitions').not.toBe('');
    const { query } = await brokerOutage();
    expect(query, 'the query\'s value and the truth (partitions with fewer in-sync replicas than replicas)').toEqual({ healthy: { query: query.healthy.truth, truth: query.healthy.truth }, down: { query: query.down.truth, truth: query.down.truth } });
  });
});

describe('dashboard', () => {
  it('every panel of the Grafana dashboard queries the provisioned Prometheus and shows data', async () => {
    const panels = dashboardPanels();
    expect(panels.length, 'panels in monitoring/grafana/dashboards').toBeGreaterThan(0);
    const uids = provisionedDatasourceUids();
    const shows = async (panel: (typeof panels)[number]): Promise<string> => {
      const unknown = panel.datasourceUids.filter((uid) => !uids.includes(uid));
      if (panel.datasourceUids.length === 0 || unknown.length) return `its data source uid ${unknown.join(', ') || '(none)'} is none of those provisioned (${uids.join(', ')})`;
      if (panel.queries.length === 0 || panel.queries.some((q) => !q.trim())) return 'a query (targets[].expr) is empty';
      for (const query of panel.queries) {
        const values = await promQueryRange(withGrafanaVariables(query), 60).catch((error: Error) => error.message);
        if (typeof values === 'string') return `${query}: ${values}`;
        if (!values.some((v) => Number.isFinite(v))) return `${query}: no data over the last minute`;
      }
      return 'shows data';
    };
    const seen = Object.fromEntries(await Promise.all(panels.map(async (p) => [`${p.file}: ${p.title}`, await shows(p)])));
    expect(seen, 'each panel, its queries run against Prometheus over the last minute').toEqual(Object.fromEntries(Object.keys(seen).map((k) => [k, 'shows data'])));
  });
});

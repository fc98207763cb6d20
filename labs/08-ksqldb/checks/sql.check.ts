import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeAll, labFolder, pollUntil, topicExists, uniqueName, withProducer, type ConsumedRecord } from '@kafka-labs/tool/harness';
import { createScriptTopics, labSqlScript, openLabSqlSession, type SqlQuery, type SqlRow, type SqlSession } from '@kafka-labs/tool/sql';

// One run of the lab's statements for every task, on topics of its own (each `'topic' = 'x'` of the file becomes
// `<prefix>x`): the streams, tables and persistent queries, the push query, the inserts; then the checks' own
// riders move, and the tasks compare what came out with what they compute from every location written.

const MOUNTAIN_VIEW = { latitude: 37.4133, longitude: -122.1162 };

/** The workbook's six inserts. */
const WORKBOOK_RIDERS: Location[] = [
  { profileid: 'c2309eec', latitude: 37.7877, longitude: -122.4205 },
  { profileid: '18f4ea86', latitude: 37.3903, longitude: -122.0643 },
  { profileid: '4ab5cbad', latitude: 37.3952, longitude: -122.0813 },
  { profileid: '8b6eae59', latitude: 37.3944, longitude: -122.0813 },
  { profileid: '4a7c7b41', latitude: 37.4049, longitude: -122.0822 },
  { profileid: '4ddad000', latitude: 37.7857, longitude: -122.4011 },
];

/** Written by the checks after the inserts: a rider leaves for San Francisco, one moves nearby, a new one comes. */
const MOVES: Location[] = [
  { profileid: '4ab5cbad', latitude: 37.7857, longitude: -122.4011 },
  { profileid: '8b6eae59', latitude: 37.4, longitude: -122.1 },
  { profileid: 'c0ffee01', latitude: 37.3903, longitude: -122.0643 },
];

interface Location {
  profileid: string;
  latitude: number;
  longitude: number;
}

interface Run {
  file: string;
  prefix: string;
  session?: SqlSession;
  push?: SqlQuery;
  pullQuery?: string;
  /** Why a statement of the file could not run (the engine's own words). */
  failure?: string;
}

const run: Run = { file: '', prefix: `${uniqueName('riders')}-` };
const topic = (name: string) => `${run.prefix}${name}`;

beforeAll(async () => {
  const { engine, file, script } = labSqlScript(labFolder(), { topicPrefix: run.prefix });
  await createScriptTopics(engine, script);
  run.file = path.relative(process.cwd(), file);
  run.pullQuery = script.pullQuery;
  run.session = await openLabSqlSession();
  const attempt = async (statement: string) => {
    if (run.failure) return;
    await run.session!.execute(statement).catch((error: Error) => {
      run.failure = `${run.file}: the engine refused \`${statement.split('\n')[0]}${statement.includes('\n') ? ' …' : ''}\`: ${error.message}`;
    });
  };
  for (const statement of script.setup) await attempt(statement);
  if (!run.failure && script.pushQuery) run.push = run.session.query(script.pushQuery);
  for (const statement of script.inserts) await attempt(statement);
  if (run.failure || !(await topicExists(topic('locations')))) return;
  // The checks' moves come after the workbook's riders: wait for them to be written (the inserts may run as jobs).
  await pollUntil(async () => (await consumeAll(topic('locations'))).length, (count) => count >= script.inserts.length, { timeoutMs: 20_000 });
  await withProducer((producer) => producer.send({
    topic: topic('locations'),
    messages: MOVES.map((m) => ({ value: JSON.stringify({ profileId: m.profileid, latitude: m.latitude, longitude: m.longitude }) })),
  }));
}, 120_000);

afterAll(async () => {
  await run.session?.close();
});

function requireRun(): void {
  if (run.failure) throw new Error(run.failure);
}

/** Every location in the `locations` topic, in order: the inserts' and the checks' moves. */
async function locationsWritten(): Promise<Location[]> {
  if (!(await topicExists(topic('locations')))) return [];
  return (await consumeAll(topic('locations'))).flatMap((r) => (r.value ? [toLocation(JSON.parse(r.value) as Record<string, unknown>)] : []));
}

function toLocation(value: Record<string, unknown>): Location {
  const v = lowerKeys(value);
  return { profileid: String(v.profileid), latitude: Number(v.latitude), longitude: Number(v.longitude) };
}

function lowerKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
}

/** ksqlDB's GEO_DISTANCE in km: the haversine formula with the Earth's radius 6371 km. */
function distanceKm(latitude: number, longitude: number): number {
  const rad = (degrees: number) => (degrees * Math.PI) / 180;
  const a = Math.sin(rad(latitude - MOUNTAIN_VIEW.latitude) / 2) ** 2
    + Math.cos(rad(MOUNTAIN_VIEW.latitude)) * Math.cos(rad(latitude)) * Math.sin(rad(longitude - MOUNTAIN_VIEW.longitude) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

/** ROUND(x, -1). */
const bucketOf = (l: Location) => Math.round(distanceKm(l.latitude, l.longitude) / 10) * 10;

function latestByRider(locations: Location[]): Map<string, Location> {
  return new Map(locations.map((l) => [l.profileid, l]));
}

/** distance → sorted riders, from the latest location of each rider. */
function ridersByDistance(locations: Location[]): Record<string, { riders: string[]; count: number }> {
  const buckets: Record<string, { riders: string[]; count: number }> = {};
  for (const l of latestByRider(locations).values()) {
    const bucket = (buckets[String(bucketOf(l))] ??= { riders: [], count: 0 });
    bucket.riders.push(l.profileid);
    bucket.count++;
  }
  for (const bucket of Object.values(buckets)) bucket.riders.sort();
  return buckets;
}

/** A key as either engine writes it: JSON (Flink: `{"profileId": …}`), a string, or an 8-byte DOUBLE (ksqlDB). */
function decodeKey(record: ConsumedRecord): string {
  const raw = record.rawKey;
  if (!raw) return '';
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    return String(parsed !== null && typeof parsed === 'object' ? Object.values(parsed)[0] : parsed);
  } catch {
    return raw.length === 8 ? String(raw.readDoubleBE(0)) : raw.toString('utf8');
  }
}

/** A table's topic as the table it holds: the latest value of each key, without the deleted ones (tombstones). */
async function tableOf(name: string): Promise<Map<string, Record<string, unknown>>> {
  const table = new Map<string, Record<string, unknown>>();
  if (!(await topicExists(topic(name)))) return table;
  for (const record of await consumeAll(topic(name))) {
    const key = decodeKey(record);
    if (record.value === null) table.delete(key);
    else table.set(key, lowerKeys(JSON.parse(record.value) as Record<string, unknown>));
  }
  return table;
}

/** Rows of a changelog (Flink's bounded query) or of a result set (ksqlDB's pull query), keyed by a column. */
function applyRows(rows: SqlRow[], key: string): Map<string, Record<string, unknown>> {
  const table = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const k = String(Number(row.values[key]));
    if (row.kind === 'UPDATE_BEFORE' || row.kind === 'DELETE') table.delete(k);
    else table.set(k, row.values);
  }
  return table;
}

const asBuckets = (table: Map<string, Record<string, unknown>>) => Object.fromEntries([...table].map(([k, v]) => [
  String(Number(k)),
  { riders: [...((v.riders as string[] | undefined) ?? [])].sort(), count: Number(v.count) },
]));

describe('rider-locations', () => {
  it('the stream riderLocations reads the topic locations (JSON), and the workbook\'s six INSERTs write to it', async () => {
    requireRun();
    expect(await topicExists(topic('locations')), `the topic ${topic('locations')} (riderLocations' topic, 'locations' in ${run.file})`).toBe(true);
    const written = (await locationsWritten()).slice(0, WORKBOOK_RIDERS.length);
    expect(written, `the first records of ${topic('locations')}: the workbook's six riders, as inserted`).toEqual(WORKBOOK_RIDERS);
  });
});

describe('current-location', () => {
  it('the table currentLocation (topic currentLocation) holds the latest location of every rider', async () => {
    requireRun();
    expect(await topicExists(topic('currentLocation')), `the topic ${topic('currentLocation')} (currentLocation's topic, 'currentLocation' in ${run.file})`).toBe(true);
    const truth = Object.fromEntries([...latestByRider(await locationsWritten())].map(([rider, l]) => [rider, { la: l.latitude, lo: l.longitude }]));
    const read = async () => Object.fromEntries([...(await tableOf('currentLocation'))].map(([rider, v]) => [rider, { la: Number(v.la), lo: Number(v.lo) }]));
    const seen = await pollUntil(read, (table) => isEqual(table, truth), { timeoutMs: 20_000, intervalMs: 500 });
    expect(seen, `the latest value of each rider in ${topic('currentLocation')} (columns la and lo), once the checks' riders moved`).toEqual(truth);
  });
});

describe('riders-near-mountain-view', () => {
  it('the table ridersNearMountainView (topic ridersNearMountainView) groups the riders by distance to Mountain View, rounded to tens of km', async () => {
    requireRun();
    expect(await topicExists(topic('ridersNearMountainView')), `the topic ${topic('ridersNearMountainView')} (ridersNearMountainView's topic, 'ridersNearMountainView' in ${run.file})`).toBe(true);
    const truth = ridersByDistance(await locationsWritten());
    const seen = await pollUntil(async () => asBuckets(await tableOf('ridersNearMountainView')), (buckets) => isEqual(buckets, truth), { timeoutMs: 20_000, intervalMs: 500 });
    expect(seen, `distance → { riders (sorted), count } in ${topic('ridersNearMountainView')}, once the checks' riders moved (a rider who left a distance is no longer listed there; an empty distance is deleted)`).toEqual(truth);
  });
});

describe('push-query', () => {
  it('the push query emits every location within 5 km of Mountain View as it arrives, and no other', async () => {
    requireRun();
    expect(run.push, `a statement marked "-- push query" in ${run.file}`).toBeDefined();
    const within = (await locationsWritten()).filter((l) => distanceKm(l.latitude, l.longitude) <= 5);
    const emitted = () => run.push!.rows.map((r) => toLocation(r.values));
    const seen = await pollUntil(async () => emitted(), (rows) => rows.length >= within.length, { timeoutMs: 20_000, intervalMs: 300 });
    // A moment more, for rows it should not emit.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sort = (ls: Location[]) => [...ls].sort((a, b) => `${a.profileid}${a.latitude}`.localeCompare(`${b.profileid}${b.latitude}`));
    expect(sort(emitted()), `the rows of the push query (profileId, latitude, longitude), against the ${within.length} locations within 5 km`).toEqual(sort(within));
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('pull-query', () => {
  it('the pull query answers the distances up to 10 km of ridersNearMountainView as they are now, and ends', async () => {
    requireRun();
    expect(run.pullQuery, `a statement marked "-- pull query" in ${run.file}`).toBeDefined();
    const truth = Object.fromEntries(Object.entries(ridersByDistance(await locationsWritten())).filter(([d]) => Number(d) <= 10));
    // The persistent queries take a moment to process the moves: ask again until the answer is the truth.
    const answer = async () => {
      const query = run.session!.query(run.pullQuery!);
      const ended = await Promise.race([query.done.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
      await query.stop();
      return { ended, buckets: asBuckets(applyRows(query.rows, 'distanceinmiles')) };
    };
    const seen = await pollUntil(answer, (a) => a.ended && isEqual(a.buckets, truth), { timeoutMs: 30_000, intervalMs: 500 });
    expect(seen.ended, 'the pull query ended by itself (a pull query, or a bounded read, is not a push query)').toBe(true);
    expect(seen.buckets, 'distance → { riders (sorted), count } in the pull query\'s answer').toEqual(truth);
  });
});

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

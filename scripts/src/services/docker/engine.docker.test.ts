import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaCli } from '../../course/kafka-cli.js';
import { repoRoot, solutionsDir } from '../../paths.js';
import { KAFKA_VERSION } from '../../versions.js';
import type { Endpoints } from '../backend.js';
import { containersOf } from './compose.js';
import { DockerBackend } from './index.js';
import { composeProject } from './stacks.js';
import { buildStandIns } from './stand-ins.js';

/**
 * The docker gate: the docker backend's own lifecycle and docker/cluster/compose.yaml as written (listeners for
 * this machine and for the network, published ports, health checks, volumes), on a real engine. The brokers'
 * image is built by compose on the stand-in of apache/kafka (docker/stand-ins/kafka): no registry serves the
 * official one here. GitHub's runner runs the same stacks on the official images (.github/workflows/docker.yml).
 */
const backend = new DockerBackend();
const project = composeProject(['kafka']);
let endpoints: Endpoints;
const TOPIC = 'docker-gate-kept';

const kafka = () => new Kafka({ clientId: 'docker-gate', brokers: endpoints.kafka!.bootstrapServers, logLevel: logLevel.NOTHING, retry: { retries: 8 } });
const volumes = async () => (await execa('docker', ['volume', 'ls', '--quiet', '--filter', 'label=com.docker.compose.project=kafka-labs'])).stdout.split('\n').filter(Boolean);
const cli = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(repoRoot, 'scripts', 'src', 'cli', 'main.ts'), ...args], { cwd: repoRoot, reject: false, all: true, env: { LAB_BACKEND: 'docker', ...env } });

/** A new topic's metadata reaches every broker within moments: until then a broker answers "does not host" (retriable). */
async function whileMetadataSpreads<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= 40 || !/does not host this topic-partition|leader/i.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Runs `work` with a PATH that holds docker and nothing else: no java, no mvn. */
async function withDockerOnlyPath<T>(work: () => Promise<T>): Promise<T> {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-only-'));
  fs.symlinkSync((await execa('sh', ['-c', 'command -v docker'])).stdout.trim(), path.join(bin, 'docker'));
  const PATH = process.env.PATH;
  process.env.PATH = bin;
  try {
    return await work();
  } finally {
    process.env.PATH = PATH;
    fs.rmSync(bin, { recursive: true, force: true });
  }
}

async function recordsIn(topic: string): Promise<number> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** An image with the brokers' file system, to edit a stopped broker's volume with. */
let brokerImage = `apache/kafka:${KAFKA_VERSION}`;

beforeAll(async () => {
  process.env.LAB_BACKEND = 'docker';
  // GitHub's runner pulls the official images (LAB_DOCKER_GATE=official); elsewhere no registry answers.
  if (process.env.LAB_DOCKER_GATE !== 'official') {
    const standIns = await buildStandIns(() => {});
    Object.assign(process.env, standIns);
    brokerImage = standIns.KAFKA_IMAGE;
  }
  await backend.down({ wipe: true });
  endpoints = await backend.up(['kafka'], () => {});
});

afterAll(async () => {
  await backend.down({ wipe: true });
});

describe('the docker backend on a real engine (stand-in images)', () => {
  it('up: three brokers, healthy, each advertising its published port to this machine and kafka-N:19092 to the network', async () => {
    expect(endpoints.kafka?.bootstrapServers).toEqual(['localhost:9092', 'localhost:9093', 'localhost:9094']);
    const admin = kafka().admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((b) => `${b.host}:${b.port}`).sort()).toEqual(['localhost:9092', 'localhost:9093', 'localhost:9094']);
    await whileMetadataSpreads(() => admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true }));
    await whileMetadataSpreads(() => admin.fetchTopicMetadata({ topics: [TOPIC] }));
    await admin.disconnect();
    const producer = kafka().producer();
    await producer.connect();
    await whileMetadataSpreads(() => producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) }));
    await producer.disconnect();
    expect(await recordsIn(TOPIC)).toBe(30);
    // The in-network listener, as the consoles and Connect use it: a tool inside kafka-1 asks kafka-2.
    const inside = await execa('docker', ['exec', '-e', 'KAFKA_OPTS=', 'kafka-1', '/opt/kafka/bin/kafka-topics.sh', '--bootstrap-server', 'kafka-2:19092', '--describe', '--topic', TOPIC]);
    expect(inside.stdout).toMatch(/ReplicationFactor: 3/);
  });

  it('pnpm kafka runs Kafka\'s tools inside the stack: no java, no mvn on PATH', async () => {
    const result = await withDockerOnlyPath(() => cli(['kafka', 'topics', '--describe', '--topic', TOPIC]));
    expect(result.all).toMatch(new RegExp(`Topic: ${TOPIC}\\s+TopicId`));
    expect(result.exitCode).toBe(0);
  });

  it('stop-broker stops a broker cleanly (SIGTERM, controlled shutdown), status shows it stopped, start-broker brings it back', async () => {
    expect((await cli(['lab', 'stop-broker', '2'])).exitCode).toBe(0);
    const [stopped] = await containersOf(project, ['kafka-2']);
    // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks; 137 would be Docker's SIGKILL after a 0 s timeout.
    expect(stopped).toMatchObject({ State: 'exited', ExitCode: 143 });
    expect((await execa('docker', ['logs', 'kafka-2'], { all: true })).all).toMatch(/exit controlled shutdown|shut down completed/);
    // Lab 10's truth, as its check asks Kafka's own tool (kafkaCli), inside the stack: no Java here either.
    const listed = await withDockerOnlyPath(() => kafkaCli('topics', ['--bootstrap-server', endpoints.kafka!.bootstrapServers.join(','), '--describe', '--under-replicated-partitions', '--topic', TOPIC]));
    expect(listed.split('\n').filter((line) => /Partition:\s*\d+/.test(line)), 'every partition of the topic lacks a replica').toHaveLength(3);
    const status = await backend.status();
    expect(status.find((s) => s.service === 'kafka-2')).toMatchObject({ running: false });
    expect(status.filter((s) => s.running).map((s) => s.service).sort()).toEqual(['kafka-0', 'kafka-1']);
    expect((await cli(['lab', 'start-broker', '2'])).exitCode).toBe(0);
    expect((await containersOf(project, ['kafka-2']))[0]).toMatchObject({ State: 'running', Health: 'healthy' });
  });

  it('grades lab 1\'s solution through the cluster, as a trainee with Docker runs it', async () => {
    const result = await cli(['lab', '1', '--solution']);
    expect(result.all).toMatch(/5\/5 tasks pass/);
    expect(result.exitCode).toBe(0);
  });

  it('workshop 8 on Flink SQL with Docker (SQL_ENGINE=flink): the solution graded through the gateway\'s container, which pnpm grade\'s stopServices stops', async () => {
    const result = await cli(['lab', '8', '--solution'], { SQL_ENGINE: 'flink' });
    expect(result.all, result.all).toMatch(/(\d+)\/\1 tasks pass/);
    expect(result.exitCode).toBe(0);
    process.env.SQL_ENGINE = 'flink';
    try {
      await backend.stopServices(['sql']);
      expect((await containersOf(composeProject(['sql']), ['flink-sql-gateway']))[0]).toMatchObject({ Service: 'flink-sql-gateway', State: 'exited' });
    } finally {
      delete process.env.SQL_ENGINE;
    }
  });

  it('a broker that cannot start fails the start at once with its last log lines, and nothing is deleted', async () => {
    await backend.stopBroker(1);
    // A broken node: its storage formatted for another cluster (Kafka refuses to start on it).
    const meta = '/var/lib/kafka/data/meta.properties';
    await execa('docker', ['run', '--rm', '--user', 'root', '--volumes-from', 'kafka-1', '--entrypoint', 'sed', brokerImage, '-i.kept', 's/^cluster.id=.*/cluster.id=AAAAAAAAAAAAAAAAAAAAAA/', meta]);
    const started = Date.now();
    const error = await backend.up(['kafka'], () => {}).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message, message).toMatch(/^kafka-1 did not start: it (exited|keeps restarting)/);
    expect(message, 'the broker\'s own reason').toMatch(/Invalid cluster.id/);
    expect(Date.now() - started, 'at once, not after the 180 s deadline').toBeLessThan(90_000);
    expect((await containersOf(project)).map((c) => c.Service).filter((name) => /^kafka-\d$/.test(name)).sort(), 'containers kept').toEqual(['kafka-0', 'kafka-1', 'kafka-2']);
    expect(await volumes(), 'volumes kept').toHaveLength(3);
    await execa('docker', ['compose', '--project-name', project.name, '--file', project.files[0]!, 'stop', 'kafka-1'], { cwd: path.join(repoRoot, 'docker') });
    await execa('docker', ['run', '--rm', '--user', 'root', '--volumes-from', 'kafka-1', '--entrypoint', 'mv', brokerImage, `${meta}.kept`, meta]);
    endpoints = await backend.up(['kafka'], () => {});
    expect(await recordsIn(TOPIC), 'the topic\'s records survived').toBe(30);
  });

  it('a port taken on this machine: the start fails naming it, and the data is kept', async () => {
    await backend.down();
    const server = (await import('node:net')).createServer().listen(9093, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const error = await backend.up(['kafka'], () => {}).catch((e: Error) => e);
      expect((error as Error).message).toMatch(/9093/);
      expect(await volumes(), 'volumes kept').toHaveLength(3);
    } finally {
      server.close();
    }
    endpoints = await backend.up(['kafka'], () => {});
    expect(await recordsIn(TOPIC)).toBe(30);
  });

  it('workshop 9\'s secured cluster starts from a lab\'s config/ (the solution\'s), and a broken broker.properties fails at once, named', async () => {
    const secure = await backend.startSecureCluster(path.join(solutionsDir, '09-security'), () => {});
    expect(secure.bootstrapServers).toEqual(['localhost:9192', 'localhost:9193', 'localhost:9194']);
    expect((await backend.status()).filter((s) => s.service.startsWith('secure-kafka-') && s.running)).toHaveLength(3);
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'broken-security-'));
    try {
      fs.cpSync(path.join(solutionsDir, '09-security', 'config'), path.join(broken, 'config'), { recursive: true });
      fs.cpSync(path.join(solutionsDir, '09-security', 'ssl'), path.join(broken, 'ssl'), { recursive: true });
      fs.appendFileSync(path.join(broken, 'config', 'broker.properties'), '\nauthorizer.class.name=org.example.NoSuchAuthorizer\n');
      const started = Date.now();
      const error = await backend.startSecureCluster(broken, () => {}).catch((e: Error) => e);
      const message = (error as Error).message;
      expect(message, message).toMatch(/^the secured cluster did not start with .*kafka-\d did not start/s);
      expect(message, 'the broker\'s own reason').toMatch(/NoSuchAuthorizer/);
      expect(Date.now() - started, 'at once, not after the 180 s deadline').toBeLessThan(90_000);
    } finally {
      await backend.stopSecureCluster({ wipe: true });
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('grades workshop 9\'s solution on the secured cluster with Docker, its quotas set by Kafka\'s tool inside the stack: no Java on this machine', async () => {
    // JAVA_HOME names the java the tool would run: nowhere, so any Kafka tool on this machine fails.
    const result = await cli(['lab', '9', '--solution'], { JAVA_HOME: '/nonexistent' });
    expect(result.all, result.all).toMatch(/(\d+)\/\1 tasks pass/);
    expect(result.exitCode).toBe(0);
    await backend.stopSecureCluster({ wipe: true });
  });

  it('down keeps the data for the next up; down --wipe deletes it', async () => {
    await backend.down();
    expect((await containersOf(project)).length, 'no container left').toBe(0);
    expect(await volumes()).toHaveLength(3);
    await backend.down({ wipe: true });
    expect(await volumes()).toHaveLength(0);
  });
});

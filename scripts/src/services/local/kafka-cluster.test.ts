import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../cli/errors.js';
import { findJava } from './java.js';
import { LocalKafkaCluster } from './kafka-cluster.js';
import { isListening } from './process.js';

// These tests run their own one-node clusters, on ports of their own, in temporary folders.
const portBase = Number(process.env.LAB_PORT_BASE ?? 19092) + 300;
const dirs: string[] = [];
const clusters: LocalKafkaCluster[] = [];

function cluster(options: { heap?: string; portBase?: number } = {}): LocalKafkaCluster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-test-'));
  dirs.push(dir);
  const c = new LocalKafkaCluster({ dir, size: 1, portBase: options.portBase ?? portBase, heap: options.heap });
  clusters.push(c);
  return c;
}

afterAll(async () => {
  await Promise.all(clusters.map((c) => c.stop()));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the local Kafka cluster', () => {
  it('starts a real broker, stops it and starts it again (fault injection)', async () => {
    const c = cluster();
    await c.start(() => {});
    expect(c.status().map((s) => s.running)).toEqual([true]);
    expect(await isListening(portBase)).toBe(true);

    await c.stopBroker(0);
    expect(c.status().map((s) => s.running)).toEqual([false]);
    expect(await isListening(portBase)).toBe(false);

    await c.startBroker(0);
    expect(c.status().map((s) => s.running)).toEqual([true]);
    expect(await isListening(portBase)).toBe(true);
    await c.stop();
  });

  it('names the port and the fix when another program holds a broker port', async () => {
    const port = portBase + 10;
    const squatter = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    try {
      const error = await cluster({ portBase: port }).start(() => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EnvironmentError);
      expect((error as Error).message).toMatch(new RegExp(`port ${port} .*used by another program.*LAB_PORT_BASE`));
    } finally {
      squatter.close();
    }
  });

  it('reports a broker that dies while starting, with the path of its log', async () => {
    const c = cluster({ heap: '1k', portBase: portBase + 20 });
    const error = await c.start(() => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as Error).message).toMatch(/broker 0 stopped while starting: see its log .*kafka-0\/server\.log/);
  });
});

describe('Java', () => {
  it('is missing: the error names the fix', async () => {
    const previous = process.env.JAVA_HOME;
    process.env.JAVA_HOME = '/nonexistent-jdk';
    try {
      await expect(findJava()).rejects.toThrow(/Java was not found.*install a JDK 17/);
    } finally {
      if (previous === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = previous;
    }
  });
});

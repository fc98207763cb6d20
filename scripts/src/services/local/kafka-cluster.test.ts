import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../cli/errors.js';
import { repoRoot } from '../../paths.js';
import { buildJar, findJava } from './java.js';
import { LocalKafkaCluster, startFailure } from './kafka-cluster.js';
import { isListening, listensOn } from './process.js';

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
    await expect(c.stopBroker(0), 'a broker that does not run').rejects.toThrow(/broker 0 is not running: nothing to stop/);
    await expect(c.startBroker(0), 'a broker of a cluster never started').rejects.toThrow(/broker 0 has never run here: start the cluster first/);
    await c.start(() => {});
    expect(c.status().map((s) => s.running)).toEqual([true]);
    expect(c.status()[0]!.pid, 'the pid of the broker').toBeGreaterThan(0);
    expect(listensOn(c.status()[0]!.pid!, portBase), 'the broker\'s own process listens on its port').toBe(true);
    expect(await isListening(portBase)).toBe(true);

    await c.stopBroker(0);
    expect(c.status().map((s) => s.running)).toEqual([false]);
    expect(await isListening(portBase)).toBe(false);
    await expect(c.stopBroker(0), 'a broker stopped already').rejects.toThrow(/not running/);

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

describe('a starting broker', () => {
  const logOf = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-log-'));
    dirs.push(dir);
    const logFile = path.join(dir, 'server.log');
    fs.writeFileSync(logFile, text);
    return { id: 2, logFile };
  };
  const harmless = '[2026-11-25 10:00:21,112] ERROR [ControllerApis nodeId=2] Unexpected error handling request CONTROLLER_REGISTRATION org.apache.kafka.common.errors.NotControllerException: This node is not the active controller. (kafka.server.ControllerApis)\n';

  it('that logs a harmless ERROR while alive has not failed, however long it has been starting', () => {
    expect(startFailure(logOf(harmless), true)).toBeUndefined();
  });

  it('whose log shows a known fatal message has failed, with its cause and fix', () => {
    const log = `${harmless}[2026-11-25 10:00:22,000] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)\njava.lang.RuntimeException: Invalid cluster.id in: /x/meta.properties. Expected abc, but read def\n`;
    expect(startFailure(logOf(log), true)).toMatch(/broker 2 cannot start: its data belongs to another cluster .*`pnpm lab down --wipe`/);
  });

  it('whose process died has failed; `--wipe` is suggested only when the data is the cause', () => {
    const message = startFailure(logOf(harmless), false);
    expect(message).toMatch(/broker 2 stopped while starting \(ERROR \[ControllerApis/);
    expect(message).not.toMatch(/--wipe/);
  });
});

describe('a port of our own', () => {
  it('is one whose listening socket the named process holds: a foreign listener is not ours', async () => {
    const port = portBase + 30;
    const server = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expect(listensOn(process.pid, port)).toBe(true);
      expect(listensOn(process.ppid, port)).toBe(false);
      expect(listensOn(process.pid, port + 1)).toBe(false);
    } finally {
      server.close();
    }
  });

  it('held by a program on every interface (::) is reported, not adopted', async () => {
    const port = portBase + 50; // (not +40: the base + 340 is PostgreSQL's)
    const squatter = net.createServer().listen(port, '::');
    await new Promise((resolve) => squatter.once('listening', resolve));
    try {
      const error = await cluster({ portBase: port }).start(() => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EnvironmentError);
      expect((error as Error).message).toMatch(new RegExp(`port ${port} \\(Kafka broker 0\\) is used by another program`));
    } finally {
      squatter.close();
    }
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

  it('without javac (a JRE only): the error names the fix', async () => {
    const build = { name: 'kafka-labs-test', sources: path.join(repoRoot, 'scripts', 'runtime', 'kafka', 'node'), classpath: os.tmpdir(), what: 'the launcher' };
    await expect(buildJar('/nonexistent-jre/bin/java', build, () => {})).rejects.toThrow(/javac could not build the launcher \(a JDK, not only a JRE, is needed\)/);
  });
});

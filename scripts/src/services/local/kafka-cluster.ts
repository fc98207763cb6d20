import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { EnvironmentError, UserError } from '../../cli/errors.js';
import { repoRoot, shortPath } from '../../paths.js';
import { JMX_EXPORTER_VERSION, KAFKA_VERSION } from '../../versions.js';
import { buildJar, fetchJars, findJava } from './java.js';
import { classArchiveFile, startupFlags } from './jvm.js';
import { kafkaLog4jProperties, kafkaNodeProperties, type KafkaNodeConfig } from './kafka-config.js';
import { fatalLogMessage, firstErrorLine } from './kafka-fatal-logs.js';
import { commandLine, isAlive, isListening, isPortFree, listensOn, spawnService, stopProcess, waitUntil } from './process.js';

export interface KafkaClusterOptions {
  /** Folder of the cluster's state: one sub-folder per node with its properties, data, log and pid. */
  dir: string;
  /** 3 for the course (replication), 1 for comparisons. */
  size: number;
  /** Broker N (0, 1, 2 like kafka-0..2 of the docker stack) listens on portBase + N, its controller on portBase + 100 + N. */
  portBase: number;
  /** JVM heap of each node. */
  heap?: string;
  /** A training run: the nodes write the class data sharing archive of their JVM here when they stop. */
  archiveTo?: string;
  /** Each node's server.properties (default: the open lab cluster's, kafkaNodeProperties). */
  properties?: (node: KafkaNodeConfig) => string;
  /** More JVM options for the nodes and their storage formatting (a JAAS file). */
  jvmOptions?: string[];
  /**
   * How readiness is seen: 'metadata' asks the brokers (an open cluster), 'log' trusts each node's "Kafka Server
   * started" (a secured cluster, whose clients the tool cannot be).
   */
  readiness?: 'metadata' | 'log';
  /** How long starting brokers may take before they count as failed (default 120 s). */
  startupTimeoutMs?: number;
  /**
   * Prometheus' JMX exporter as a Java agent of every node (workshop 10): node N publishes its metrics on
   * http://127.0.0.1:<metricsPortBase + N>/metrics, named by `exporterConfig`.
   */
  metrics?: { portBase: number; exporterConfig: string };
}

export interface KafkaNode {
  id: number;
  port: number;
  controllerPort: number;
  /** Its second broker listener, for a cluster whose brokers talk to each other apart from clients (portBase + 50 + N). */
  internalPort: number;
  /** Where its JMX exporter answers (when the cluster has one). */
  metricsPort?: number;
  dir: string;
  propertiesFile: string;
  logFile: string;
  pidFile: string;
}

export interface KafkaNodeStatus {
  node: KafkaNode;
  running: boolean;
  pid?: number;
}

type Report = (text: string) => void;

interface NodeRuntime {
  java: string;
  classpath: string;
  classArchive: string;
  agent?: string;
}

/** The course's launcher of a node: Kafka's storage formatting, then Kafka's broker, in one JVM. */
const NODE_SOURCES = path.join(repoRoot, 'scripts', 'runtime', 'kafka', 'node');

const STARTUP_TIMEOUT_MS = 120_000;

/** A real Apache Kafka cluster of combined KRaft nodes, run as java processes on 127.0.0.1. */
export class LocalKafkaCluster {
  readonly nodes: KafkaNode[];

  constructor(private readonly options: KafkaClusterOptions) {
    this.nodes = Array.from({ length: options.size }, (_, i) => {
      const dir = path.join(options.dir, `kafka-${i}`);
      return {
        id: i,
        port: options.portBase + i,
        controllerPort: options.portBase + 100 + i,
        internalPort: options.portBase + 50 + i,
        metricsPort: options.metrics ? options.metrics.portBase + i : undefined,
        dir,
        propertiesFile: path.join(dir, 'server.properties'),
        logFile: path.join(dir, 'server.log'),
        pidFile: path.join(dir, 'pid'),
      };
    });
  }

  get bootstrapServers(): string[] {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`);
  }

  node(id: number): KafkaNode {
    const node = this.nodes.find((n) => n.id === id);
    if (!node) throw new EnvironmentError(`there is no broker ${id}: the local cluster has brokers ${this.nodes.map((n) => n.id).join(', ')}`);
    return node;
  }

  pidOf(node: KafkaNode): number | undefined {
    if (!fs.existsSync(node.pidFile)) return undefined;
    const pid = Number(fs.readFileSync(node.pidFile, 'utf8'));
    // A pid is ours only while it still runs this node's properties (pids get reused).
    return isAlive(pid) && commandLine(pid).includes(node.propertiesFile) ? pid : undefined;
  }

  status(): KafkaNodeStatus[] {
    return this.nodes.map((node) => {
      const pid = this.pidOf(node);
      return { node, running: pid !== undefined, pid };
    });
  }

  /** Starts every node that is not running (in parallel) and waits until the whole cluster answers. */
  async start(report: Report): Promise<void> {
    const stopped = this.nodes.filter((n) => this.pidOf(n) === undefined);
    if (stopped.length === 0) {
      // Ours, all running: still starting (another command started them) or ready.
      if (!(await this.isReady())) await this.waitForBrokers(this.nodes.map((n) => n.id), report);
      return;
    }
    await this.checkPorts(stopped);
    const runtime = await this.runtime(report);
    await this.ensureClassArchive(runtime, report);
    this.writeConfig(stopped);
    report(`starting Kafka broker${stopped.length > 1 ? 's' : ''} ${stopped.map((n) => n.id).join(', ')}`);
    for (const node of stopped) this.spawnNode(runtime, node);
    await this.waitForBrokers(this.nodes.map((n) => n.id), report);
  }

  /** Stops every node (in parallel). Data stays until `reset`. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.stopNode(n)));
  }

  /** Fault injection: stops one broker (a clean shutdown, like `docker stop`). */
  async stopBroker(id: number): Promise<void> {
    const node = this.node(id);
    if (this.pidOf(node) === undefined) throw new UserError(`broker ${id} is not running: nothing to stop (see \`pnpm lab status\`)`);
    await this.stopNode(node);
  }

  /** Starts a stopped broker again and waits until the cluster sees it. */
  async startBroker(id: number): Promise<void> {
    const node = this.node(id);
    if (this.pidOf(node) !== undefined) return;
    if (!fs.existsSync(node.propertiesFile)) throw new UserError(`broker ${id} has never run here: start the cluster first (\`pnpm lab up\`)`);
    this.spawnNode(await this.runtime(() => {}), node);
    await this.waitForBrokers([id], () => {});
  }

  /** Deletes every node's data (stop first). */
  removeData(): void {
    fs.rmSync(this.options.dir, { recursive: true, force: true });
  }

  /** A port of a broker that is not running must be free: a listener there is someone else's, never adopted. */
  private async checkPorts(nodes: KafkaNode[]): Promise<void> {
    for (const node of nodes) {
      for (const port of [node.port, node.controllerPort, ...(this.options.properties ? [node.internalPort] : []), ...(node.metricsPort ? [node.metricsPort] : [])]) {
        if (!(await isPortFree(port)) || (await isListening(port))) {
          throw new EnvironmentError(`port ${port} (Kafka broker ${node.id}) is used by another program: stop it, or move the lab's ports with LAB_PORT_BASE=<port>`);
        }
      }
    }
  }

  private writeConfig(nodes: KafkaNode[]): void {
    const voters = this.nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`);
    for (const node of nodes) {
      fs.mkdirSync(node.dir, { recursive: true });
      const logDir = path.join(node.dir, 'data');
      const properties = this.options.properties ?? kafkaNodeProperties;
      fs.writeFileSync(node.propertiesFile, properties({ ...node, logDir, voters, clusterSize: this.nodes.length }));
    }
    fs.writeFileSync(this.log4jFile, kafkaLog4jProperties);
    // KRaft: every node's storage is formatted (by the node itself, see FormatThenStart) with the same cluster id.
    if (!fs.existsSync(this.clusterIdFile)) fs.writeFileSync(this.clusterIdFile, newClusterId());
  }

  private get log4jFile(): string {
    return path.join(this.options.dir, 'log4j.properties');
  }

  private get clusterIdFile(): string {
    return path.join(this.options.dir, 'cluster-id');
  }

  /**
   * Once per JDK and jars: a one-node cluster started and stopped aside, whose JVM leaves the archive of the
   * classes a broker loads (class data sharing). Every later start maps them: about half the start-up time.
   * Without it (a failed training run) the brokers start as usual, only slower.
   */
  private async ensureClassArchive(runtime: NodeRuntime, report: Report): Promise<void> {
    const archive = runtime.classArchive;
    if (this.options.archiveTo || fs.existsSync(archive)) return;
    report('preparing the brokers\' class data sharing archive (first run only: faster starts afterwards)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-labs-class-archive-'));
    const training = `${archive}.${process.pid}.tmp`;
    const cluster = new LocalKafkaCluster({ dir, size: 1, portBase: this.options.portBase + 800, archiveTo: training });
    try {
      await cluster.start(() => {});
      await cluster.stop();
      if (fs.existsSync(training)) fs.renameSync(training, archive);
    } catch {
      await cluster.stop().catch(() => {});
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(training, { force: true });
    }
  }

  /**
   * What a node runs: the JDK, Kafka's jars with the course's FormatThenStart (one JVM formats the node's storage,
   * then runs the broker), the class archive of that class path, and the JMX exporter's agent when the nodes
   * publish metrics.
   */
  private async runtime(report: Report): Promise<NodeRuntime> {
    const java = await findJava();
    const jars = await fetchJars('kafka', report, { 'kafka.version': KAFKA_VERSION });
    const launcher = await buildJar(java, { name: 'kafka-labs-kafka-node', sources: NODE_SOURCES, classpath: path.join(jars, '*'), what: 'the course\'s launcher of Kafka nodes' }, report);
    const classpath = `${path.join(jars, '*')}${path.delimiter}${launcher}`;
    const agent = this.options.metrics ? path.join(await fetchJars('jmx-exporter', report, { 'jmx.exporter.version': JMX_EXPORTER_VERSION }), `jmx_prometheus_javaagent-${JMX_EXPORTER_VERSION}.jar`) : undefined;
    return { java, classpath, classArchive: classArchiveFile(jars, java, classpath), agent };
  }

  private spawnNode(runtime: NodeRuntime, node: KafkaNode): void {
    fs.writeFileSync(node.logFile, '');
    const heap = this.options.heap ?? '384m';
    const archive = this.options.archiveTo ? ['-XX:TieredStopAtLevel=1', `-XX:ArchiveClassesAtExit=${this.options.archiveTo}`] : startupFlags(runtime.classArchive);
    const exporter = runtime.agent && this.options.metrics ? [`-javaagent:${runtime.agent}=127.0.0.1:${node.metricsPort}:${this.options.metrics.exporterConfig}`] : [];
    const clusterId = fs.readFileSync(this.clusterIdFile, 'utf8').trim();
    const pid = spawnService(runtime.java, [
      `-Xms${heap}`, `-Xmx${heap}`, '-XX:+UseSerialGC', ...archive, ...exporter,
      '-cp', runtime.classpath, `-Dlog4j.configuration=file:${this.log4jFile}`, '-Djava.awt.headless=true', ...(this.options.jvmOptions ?? []),
      'dev.kafkalabs.kafka.FormatThenStart', node.propertiesFile,
      'format', `--cluster-id=${clusterId}`, '--config', node.propertiesFile, '--ignore-formatted',
    ], { logFile: node.logFile });
    fs.writeFileSync(node.pidFile, String(pid));
  }

  private async stopNode(node: KafkaNode): Promise<void> {
    const pid = this.pidOf(node);
    if (pid !== undefined) await stopProcess(pid);
    fs.rmSync(node.pidFile, { force: true });
  }

  private admin() {
    return new Kafka({ clientId: 'kafka-labs-tool', brokers: this.bootstrapServers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000 }).admin();
  }

  private async isReady(ids = this.nodes.map((n) => n.id)): Promise<boolean> {
    if (this.options.readiness === 'log') return ids.every((id) => hasStarted(this.node(id)));
    const admin = this.admin();
    try {
      await admin.connect();
      const { brokers, controller } = await admin.describeCluster();
      return controller !== null && ids.every((id) => brokers.some((b) => b.nodeId === id));
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }

  /**
   * Waits until every broker answers. A starting broker has failed only when its process died, when its log
   * shows a known fatal message (KAFKA_FATAL_LOGS), or at the deadline: then only what failed is stopped.
   */
  private async waitForBrokers(ids: number[], report: Report): Promise<void> {
    const failed = () => ids.map((id) => this.node(id)).map((n) => startFailure(n, this.pidOf(n) !== undefined)).find(Boolean);
    const ready = async () => {
      // A port counts only when the broker's own process listens there: a foreign listener is never adopted.
      // (Where /proc cannot tell, a connection to the port answers instead.)
      const listening = (await Promise.all(this.nodes.map(async (n) => {
        const pid = this.pidOf(n);
        return pid !== undefined && (listensOn(pid, n.port) ?? (await isListening(n.port)));
      }))).filter(Boolean).length;
      report(`waiting for the brokers: ${listening}/${this.nodes.length} listening`);
      // A broker logs this line once it is unfenced: only then is a metadata request worth its connection.
      return listening === this.nodes.length && ids.every((id) => hasStarted(this.node(id))) && this.isReady(ids);
    };
    try {
      await waitUntil('the Kafka cluster', ready, { timeoutMs: this.options.startupTimeoutMs ?? STARTUP_TIMEOUT_MS, died: failed, intervalMs: 100 });
    } catch (error) {
      const message = (error as Error).message;
      // A broker whose log shows a fatal message may still run: it will not recover, stop it. Healthy ones stay.
      const broken = ids.map((id) => this.node(id)).filter((n) => startFailure(n, this.pidOf(n) !== undefined));
      await Promise.all(broken.map((n) => this.stopNode(n)));
      const logs = ids.map((id) => shortPath(this.node(id).logFile)).join(', ');
      throw new EnvironmentError(message.includes('log') ? message : `${message}: see ${logs}; \`pnpm lab status\` shows what runs`);
    }
  }
}

/**
 * Why a starting broker has failed, or undefined while it may still come up: its process died, or its log
 * holds a known fatal message. Any other ERROR line is not a failure.
 */
export function startFailure(node: Pick<KafkaNode, 'id' | 'logFile'>, alive: boolean): string | undefined {
  const log = fs.existsSync(node.logFile) ? fs.readFileSync(node.logFile, 'utf8') : '';
  const fatal = fatalLogMessage(log);
  if (fatal) return `Kafka broker ${node.id} cannot start: ${fatal.cause} (${fatal.line}): ${fatal.fix}; its log: ${shortPath(node.logFile)}`;
  if (alive) return undefined;
  const error = firstErrorLine(log);
  return `Kafka broker ${node.id} stopped while starting${error ? ` (${error})` : ''}: see its log ${shortPath(node.logFile)}`;
}

/** Whether the broker's log (emptied at each start) says it has started: `KafkaRaftServer` logs it when unfenced. */
function hasStarted(node: KafkaNode): boolean {
  if (!fs.existsSync(node.logFile)) return false;
  // The line comes about 35 KB into the log: the first MB is enough, however long the broker has run since.
  const fd = fs.openSync(node.logFile, 'r');
  try {
    const head = Buffer.alloc(2 ** 20);
    return head.toString('utf8', 0, fs.readSync(fd, head, 0, head.length, 0)).includes('Kafka Server started');
  } finally {
    fs.closeSync(fd);
  }
}

/** A KRaft cluster id: 16 random bytes, base64url (what `kafka-storage.sh random-uuid` prints). */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { ensureCertificates } from '../certificates.js';
import type { Report, SecureEndpoints } from '../backend.js';
import { secureFingerprint, secureLabFiles } from '../secure-lab.js';
import { LocalKafkaCluster, type KafkaNodeStatus } from './kafka-cluster.js';
import { secureNodeProperties } from './kafka-config.js';

/**
 * Workshop 9's secured cluster: 3 KRaft nodes of their own, started from a lab's config/ and ssl/ folders, beside
 * the open lab cluster. A change in those files restarts it with them.
 */
export class LocalSecureCluster {
  constructor(private readonly options: { dir: string; portBase: number }) {}

  /** The cluster as last started (its nodes' ports and processes); its properties only matter when starting. */
  private cluster(labDir = ''): LocalKafkaCluster {
    const files = secureLabFiles(labDir);
    return new LocalKafkaCluster({
      dir: this.options.dir,
      size: 3,
      portBase: this.options.portBase,
      readiness: 'log',
      // Warm, the three nodes start in about 5 s: a cluster not up in 45 s waits on something its files got wrong.
      startupTimeoutMs: 45_000,
      jvmOptions: [`-Djava.security.auth.login.config=${files.jaas}`],
      properties: (node) => secureNodeProperties(node, { keystoreFile: files.certificates.keystoreFile, caFile: files.certificates.caFile }, fs.readFileSync(files.brokerProperties, 'utf8')),
    });
  }

  /** Starts the cluster from `labDir`'s files, or restarts it when they changed since it started. */
  async start(labDir: string, report: Report): Promise<SecureEndpoints> {
    labDir = path.resolve(labDir);
    const files = secureLabFiles(labDir);
    ensureCertificates(files.sslDir);
    const cluster = this.cluster(labDir);
    // The lab's files, and what the tool adds to them (a new version of the tool may change a node's settings). The
    // nodes read their files when they start: the same files in another folder need no restart.
    const node = cluster.nodes[0]!;
    const tls = { keystoreFile: path.basename(files.certificates.keystoreFile), caFile: path.basename(files.certificates.caFile) };
    const fingerprint = secureFingerprint(files, secureNodeProperties({ ...node, logDir: '', voters: [], clusterSize: 3 }, tls, ''));
    const running = cluster.status().filter((s) => s.running).length;
    if (running > 0 && this.startedWith() !== fingerprint) {
      report(`restarting the secured cluster with ${path.relative(process.cwd(), files.configDir)}`);
      await cluster.stop();
    }
    fs.mkdirSync(this.options.dir, { recursive: true });
    fs.writeFileSync(this.fingerprintFile, fingerprint);
    await cluster.start(report);
    return {
      bootstrapServers: cluster.nodes.map((n) => `127.0.0.1:${n.port}`),
      internal: cluster.nodes.map((n) => `127.0.0.1:${n.internalPort}`),
      controllers: cluster.nodes.map((n) => `127.0.0.1:${n.controllerPort}`),
      caFile: files.certificates.caFile,
    };
  }

  stop(): Promise<void> {
    return this.cluster().stop();
  }

  status(): KafkaNodeStatus[] {
    return this.cluster().status();
  }

  removeData(): void {
    this.cluster().removeData();
  }

  private get fingerprintFile(): string {
    return path.join(this.options.dir, 'started-with');
  }

  private startedWith(): string | undefined {
    return fs.existsSync(this.fingerprintFile) ? fs.readFileSync(this.fingerprintFile, 'utf8') : undefined;
  }
}

import path from 'node:path';
import { stateDir } from '../../paths.js';
import type { ServiceName } from '../../course/lab-meta.js';
import type { Backend, Endpoints, Report, ServiceStatus } from '../backend.js';
import { LocalKafkaCluster } from './kafka-cluster.js';
import { LocalPostgres } from './postgres.js';

/** Where the local backend's services listen: `LAB_PORT_BASE` moves them all. */
export function portBase(): number {
  return Number(process.env.LAB_PORT_BASE ?? 19092);
}

export function localKafkaCluster(): LocalKafkaCluster {
  return new LocalKafkaCluster({ dir: path.join(stateDir, 'local', 'kafka'), size: 3, portBase: portBase() });
}

/** PostgreSQL on LAB_PORT_BASE + 340 (19432 by default): never 5432, where the machine's own may run. */
export function localPostgres(): LocalPostgres {
  return new LocalPostgres({ dir: path.join(stateDir, 'local', 'postgres'), port: portBase() + 340 });
}

/** No Docker: real services run as processes on 127.0.0.1, their state under `.state/local`. */
export class LocalBackend implements Backend {
  readonly name = 'local' as const;
  private readonly kafka = localKafkaCluster();
  private readonly postgres = localPostgres();

  async up(services: ServiceName[], report: Report): Promise<Endpoints> {
    const endpoints: Endpoints = {};
    // One after the other: the brokers' JVMs and PostgreSQL starting together only fight for 2 cores.
    if (services.includes('kafka')) {
      await this.kafka.start(report);
      endpoints.kafka = { bootstrapServers: this.kafka.bootstrapServers };
    }
    if (services.includes('postgres')) {
      await this.postgres.start(report);
      endpoints.postgres = { url: this.postgres.url };
    }
    return endpoints;
  }

  async down({ wipe = false } = {}): Promise<void> {
    await Promise.all([this.kafka.stop(), this.postgres.stop()]);
    if (wipe) {
      this.kafka.removeData();
      this.postgres.removeData();
    }
  }

  async status(): Promise<ServiceStatus[]> {
    const brokers = this.kafka.status().map(({ node, running }) => ({
      service: `kafka broker ${node.id}`,
      running,
      address: `127.0.0.1:${node.port}`,
      detail: node.logFile,
    }));
    return [...brokers, { service: 'postgres', running: this.postgres.pid() !== undefined, address: `127.0.0.1:${this.postgres.port}`, detail: this.postgres.logFile }];
  }

  stopBroker(id: number): Promise<void> {
    return this.kafka.stopBroker(id);
  }

  startBroker(id: number): Promise<void> {
    return this.kafka.startBroker(id);
  }
}

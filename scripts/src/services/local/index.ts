import path from 'node:path';
import { stateDir } from '../../paths.js';
import type { ServiceName } from '../../course/lab-meta.js';
import type { Backend, Endpoints, Report, ServiceStatus } from '../backend.js';
import { LocalKafkaCluster } from './kafka-cluster.js';

/** Where the local backend's services listen: `LAB_PORT_BASE` moves them all. */
export function portBase(): number {
  return Number(process.env.LAB_PORT_BASE ?? 19092);
}

export function localKafkaCluster(): LocalKafkaCluster {
  return new LocalKafkaCluster({ dir: path.join(stateDir, 'local', 'kafka'), size: 3, portBase: portBase() });
}

/** No Docker: real services run as processes on 127.0.0.1, their state under `.state/local`. */
export class LocalBackend implements Backend {
  readonly name = 'local' as const;
  private readonly kafka = localKafkaCluster();

  async up(services: ServiceName[], report: Report): Promise<Endpoints> {
    const endpoints: Endpoints = {};
    if (services.includes('kafka')) {
      await this.kafka.start(report);
      endpoints.kafka = { bootstrapServers: this.kafka.bootstrapServers };
    }
    return endpoints;
  }

  async down({ wipe = false } = {}): Promise<void> {
    await this.kafka.stop();
    if (wipe) this.kafka.removeData();
  }

  async status(): Promise<ServiceStatus[]> {
    return this.kafka.status().map(({ node, running }) => ({
      service: `kafka broker ${node.id}`,
      running,
      address: `127.0.0.1:${node.port}`,
      detail: node.logFile,
    }));
  }

  stopBroker(id: number): Promise<void> {
    return this.kafka.stopBroker(id);
  }

  startBroker(id: number): Promise<void> {
    return this.kafka.startBroker(id);
  }
}

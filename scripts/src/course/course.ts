/** The ten workshops of the course, in the order of the workbook. A lab folder is `labs/<NN>-<slug>`. */
export const WORKSHOPS = [
  { number: 1, slug: 'cluster', title: 'The cluster and its tools' },
  { number: 2, slug: 'producer', title: 'The producer API' },
  { number: 3, slug: 'consumer', title: 'The consumer API, into PostgreSQL' },
  { number: 4, slug: 'avro', title: 'Avro and the schema registry' },
  { number: 5, slug: 'connect', title: 'Kafka Connect to Elasticsearch' },
  { number: 6, slug: 'guarantees', title: 'Transactions, exactly-once and retention' },
  { number: 7, slug: 'streams', title: 'Stream processing' },
  { number: 8, slug: 'ksqldb', title: 'SQL on streams: ksqlDB (Flink SQL without Docker)' },
  { number: 9, slug: 'security', title: 'Security: TLS, SASL/PLAIN, ACLs and quotas' },
  { number: 10, slug: 'monitoring', title: 'Monitoring: JMX, Prometheus and Grafana' },
] as const;

export type Workshop = (typeof WORKSHOPS)[number];

/** `3` → `03-consumer`. */
export function folderName(workshop: Workshop): string {
  return `${String(workshop.number).padStart(2, '0')}-${workshop.slug}`;
}

import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/10-monitoring.md';

export default defineLab({
  title: 'Monitoring: JMX, Prometheus and Grafana',
  services: ['kafka', 'prometheus'],
  programs: {
    producer: 'src/producer.ts',
    consumer: 'src/consumer.ts',
  },
  tasks: [
    {
      id: 'producer-metrics',
      title: 'src/metrics.ts: the producer serves on /metrics kafka_producer_record_send_total and kafka_producer_record_error_total by topic, and kafka_producer_send_latency_seconds (a histogram, in seconds, of every send)',
      hints: [
        'An application exposes its own metrics for Prometheus to pull: counters only go up (records sent, failed), histograms count observations into buckets (latency). Prometheus\' base unit of time is the second (the slides: the four metric types).',
        'prom-client: new Counter({ name, help, labelNames: [\'topic\'], registers: [registry] }), new Histogram({ … }) and its startTimer({ topic }); count a record only once the send\'s promise settled. serveMetrics: http.createServer answering /metrics with await registry.metrics() and the Content-Type registry.contentType.',
        'In measureSend: const stop = sendLatency.startTimer({ topic }); try { const result = await send(); recordsSent.inc({ topic }); return result; } catch (error) { recordErrors.inc({ topic }); throw error; } finally { stop(); }',
      ],
      slide,
    },
    {
      id: 'consumer-lag-metric',
      title: 'src/metrics.ts: the consumer serves kafka_consumer_records_lag{topic, partition}, the records of the partition after the last one it consumed (end offset minus committed offset)',
      hints: [
        'A consumer\'s lag is how far it is behind the end of a partition: the records written that it has not consumed yet. A gauge, since it goes up and down (the slides: consumer lag).',
        'The high watermark of a fetched batch (batch.highWatermark) is the offset the next record written will get. After consuming the record at `offset`, the records left are those from offset + 1 up to highWatermark - 1.',
        'recordsLag.set({ topic, partition: String(partition) }, Number(BigInt(highWatermark) - BigInt(offset) - 1n)), with recordsLag a Gauge with labelNames [\'topic\', \'partition\'].',
      ],
      slide,
    },
    {
      id: 'scrape-targets',
      title: 'monitoring/prometheus.yml: Prometheus scrapes every second the 3 brokers\' JMX exporters and the 2 programs (the ${…} targets the tool fills in), and every target is up',
      hints: [
        'Prometheus pulls: every scrape_interval it fetches /metrics from each target of each job of scrape_configs; a target it cannot reach is "down" (up == 0). Each broker runs the JMX exporter, which turns Kafka\'s JMX MBeans into metrics (the slides: from JMX to Prometheus).',
        'global: scrape_interval: 1s and evaluation_interval: 1s; scrape_configs: one job for the brokers, one for the programs, each with static_configs: - targets: [\'${BROKER_0_METRICS}\', …]. Check in Prometheus\' own page: Status → Targets.',
        'scrape_configs: [{ job_name: kafka, static_configs: [{ targets: [\'${BROKER_0_METRICS}\', \'${BROKER_1_METRICS}\', \'${BROKER_2_METRICS}\'] }] }, { job_name: lab-programs, static_configs: [{ targets: [\'${PRODUCER_METRICS}\', \'${CONSUMER_METRICS}\'] }] }] in YAML.',
      ],
      slide,
    },
    {
      id: 'under-replicated-alert',
      title: 'monitoring/alerts.yml: an alert UnderReplicatedPartitions (loaded by prometheus.yml) is inactive while every replica is in sync, fires within seconds (for: at most 5s) when a broker stops, and clears when it is back',
      hints: [
        'An alerting rule is a PromQL condition evaluated every evaluation_interval: while it holds it is pending, and firing once it held for `for` (the slides: alerting on under-replicated partitions). Each broker reports the partitions it leads that lack an in-sync replica.',
        'A file with groups: - name: … rules: - alert: UnderReplicatedPartitions, expr: <the cluster\'s total of kafka_server_replicamanager_underreplicatedpartitions> > 0, for: 2s; and rule_files: [alerts.yml] in prometheus.yml. Try it: `pnpm lab stop-broker 2`, then Alerts in Prometheus\' page.',
        'expr: sum(kafka_server_replicamanager_underreplicatedpartitions) > 0 with for: 2s, labels: { severity: warning }, in a group of alerts.yml; prometheus.yml: rule_files: [alerts.yml].',
      ],
      slide,
    },
    {
      id: 'promql-queries',
      title: 'src/queries.ts: messagesInPerSecond (by topic), underReplicatedPartitions (one number), consumerLag (by topic) and produceLatencyP99 (ms, slowest broker) match what the check writes and what the admin API says',
      hints: [
        'A counter is read through rate(counter[window]): its increase per second over the window. Aggregations (sum by (topic), max) turn the series of every broker into the number asked for (the slides: PromQL). A topic\'s records are counted by the broker that leads each partition.',
        'rate(kafka_server_brokertopicmetrics_messagesin_total{topic!=""}[5s]) summed by topic; sum() of kafka_server_replicamanager_underreplicatedpartitions; sum by (topic) of kafka_consumer_records_lag; max() of kafka_network_requestmetrics_totaltimems for request="Produce" and quantile="0.99". Try them in Prometheus\' Graph page.',
        '\'sum by (topic) (rate(kafka_server_brokertopicmetrics_messagesin_total{topic!=""}[5s]))\', \'sum(kafka_server_replicamanager_underreplicatedpartitions)\', \'sum by (topic) (kafka_consumer_records_lag)\', \'max(kafka_network_requestmetrics_totaltimems{request="Produce", quantile="0.99"})\'.',
      ],
      slide,
    },
    {
      id: 'dashboard',
      title: 'monitoring/grafana/dashboards/kafka.json: every panel queries the provisioned Prometheus data source and shows data',
      hints: [
        'A Grafana panel runs its queries (targets[].expr) against a data source over the dashboard\'s time range. The data source is provisioned from monitoring/grafana/provisioning, so the dashboard refers to it by its uid (the slides: dashboards as code).',
        'Each panel\'s targets[].expr is PromQL, like queries.ts; Grafana fills in $__rate_interval (use it as the window of rate()). Keep "datasource": { "type": "prometheus", "uid": "prometheus" }. With Docker, open http://localhost:3000 to see the panels.',
        'For example the latency panel: histogram_quantile(0.99, sum by (le) (rate(kafka_producer_send_latency_seconds_bucket[$__rate_interval]))); the others are the queries of queries.ts, with $__rate_interval as their window, and the producer\'s sent and failed counters as rates.',
      ],
      slide,
    },
  ],
});

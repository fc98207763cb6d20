// The PromQL queries of the lab, run by the checks against Prometheus (and by the dashboard's panels). Rates
// are over the last 5 s: the lab scrapes every second (a real system scrapes every 15-60 s and uses [1m] or more).

/** Records written per second to each topic (its leaders count them), one series per topic, label topic. */
export const messagesInPerSecond = 'sum by (topic) (rate(kafka_server_brokertopicmetrics_messagesin_total{topic!=""}[5s]))';

/** Partitions of the whole cluster with fewer in-sync replicas than replicas: one number. */
export const underReplicatedPartitions = 'sum(kafka_server_replicamanager_underreplicatedpartitions)';

/** Records not consumed yet, by topic (the consumer's kafka_consumer_records_lag, all partitions): label topic. */
export const consumerLag = 'sum by (topic) (kafka_consumer_records_lag)';

/** The 99th percentile of Produce requests' total time in ms, on the slowest broker: one number. */
export const produceLatencyP99 = 'max(kafka_network_requestmetrics_totaltimems{request="Produce", quantile="0.99"})';

// The PromQL queries of the lab, run by the checks against Prometheus (and by the dashboard's panels). Rates
// are over the last 5 s: the lab scrapes every second (a real system scrapes every 15-60 s and uses [1m] or more).

/** Records written per second to each topic (its leaders count them), one series per topic, label topic. */
export const messagesInPerSecond = ''; // TODO 4

/** Partitions of the whole cluster with fewer in-sync replicas than replicas: one number. */
export const underReplicatedPartitions = ''; // TODO 4

/** Records not consumed yet, by topic (the consumer's kafka_consumer_records_lag, all partitions): label topic. */
export const consumerLag = ''; // TODO 4

/** The 99th percentile of Produce requests' total time in ms, on the slowest broker: one number. */
export const produceLatencyP99 = ''; // TODO 4

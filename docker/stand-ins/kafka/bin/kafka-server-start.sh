#!/usr/bin/env bash
# As Kafka's kafka-server-start.sh: the broker's logging and a 1 GB heap unless KAFKA_HEAP_OPTS says otherwise.
export KAFKA_LOG4J_OPTS="${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:/opt/kafka/config/log4j.properties}"
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"

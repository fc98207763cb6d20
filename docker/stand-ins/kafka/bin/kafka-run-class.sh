#!/usr/bin/env bash
# The stand-in's launcher (ours; Kafka's bin/ is not on Maven Central): the JVM options Kafka's kafka-run-class.sh
# passes — KAFKA_HEAP_OPTS (256 MB for a tool), KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS (the tools' logging
# by default) and KAFKA_OPTS, which is why `docker exec` of a tool inherits the broker's Java agent.
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} ${KAFKA_JVM_PERFORMANCE_OPTS:-} \
  ${KAFKA_LOG4J_OPTS:--Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties} ${KAFKA_OPTS:-} \
  -cp '/opt/kafka/libs/*' "$@"

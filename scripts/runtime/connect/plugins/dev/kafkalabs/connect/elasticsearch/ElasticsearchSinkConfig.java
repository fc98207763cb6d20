package dev.kafkalabs.connect.elasticsearch;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/** The keys of Confluent's Elasticsearch sink that the course uses, with Confluent's defaults. */
class ElasticsearchSinkConfig extends AbstractConfig {
  static final String VERSION = "kafka-labs-1";

  static final ConfigDef CONFIG = new ConfigDef()
      .define("connection.url", Type.LIST, Importance.HIGH, "Elasticsearch's HTTP address(es), e.g. http://localhost:9200.")
      .define("key.ignore", Type.BOOLEAN, false, Importance.HIGH, "Ignore the record key: the document id is topic+partition+offset.")
      .define("schema.ignore", Type.BOOLEAN, false, Importance.LOW, "Ignore the record's schema: the index's own (or dynamic) mapping applies.")
      .define("behavior.on.null.values", Type.STRING, "fail", ValidString.in("ignore", "delete", "fail"), Importance.LOW, "What a record with a null value does.")
      .define("behavior.on.malformed.documents", Type.STRING, "fail", ValidString.in("ignore", "warn", "fail"), Importance.LOW, "What a document Elasticsearch refuses does (sent to the dead letter queue when there is one).")
      .define("batch.size", Type.INT, 2000, Importance.LOW, "Records per bulk request.")
      .define("max.retries", Type.INT, 5, Importance.LOW, "Retries of a bulk request that failed for a transient reason.")
      .define("retry.backoff.ms", Type.LONG, 100L, Importance.LOW, "The first wait before a retry, doubled at each one.")
      .define("connection.timeout.ms", Type.INT, 1000, Importance.LOW, "Connection time-out.")
      .define("read.timeout.ms", Type.INT, 3000, Importance.LOW, "Read time-out of a request.");

  ElasticsearchSinkConfig(Map<String, String> props) {
    super(CONFIG, props);
  }
}

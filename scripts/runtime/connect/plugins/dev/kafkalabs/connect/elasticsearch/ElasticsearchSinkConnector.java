package dev.kafkalabs.connect.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The course's own minimal Elasticsearch sink, for the Docker-free backend only (Confluent's is not served by
 * Maven Central). It accepts the configuration keys of Confluent's connector that the lab uses, with their
 * documented behaviour; with Docker, Confluent's connector runs instead. Connect resolves the alias
 * "ElasticsearchSinkConnector" to whichever of the two is installed.
 */
public class ElasticsearchSinkConnector extends SinkConnector {
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new ElasticsearchSinkConfig(props);
    this.props = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return ElasticsearchSinkTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) configs.add(props);
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return ElasticsearchSinkConfig.CONFIG;
  }

  @Override
  public String version() {
    return ElasticsearchSinkConfig.VERSION;
  }
}

package dev.kafkalabs.connect.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Writes each batch of records with one bulk request per batch.size records, synchronously: when put()
 * returns, every record is in Elasticsearch, so the offsets Connect commits next never skip one.
 */
public class ElasticsearchSinkTask extends SinkTask {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ElasticsearchSinkConfig config;
  private HttpClient http;
  private String url;
  private JsonConverter converter;
  private ErrantRecordReporter reporter;

  @Override
  public String version() {
    return ElasticsearchSinkConfig.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new ElasticsearchSinkConfig(props);
    url = config.getList("connection.url").get(0).replaceAll("/+$", "");
    http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.getInt("connection.timeout.ms"))).build();
    // The document is the record's value as JSON, without the schema envelope (as Confluent's connector writes it).
    converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
    try {
      reporter = context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      reporter = null;
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    List<SinkRecord> batch = new ArrayList<>();
    for (SinkRecord record : records) {
      batch.add(record);
      if (batch.size() >= config.getInt("batch.size")) {
        write(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) write(batch);
  }

  private void write(List<SinkRecord> records) {
    StringBuilder body = new StringBuilder();
    List<SinkRecord> sent = new ArrayList<>();
    for (SinkRecord record : records) {
      String line = action(record);
      if (line == null) continue;
      body.append(line);
      sent.add(record);
    }
    if (sent.isEmpty()) return;
    JsonNode answer = bulk(body.toString());
    if (!answer.path("errors").asBoolean()) return;
    JsonNode items = answer.path("items");
    for (int i = 0; i < sent.size(); i++) {
      JsonNode result = items.get(i).elements().next();
      if (!result.has("error")) continue;
      String reason = "Elasticsearch refused the document of " + describe(sent.get(i)) + ": " + result.get("error");
      malformed(sent.get(i), reason);
    }
  }

  /** The bulk request's lines for one record, or null when the record is skipped. */
  private String action(SinkRecord record) {
    String index = record.topic().toLowerCase(Locale.ROOT);
    String id = documentId(record);
    ObjectNode meta = JSON.createObjectNode();
    if (record.value() == null) {
      switch (config.getString("behavior.on.null.values")) {
        case "ignore":
          return null;
        case "delete":
          meta.putObject("delete").put("_index", index).put("_id", id);
          return meta + "\n";
        default:
          throw new DataException("a record with a null value (" + describe(record) + "), and behavior.on.null.values is fail");
      }
    }
    byte[] document = converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
    meta.putObject("index").put("_index", index).put("_id", id);
    return meta + "\n" + new String(document, StandardCharsets.UTF_8) + "\n";
  }

  private String documentId(SinkRecord record) {
    if (config.getBoolean("key.ignore")) return record.topic() + "+" + record.kafkaPartition() + "+" + record.kafkaOffset();
    if (record.key() == null) throw new DataException("a record without a key (" + describe(record) + "), and key.ignore is false");
    return String.valueOf(record.key());
  }

  private JsonNode bulk(String body) {
    int retries = config.getInt("max.retries");
    long backoff = config.getLong("retry.backoff.ms");
    for (int attempt = 0; ; attempt++) {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/_bulk"))
            .timeout(Duration.ofMillis(config.getInt("read.timeout.ms")))
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) return JSON.readTree(response.body());
        // Too many requests and server errors pass; anything else is the request's own fault.
        if (response.statusCode() != 429 && response.statusCode() < 500) {
          throw new ConnectException("Elasticsearch answered HTTP " + response.statusCode() + " to a bulk request: " + response.body());
        }
        if (attempt >= retries) throw new ConnectException("Elasticsearch answered HTTP " + response.statusCode() + " after " + retries + " retries");
      } catch (IOException e) {
        if (attempt >= retries) throw new ConnectException("Elasticsearch at " + url + " could not be reached after " + retries + " retries", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectException(e);
      }
      try {
        Thread.sleep(backoff << attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectException(e);
      }
    }
  }

  private void malformed(SinkRecord record, String reason) {
    // With a dead letter queue (errors.tolerance=all), Connect's reporter writes the record there.
    if (reporter != null) {
      reporter.report(record, new DataException(reason));
      return;
    }
    switch (config.getString("behavior.on.malformed.documents")) {
      case "ignore":
        return;
      case "warn":
        System.err.println("WARN " + reason);
        return;
      default:
        throw new ConnectException(reason);
    }
  }

  private static String describe(SinkRecord record) {
    return record.topic() + "-" + record.kafkaPartition() + " offset " + record.kafkaOffset();
  }

  @Override
  public void stop() {}
}

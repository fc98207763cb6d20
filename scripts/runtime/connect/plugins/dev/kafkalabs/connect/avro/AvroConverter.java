package dev.kafkalabs.connect.avro;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * The course's own minimal Avro converter, for the Docker-free backend only (Confluent's is not on Maven Central).
 * Like Confluent's AvroConverter, it reads records in the schema registry's wire format (a 0 byte, the schema's id
 * on 4 bytes, the Avro binary), takes each writer schema from `schema.registry.url` (GET /schemas/ids/{id}), and
 * gives Connect a struct. It only reads (sink connectors); records, primitives, enums, arrays, maps and unions with
 * null are supported. Connect resolves the alias "AvroConverter" to whichever of the two is installed.
 */
public class AvroConverter implements Converter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private String registryUrl;
  private final Map<Integer, org.apache.avro.Schema> writerSchemas = new ConcurrentHashMap<>();
  private final Map<org.apache.avro.Schema, Schema> connectSchemas = new ConcurrentHashMap<>();

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object url = configs.get("schema.registry.url");
    if (url == null || url.toString().isBlank()) throw new DataException("AvroConverter needs schema.registry.url: the schema registry's address");
    registryUrl = url.toString().split(",")[0].replaceAll("/+$", "");
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    throw new DataException("the course's AvroConverter only reads records (sink connectors)");
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) return SchemaAndValue.NULL;
    ByteBuffer buffer = ByteBuffer.wrap(value);
    if (buffer.remaining() < 5 || buffer.get() != 0) throw new DataException("a record of " + topic + " is not in the schema registry's Avro format (no magic byte 0)");
    int id = buffer.getInt();
    org.apache.avro.Schema writer = writerSchemas.computeIfAbsent(id, this::fetchSchema);
    Object datum;
    try {
      datum = new GenericDatumReader<Object>(writer).read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
    } catch (IOException | RuntimeException e) {
      throw new DataException("a record of " + topic + " cannot be read with the schema of id " + id, e);
    }
    Schema schema = connectSchemas.computeIfAbsent(writer, AvroConverter::toConnectSchema);
    return new SchemaAndValue(schema, toConnectValue(schema, datum));
  }

  private org.apache.avro.Schema fetchSchema(int id) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(registryUrl + "/schemas/ids/" + id)).timeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) throw new DataException("the schema registry at " + registryUrl + " answered HTTP " + response.statusCode() + " for the schema of id " + id);
      return new org.apache.avro.Schema.Parser().parse(JSON.readTree(response.body()).get("schema").asText());
    } catch (IOException e) {
      throw new DataException("the schema registry at " + registryUrl + " could not be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataException(e);
    }
  }

  static Schema toConnectSchema(org.apache.avro.Schema avro) {
    return toConnectSchema(avro, false);
  }

  private static Schema toConnectSchema(org.apache.avro.Schema avro, boolean optional) {
    SchemaBuilder builder;
    switch (avro.getType()) {
      case RECORD:
        builder = SchemaBuilder.struct().name(avro.getFullName());
        for (org.apache.avro.Schema.Field field : avro.getFields()) builder.field(field.name(), toConnectSchema(field.schema(), false));
        break;
      case UNION: {
        List<org.apache.avro.Schema> types = new ArrayList<>(avro.getTypes());
        boolean nullable = types.removeIf(t -> t.getType() == org.apache.avro.Schema.Type.NULL);
        if (types.size() != 1) throw new DataException("the course's AvroConverter reads unions of null and one type only, not " + avro);
        return toConnectSchema(types.get(0), optional || nullable);
      }
      case STRING: case ENUM: builder = SchemaBuilder.string(); break;
      case INT: builder = SchemaBuilder.int32(); break;
      case LONG: builder = SchemaBuilder.int64(); break;
      case FLOAT: builder = SchemaBuilder.float32(); break;
      case DOUBLE: builder = SchemaBuilder.float64(); break;
      case BOOLEAN: builder = SchemaBuilder.bool(); break;
      case BYTES: case FIXED: builder = SchemaBuilder.bytes(); break;
      case ARRAY: builder = SchemaBuilder.array(toConnectSchema(avro.getElementType(), false)); break;
      case MAP: builder = SchemaBuilder.map(Schema.STRING_SCHEMA, toConnectSchema(avro.getValueType(), false)); break;
      default: throw new DataException("the course's AvroConverter does not read the Avro type " + avro.getType());
    }
    return optional ? builder.optional().build() : builder.build();
  }

  private static Object toConnectValue(Schema schema, Object datum) {
    if (datum == null) return null;
    switch (schema.type()) {
      case STRUCT: {
        GenericRecord record = (GenericRecord) datum;
        Struct struct = new Struct(schema);
        for (org.apache.kafka.connect.data.Field field : schema.fields()) struct.put(field, toConnectValue(field.schema(), record.get(field.name())));
        return struct;
      }
      case STRING: return datum.toString();
      case BYTES:
        if (datum instanceof ByteBuffer) {
          ByteBuffer bytes = ((ByteBuffer) datum).duplicate();
          byte[] copy = new byte[bytes.remaining()];
          bytes.get(copy);
          return copy;
        }
        return ((GenericData.Fixed) datum).bytes();
      case ARRAY: {
        List<Object> list = new ArrayList<>();
        for (Object element : (List<?>) datum) list.add(toConnectValue(schema.valueSchema(), element));
        return list;
      }
      case MAP: {
        Map<String, Object> map = new HashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) map.put(entry.getKey().toString(), toConnectValue(schema.valueSchema(), entry.getValue()));
        return map;
      }
      default: return datum;
    }
  }
}

import { defineLab } from '@kafka-labs/tool/lab';

const slide = 'slides/decks/08-ksqldb.md';

export default defineLab({
  title: 'SQL on streams: ksqlDB (Flink SQL without Docker)',
  services: ['kafka', 'sql'],
  programs: {
    sql: 'src/sql.ts',
  },
  reset: { topics: ['locations', 'currentLocation', 'ridersNearMountainView'] },
  tasks: [
    {
      id: 'rider-locations',
      title: 'riderLocations: a stream over the topic locations (JSON values profileId, latitude, longitude), and the workbook\'s six INSERTs written to it',
      hints: [
        'A stream is a topic seen as an unbounded sequence of rows with a schema: the engine reads and writes the topic\'s JSON values with the columns you declare (the slides: a stream over a topic).',
        'ksqlDB: CREATE STREAM riderLocations (…) WITH (kafka_topic=\'locations\', value_format=\'json\', partitions=1), then INSERT INTO riderLocations (…) VALUES (…). Flink: CREATE TABLE riderLocations (…) WITH (\'connector\' = \'kafka\', \'topic\' = \'locations\', \'format\' = \'json\', …), then INSERT INTO riderLocations VALUES (…), (…).',
        'The columns are profileId (VARCHAR / STRING), latitude and longitude (DOUBLE); Flink also needs \'properties.bootstrap.servers\' = \'${KAFKA_BOOTSTRAP_SERVERS}\' and \'scan.startup.mode\' = \'earliest-offset\'. The six rows are the workbook\'s (8.1).',
      ],
      slide,
    },
    {
      id: 'current-location',
      title: 'currentLocation: a table of the latest location (la, lo) of each rider, on the topic currentLocation, kept up to date as riders move',
      hints: [
        'A table keeps one row per key: an aggregation GROUP BY profileId turns the stream of locations into the latest location of each rider, and its topic holds every change (the slides: a table from a stream).',
        'ksqlDB: CREATE TABLE currentLocation WITH (kafka_topic=\'currentLocation\', value_format=\'json\') AS SELECT profileId, LATEST_BY_OFFSET(latitude) AS la, … GROUP BY profileId EMIT CHANGES. Flink: an \'upsert-kafka\' table with PRIMARY KEY (profileId) NOT ENFORCED, filled by INSERT INTO … SELECT … LAST_VALUE(latitude) AS la … GROUP BY profileId.',
        'Flink: CREATE TABLE currentLocation (profileId STRING, la DOUBLE, lo DOUBLE, PRIMARY KEY (profileId) NOT ENFORCED) WITH (\'connector\' = \'upsert-kafka\', \'topic\' = \'currentLocation\', \'properties.bootstrap.servers\' = …, \'key.format\' = \'json\', \'value.format\' = \'json\'); INSERT INTO currentLocation SELECT profileId, LAST_VALUE(latitude), LAST_VALUE(longitude) FROM riderLocations GROUP BY profileId.',
      ],
      slide,
    },
    {
      id: 'riders-near-mountain-view',
      title: 'ridersNearMountainView: the riders (list and count) by distance to Mountain View rounded to tens of km, on the topic ridersNearMountainView; a rider who moves leaves the old distance',
      hints: [
        'Aggregating a table (not a stream) counts each rider once, at their latest location: when a rider moves, the engine retracts them from their old group and adds them to the new one (the slides: aggregating a table).',
        'GROUP BY ROUND(GEO_DISTANCE(la, lo, 37.4133, -122.1162), -1) with COLLECT_LIST(profileId) and COUNT(*) (ksqlDB). Flink has no GEO_DISTANCE (the README gives the expression) and calls COLLECT_LIST ARRAY_AGG; its table is upsert-kafka with PRIMARY KEY (distanceInMiles).',
        'ksqlDB: CREATE TABLE ridersNearMountainView WITH (kafka_topic=\'ridersNearMountainView\', value_format=\'json\') AS SELECT ROUND(GEO_DISTANCE(…), -1) AS distanceInMiles, COLLECT_LIST(profileId) AS riders, COUNT(*) AS count FROM currentLocation GROUP BY ROUND(GEO_DISTANCE(…), -1). Flink: the same SELECT in an INSERT INTO the upsert-kafka table (columns distanceInMiles DOUBLE, riders ARRAY<STRING>, `count` BIGINT).',
      ],
      slide,
    },
    {
      id: 'push-query',
      title: 'The push query (marked "-- push query"): every location within 5 km of Mountain View, emitted as it arrives, and no other',
      hints: [
        'A push query never ends: it emits a row each time a new record matches, until the client stops it (the slides: push and pull queries).',
        'SELECT * FROM riderLocations WHERE <distance to 37.4133, -122.1162> <= 5 — with EMIT CHANGES in ksqlDB; in Flink every query on an unbounded table is continuous.',
        'ksqlDB: SELECT * FROM riderLocations WHERE GEO_DISTANCE(latitude, longitude, 37.4133, -122.1162) <= 5 EMIT CHANGES; Flink: the README\'s distance expression on latitude and longitude. Put the line "-- push query" just above it.',
      ],
      slide,
    },
    {
      id: 'pull-query',
      title: 'The pull query (marked "-- pull query"): the distances up to 10 km of ridersNearMountainView as they are now, and it ends',
      hints: [
        'A pull query asks a table for its current state, like a database query, and ends. ksqlDB answers it from its table\'s state store; Flink has no pull query, and the closest is a bounded read of the table\'s topic (the README says why).',
        'ksqlDB: SELECT * FROM ridersNearMountainView WHERE distanceInMiles <= 10 (no EMIT CHANGES). Flink: the same, reading the topic only up to its current end with the hint /*+ OPTIONS(\'scan.bounded.mode\' = \'latest-offset\') */.',
        'Flink: SELECT * FROM ridersNearMountainView /*+ OPTIONS(\'scan.bounded.mode\' = \'latest-offset\') */ WHERE distanceInMiles <= 10. Put the line "-- pull query" just above it.',
      ],
      slide,
    },
  ],
});

-- Workshop 8 on Flink SQL (the local backend: ksqlDB cannot run without Docker). The same exercise as
-- ksqldb.sql; your statements, run in order by `pnpm lab 8 run sql` and by the checks, each ending with `;`.
-- Mark the two queries with a comment line just above each: `-- push query` and `-- pull query`.
-- The tool fills in ${KAFKA_BOOTSTRAP_SERVERS}. The README says what differs from ksqlDB.

-- TODO 8.1: riderLocations, a table over the topic `locations` ('connector' = 'kafka', JSON), read from the
-- beginning (in Flink every stream is a dynamic table).

-- TODO: currentLocation, an 'upsert-kafka' table on the topic `currentLocation` (primary key profileId), and
-- the INSERT … SELECT that keeps it up to date.

-- TODO: ridersNearMountainView, an 'upsert-kafka' table on the topic `ridersNearMountainView` (primary key
-- distanceInMiles), and its INSERT … SELECT.

-- TODO: the push query (-- push query): the locations within 5 km of Mountain View, as they arrive.

-- TODO: the workbook's six inserts (one INSERT … VALUES can take the six rows).

-- TODO: the pull query (-- pull query): a bounded read of ridersNearMountainView up to 10 km.

-- Workshop 8 on Flink SQL (the local backend: ksqlDB cannot run without Docker). The same exercise as
-- ksqldb.sql, run in order by `pnpm lab 8 run sql` and by the checks; the two queries are marked by the comment
-- line just above them. The tool fills in ${KAFKA_BOOTSTRAP_SERVERS}.

-- 8.1 The stream of locations: in Flink every stream is a dynamic table; this one reads the topic `locations`
-- (JSON values) from its beginning.
CREATE TABLE riderLocations (
  profileId STRING,
  latitude DOUBLE,
  longitude DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'locations',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP_SERVERS}',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

-- The latest location of each rider: an upsert table on the topic `currentLocation` (key: profileId), kept up
-- to date by a continuous INSERT (ksqlDB's CREATE TABLE … AS does both at once; LAST_VALUE is LATEST_BY_OFFSET).
CREATE TABLE currentLocation (
  profileId STRING,
  la DOUBLE,
  lo DOUBLE,
  PRIMARY KEY (profileId) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'currentLocation',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP_SERVERS}',
  'key.format' = 'json',
  'value.format' = 'json'
);

INSERT INTO currentLocation
SELECT profileId, LAST_VALUE(latitude) AS la, LAST_VALUE(longitude) AS lo
FROM riderLocations
GROUP BY profileId;

-- The riders by distance to Mountain View, rounded to tens of km. Flink has no GEO_DISTANCE: the expression is
-- ksqlDB's (the haversine formula, the Earth's radius 6371 km). ARRAY_AGG is COLLECT_LIST.
CREATE TABLE ridersNearMountainView (
  distanceInMiles DOUBLE,
  riders ARRAY<STRING>,
  `count` BIGINT,
  PRIMARY KEY (distanceInMiles) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'ridersNearMountainView',
  'properties.bootstrap.servers' = '${KAFKA_BOOTSTRAP_SERVERS}',
  'key.format' = 'json',
  'value.format' = 'json'
);

INSERT INTO ridersNearMountainView
SELECT ROUND(6371 * 2 * ASIN(SQRT(POWER(SIN(RADIANS(la - 37.4133) / 2), 2) + COS(RADIANS(37.4133)) * COS(RADIANS(la)) * POWER(SIN(RADIANS(lo + 122.1162) / 2), 2))), -1) AS distanceInMiles,
       ARRAY_AGG(profileId) AS riders,
       COUNT(*) AS `count`
FROM currentLocation
GROUP BY ROUND(6371 * 2 * ASIN(SQRT(POWER(SIN(RADIANS(la - 37.4133) / 2), 2) + COS(RADIANS(37.4133)) * COS(RADIANS(la)) * POWER(SIN(RADIANS(lo + 122.1162) / 2), 2))), -1);

-- push query
SELECT * FROM riderLocations
WHERE 6371 * 2 * ASIN(SQRT(POWER(SIN(RADIANS(latitude - 37.4133) / 2), 2) + COS(RADIANS(37.4133)) * COS(RADIANS(latitude)) * POWER(SIN(RADIANS(longitude + 122.1162) / 2), 2))) <= 5;

-- The workbook's six inserts; Flink runs each INSERT as a job, so one statement takes the six rows.
INSERT INTO riderLocations VALUES
  ('c2309eec', 37.7877, -122.4205),
  ('18f4ea86', 37.3903, -122.0643),
  ('4ab5cbad', 37.3952, -122.0813),
  ('8b6eae59', 37.3944, -122.0813),
  ('4a7c7b41', 37.4049, -122.0822),
  ('4ddad000', 37.7857, -122.4011);

-- pull query
-- Flink has no pull query: the closest is a bounded read of the table's topic up to its current end, whose
-- changes leave the table as it is now.
SELECT * FROM ridersNearMountainView /*+ OPTIONS('scan.bounded.mode' = 'latest-offset') */
WHERE distanceInMiles <= 10;

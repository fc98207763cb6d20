-- Workshop 8 on ksqlDB (the docker backend): the workbook's statements, run in order by `pnpm lab 8 run sql`
-- and by the checks. The two queries are marked by the comment line just above them.

-- 8.1 A stream over the topic `locations` (JSON values).
CREATE STREAM riderLocations (profileId VARCHAR, latitude DOUBLE, longitude DOUBLE)
  WITH (kafka_topic='locations', value_format='json', partitions=1);

-- The latest location of each rider: a table, written to the topic `currentLocation`.
CREATE TABLE currentLocation WITH (kafka_topic='currentLocation', value_format='json') AS
  SELECT profileId,
         LATEST_BY_OFFSET(latitude) AS la,
         LATEST_BY_OFFSET(longitude) AS lo
  FROM riderLocations
  GROUP BY profileId
  EMIT CHANGES;

-- The riders by distance to Mountain View (rounded to tens of km), written to the topic `ridersNearMountainView`.
CREATE TABLE ridersNearMountainView WITH (kafka_topic='ridersNearMountainView', value_format='json') AS
  SELECT ROUND(GEO_DISTANCE(la, lo, 37.4133, -122.1162), -1) AS distanceInMiles,
         COLLECT_LIST(profileId) AS riders,
         COUNT(*) AS count
  FROM currentLocation
  GROUP BY ROUND(GEO_DISTANCE(la, lo, 37.4133, -122.1162), -1);

-- push query
SELECT * FROM riderLocations
  WHERE GEO_DISTANCE(latitude, longitude, 37.4133, -122.1162) <= 5 EMIT CHANGES;

INSERT INTO riderLocations (profileId, latitude, longitude) VALUES ('c2309eec', 37.7877, -122.4205);
INSERT INTO riderLocations (profileId, latitude, longitude) VALUES ('18f4ea86', 37.3903, -122.0643);
INSERT INTO riderLocations (profileId, latitude, longitude) VALUES ('4ab5cbad', 37.3952, -122.0813);
INSERT INTO riderLocations (profileId, latitude, longitude) VALUES ('8b6eae59', 37.3944, -122.0813);
INSERT INTO riderLocations (profileId, latitude, longitude) VALUES ('4a7c7b41', 37.4049, -122.0822);
INSERT INTO riderLocations (profileId, latitude, longitude) VALUES ('4ddad000', 37.7857, -122.4011);

-- pull query
SELECT * FROM ridersNearMountainView WHERE distanceInMiles <= 10;

-- Workshop 8 on ksqlDB (the docker backend). Your statements, run in order by `pnpm lab 8 run sql` and by the
-- checks, each ending with `;`. Mark the two queries with a comment line just above each: `-- push query` and
-- `-- pull query`. The README gives the workbook's statements (8.1) and what each must do.

-- TODO 8.1: the stream riderLocations over the topic `locations` (JSON values: profileId, latitude, longitude).

-- TODO: the table currentLocation (the latest la, lo of each rider), on the topic `currentLocation`.

-- TODO: the table ridersNearMountainView (riders and their count by distance to Mountain View, rounded to tens
-- of km), on the topic `ridersNearMountainView`.

-- TODO: the push query (-- push query): the locations within 5 km of Mountain View, as they arrive.

-- TODO: the workbook's six INSERTs.

-- TODO: the pull query (-- pull query): the rows of ridersNearMountainView up to 10 km.

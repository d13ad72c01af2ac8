-- The other titles a movie is known by in the regions an operator imported (IMDb's title.akas, `import-imdb
-- --akas FILE --akas-regions PL,US`): search finds a movie by any of them. One row per distinct title of a
-- region; a movie's primary and original titles are not repeated here. Region is IMDb's code (PL, US, ...).
-- The region index serves the re-import, which replaces the titles of the regions it was given.
CREATE TABLE movie_aka (
  tconst text NOT NULL REFERENCES movie (tconst) ON DELETE CASCADE,
  region text NOT NULL,
  title text NOT NULL,
  PRIMARY KEY (tconst, region, title)
);
CREATE INDEX movie_aka_region_idx ON movie_aka (region);

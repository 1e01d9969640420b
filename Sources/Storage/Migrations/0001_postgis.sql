-- Enables PostGIS; every later migration may use geometry types.
CREATE EXTENSION IF NOT EXISTS postgis;

import Foundation
import GeoKit

extension PostgresParameter {
    /// A geometry as PostGIS EWKB in a `bytea` parameter (SRID, Z and M included): write
    /// `$1::geometry` (or `ST_GeomFromEWKB($1)`) in SQL.
    public static func geometry(_ value: some GeometryConvertible) -> PostgresParameter {
        .bytea(Data(value.ewkb))
    }
}

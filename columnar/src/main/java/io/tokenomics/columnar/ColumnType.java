package io.tokenomics.columnar;

import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** The physical types a dataset column can have; each maps to one Arrow vector class. */
public enum ColumnType {
    STRING(ArrowType.Utf8.INSTANCE),
    INT64(new ArrowType.Int(64, true)),
    FLOAT64(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
    BOOL(ArrowType.Bool.INSTANCE),
    /** Days since the epoch: DuckDB reads it as DATE. */
    DATE(new ArrowType.Date(DateUnit.DAY)),
    /** Microseconds since the epoch, UTC: DuckDB reads it as TIMESTAMPTZ. */
    TIMESTAMP(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));

    private final ArrowType arrowType;

    ColumnType(ArrowType arrowType) {
        this.arrowType = arrowType;
    }

    public ArrowType arrowType() {
        return arrowType;
    }
}

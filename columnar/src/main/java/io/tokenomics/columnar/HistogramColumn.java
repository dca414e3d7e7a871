package io.tokenomics.columnar;

/**
 * Columns of {@code token_histograms}: per (UTC day, model, token class, log2 bucket), how many requests had that
 * many tokens of the class and how many tokens they were. Bucket 0 holds zero; bucket b holds values in
 * {@code [2^(b-1), 2^b)}. Counts add up across days, models and merged datasets.
 */
public enum HistogramColumn implements Column {
    DAY(ColumnType.DATE),
    MODEL(ColumnType.STRING),
    TOKEN_CLASS(ColumnType.STRING),
    BUCKET(ColumnType.INT64),
    BUCKET_MIN(ColumnType.INT64),
    REQUESTS(ColumnType.INT64),
    TOKENS(ColumnType.INT64),
    HOST(ColumnType.STRING),
    USER(ColumnType.STRING);

    private final ColumnType type;

    HistogramColumn(ColumnType type) {
        this.type = type;
    }

    @Override
    public ColumnType type() {
        return type;
    }
}

package io.tokenomics.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** Spark in local mode for the tests: two cores, no UI, times in UTC, on the loopback address only. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start(Path temp) {
        return SparkSession.builder().master("local[2]").appName("tokenomics-test")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.warehouse.dir", temp.resolve("warehouse").toUri().toString()).getOrCreate();
    }
}

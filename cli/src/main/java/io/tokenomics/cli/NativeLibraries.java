package io.tokenomics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Points Arrow's C data interface, sqlite-jdbc and zstd-jni at their native libraries, unpacked beside the jar when
 * it is built (cli/pom.xml, "jni-natives-beside-jar"). Left to themselves, each copies its library into the system
 * temporary folder at every start: that fails where the folder is mounted {@code noexec}, and a killed run leaves the
 * copy behind. Where the copies are not there (a jar run from elsewhere), nothing is set and each does as it would.
 */
final class NativeLibraries {
    private NativeLibraries() {
    }

    /** Sets the libraries' properties, unless given on the command line; before any of them loads. */
    static void useTheOnesBesideTheJar() {
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return;
        }
        Path folder = jar.resolveSibling("native");
        if (!Files.isDirectory(folder)) {
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean mac = os.contains("mac") || os.contains("darwin");
        String extension = mac ? ".dylib" : ".so";
        String arch = System.getProperty("os.arch", "");
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        if (!arm && !x64) {
            return;
        }
        Path arrow = folder.resolve("arrow_cdata_jni").resolve(arm ? "aarch_64" : "x86_64");
        if (System.getProperty("arrow.cdata.library.path") == null
                && Files.isRegularFile(arrow.resolve("libarrow_cdata_jni" + extension))) {
            System.setProperty("arrow.cdata.library.path", arrow.toString());
        }
        Path sqlite = folder.resolve("org/sqlite/native").resolve(mac ? "Mac" : "Linux")
                .resolve(arm ? "aarch64" : "x86_64");
        String sqliteName = "libsqlitejdbc" + extension;
        if (System.getProperty("org.sqlite.lib.path") == null && Files.isRegularFile(sqlite.resolve(sqliteName))) {
            System.setProperty("org.sqlite.lib.path", sqlite.toString());
            System.setProperty("org.sqlite.lib.name", sqliteName);
            // Its loader first clears its old copies out of its temporary folder: this one, which holds none.
            System.setProperty("org.sqlite.tmpdir", sqlite.toString());
        }
        Path zstd = folder.resolve(mac ? "darwin" : "linux").resolve(arm ? "aarch64" : mac ? "x86_64" : "amd64");
        if (System.getProperty("ZstdNativePath") == null && Files.isDirectory(zstd)) {
            try (var libraries = Files.newDirectoryStream(zstd, "libzstd-jni-*" + extension)) {
                for (Path library : libraries) {
                    System.setProperty("ZstdNativePath", library.toString());
                }
            } catch (java.io.IOException e) {
                // Unreadable: zstd-jni copies its own library, as without this folder.
            }
        }
    }
}

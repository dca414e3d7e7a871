package io.tokenomics.lake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which machine publishes under a host name: {@code LAKE/hosts/HOST.publisher} holds the publisher id of the first
 * dataset that published under that name. A second machine that claims the name is refused, since its rows would
 * mix with the first one's in every figure per host or per user.
 */
final class HostClaims {
    private HostClaims() {
    }

    /** Claims {@code host} for {@code publisher}, or fails with a message when another publisher holds it. */
    static void claim(Path lake, String host, String publisher) throws IOException {
        Path folder = lake.resolve(LakeLayout.HOSTS);
        Files.createDirectories(folder);
        Path claim = folder.resolve(encode(host) + LakeLayout.CLAIM_SUFFIX);
        if (!Files.exists(claim)) {
            Path temporary = folder.resolve("." + encode(host) + "-" + publisher + ".tmp");
            Files.writeString(temporary, publisher + "\n", StandardCharsets.UTF_8);
            try {
                // A link is made only where no file is: of two machines claiming at once, one wins.
                Files.createLink(claim, temporary);
            } catch (FileAlreadyExistsException e) {
                // Another machine claimed the name first: its claim is read below.
            } catch (UnsupportedOperationException | IOException e) {
                // Folders that take no hard links (some network mounts and synced folders): a move, which does
                // not replace a claim already there.
                if (!Files.exists(claim)) {
                    Files.move(temporary, claim);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        String holder = Files.readString(claim, StandardCharsets.UTF_8).strip();
        if (!holder.equals(publisher)) {
            throw new LakeException("the host name " + host + " is already published into " + lake + " by another "
                    + "machine (publisher " + holder + "; this dataset is publisher " + publisher + "). Two machines "
                    + "under one name would mix their figures: ingest this machine's transcripts with another "
                    + "--host and publish again; or, if this is the same machine with a new dataset, remove " + claim);
        }
    }

    /** A host name as a file name: bytes other than letters, digits, dot, dash and underscore as %XX. */
    static String encode(String host) {
        StringBuilder s = new StringBuilder();
        for (byte b : host.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
                s.append(c);
            } else {
                s.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return s.toString();
    }

    /** Decodes %XX escapes, as in Hive partition folders; other characters are kept. */
    static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length() && Character.digit(encoded.charAt(i + 1), 16) >= 0
                    && Character.digit(encoded.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

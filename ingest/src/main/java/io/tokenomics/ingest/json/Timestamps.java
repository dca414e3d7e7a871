package io.tokenomics.ingest.json;

import io.tokenomics.ingest.bytes.NativeMemory;

/**
 * Reads ISO-8601 timestamps in place into microseconds since the epoch, UTC:
 * {@code YYYY-MM-DD[T ]hh:mm[:ss[.fraction]][Z|+hh:mm|+hhmm|-hh:mm]}, no zone meaning UTC. Both tools write
 * {@code 2026-03-02T09:00:02.000Z}; the rest is leniency for hand-made and exported files (docs/formats.md,
 * "Timestamps").
 */
public final class Timestamps {
    /** Returned when the text is not a timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private Timestamps() {
    }

    /** The earliest time a line may carry: 2015-01-01, before any coding agent wrote a log. */
    public static final long EARLIEST = daysFromCivil(2015, 1, 1) * 86_400_000_000L;
    /** The first time a line may not carry: 2100-01-01; beyond it, reports would make a row per day up to it. */
    public static final long LATEST = daysFromCivil(2100, 1, 1) * 86_400_000_000L;

    /**
     * The time of a line: the fast parse, else the lenient one; {@link #INVALID} when it has none, or one outside
     * {@link #EARLIEST} to {@link #LATEST}.
     */
    public static long parseLenient(StringView timestamp) {
        long ts = parseMicros(timestamp);
        if (ts == INVALID && timestamp.present && !timestamp.escaped) {
            ts = parseMicrosSlow(timestamp.toString());
        }
        return inWindow(ts);
    }

    /** {@link #parseLenient(StringView)} of a timestamp already a {@code String} (the small JSON formats). */
    public static long parseLenient(String timestamp) {
        return inWindow(parseMicrosSlow(timestamp));
    }

    private static long inWindow(long ts) {
        return ts >= EARLIEST && ts < LATEST ? ts : INVALID;
    }

    static long parseMicros(StringView view) {
        if (!view.present || view.escaped) {
            return INVALID;
        }
        return parseMicros(view.address, view.length);
    }

    static long parseMicros(long a, int length) {
        if (length < 16) {
            return INVALID;
        }
        int year = digits(a, 4);
        int month = digits(a + 5, 2);
        int day = digits(a + 8, 2);
        int hour = digits(a + 11, 2);
        int minute = digits(a + 14, 2);
        byte sep = NativeMemory.getByte(a + 10);
        if ((year | month | day | hour | minute) < 0 || NativeMemory.getByte(a + 4) != '-'
                || NativeMemory.getByte(a + 7) != '-' || (sep != 'T' && sep != 't' && sep != ' ')
                || NativeMemory.getByte(a + 13) != ':' || month < 1 || month > 12 || day < 1
                || day > daysInMonth(year, month) || hour > 23 || minute > 59) {
            return INVALID;
        }
        int i = 16;
        int second = 0;
        if (i < length && NativeMemory.getByte(a + i) == ':') {
            second = i + 3 <= length ? digits(a + i + 1, 2) : -1;
            if (second < 0 || second > 60) {
                return INVALID;
            }
            i += 3;
        }
        long micros = 0;
        if (i < length && (NativeMemory.getByte(a + i) == '.' || NativeMemory.getByte(a + i) == ',')) {
            i++;
            int fractionDigits = 0;
            while (i < length) {
                int d = NativeMemory.getByte(a + i) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (fractionDigits < 6) {
                    micros = micros * 10 + d;
                }
                fractionDigits++;
                i++;
            }
            if (fractionDigits == 0) {
                return INVALID;
            }
            for (int f = fractionDigits; f < 6; f++) {
                micros *= 10;
            }
        }
        long offsetSeconds = 0;
        if (i < length) {
            byte zone = NativeMemory.getByte(a + i);
            if ((zone == 'Z' || zone == 'z') && i + 1 == length) {
                i++;
            } else if (zone == '+' || zone == '-') {
                int zoneHours = i + 3 <= length ? digits(a + i + 1, 2) : -1;
                int j = i + 3;
                if (j < length && NativeMemory.getByte(a + j) == ':') {
                    j++;
                }
                int zoneMinutes = j + 2 <= length ? digits(a + j, 2) : (j == length ? 0 : -1);
                if (zoneHours < 0 || zoneMinutes < 0 || zoneHours > 18 || zoneMinutes > 59) {
                    return INVALID;
                }
                offsetSeconds = (zoneHours * 3600L + zoneMinutes * 60L) * (zone == '-' ? -1 : 1);
                i = Math.min(length, j + 2);
            } else {
                return INVALID;
            }
        }
        if (i != length) {
            return INVALID;
        }
        long days = daysFromCivil(year, month, day);
        long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1_000_000L + micros;
    }

    /**
     * The lenient slow path for text the fast path refused: whatever {@code java.time} reads as an instant, an offset
     * date-time or a local date-time (taken as UTC). Allocates; runs only for odd timestamps.
     */
    static long parseMicrosSlow(String text) {
        String trimmed = text.trim();
        try {
            return toMicrosOrInvalid(java.time.OffsetDateTime.parse(trimmed).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            // not an offset date-time; try the next form
        }
        try {
            return toMicrosOrInvalid(java.time.Instant.parse(trimmed));
        } catch (java.time.format.DateTimeParseException e) {
            // not an instant either
        }
        try {
            return toMicrosOrInvalid(java.time.LocalDateTime.parse(trimmed).toInstant(java.time.ZoneOffset.UTC));
        } catch (java.time.format.DateTimeParseException e) {
            return INVALID;
        }
    }

    private static long toMicrosOrInvalid(java.time.Instant instant) {
        try {
            return toMicros(instant);
        } catch (ArithmeticException e) {
            return INVALID;
        }
    }

    private static long toMicros(java.time.Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date: the public-domain algorithm of Howard Hinnant,
     * "chrono-Compatible Low-Level Date Algorithms".
     */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int digits(long address, int n) {
        int value = 0;
        for (int i = 0; i < n; i++) {
            int d = NativeMemory.getByte(address + i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}

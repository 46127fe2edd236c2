package org.certbound.server.settings;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats Elasticsearch byte sizes such as {@code 512kb} or {@code 100mb} (powers of 1024). */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb|tb|pb)");

    private ByteSizes() {}

    /**
     * Parses {@code text} into bytes. A unit is required except for {@code 0}.
     *
     * @throws IllegalArgumentException when the unit is missing or unknown or the value overflows
     */
    public static long parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("0")) {
            return 0;
        }
        Matcher matcher = SIZE.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("missing or unknown size unit");
        }
        int power = switch (matcher.group(2)) {
            case "b" -> 0;
            case "kb" -> 1;
            case "mb" -> 2;
            case "gb" -> 3;
            case "tb" -> 4;
            default -> 5;
        };
        BigDecimal bytes = new BigDecimal(matcher.group(1))
                .multiply(BigDecimal.valueOf(1024).pow(power));
        try {
            return bytes.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the size is too large", e);
        }
    }

    /** Formats {@code bytes} in the largest unit that represents it exactly. */
    public static String format(long bytes) {
        String[] units = {"b", "kb", "mb", "gb", "tb", "pb"};
        long value = bytes;
        int unit = 0;
        while (unit < units.length - 1 && value != 0 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}

package io.jvicorn.cli;

import io.jvicorn.asgi.Header;
import io.jvicorn.server.Carriers;
import io.jvicorn.server.HttpProtocols;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.TlsConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option value converters. Each rejects a bad value with a short reason; picocli prefixes it with
 * {@code Invalid value for option '--name':}.
 */
final class Converters {
    private Converters() {
    }

    /** An int in a range. */
    abstract static class IntBetween implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        IntBetween(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String value) {
            int parsed = parseInt(value);
            if (parsed < min) {
                throw new TypeConversionException("'" + value + "' must be at least " + min);
            }
            if (parsed > max) {
                throw new TypeConversionException("'" + value + "' must be at most " + max);
            }
            return parsed;
        }
    }

    /** An int of at least a minimum. */
    abstract static class IntAtLeast extends IntBetween {
        IntAtLeast(int min) {
            super(min, Integer.MAX_VALUE);
        }
    }

    /** 1 or more. */
    static final class PositiveInt extends IntAtLeast {
        PositiveInt() {
            super(1);
        }
    }

    /** 0 or more. */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int parsed = parseInt(value);
            if (parsed < 0) {
                throw new TypeConversionException("'" + value + "' must not be negative");
            }
            return parsed;
        }
    }

    /** {@code --ssl-cert-reqs}: Python's {@code ssl.CERT_NONE}, {@code CERT_OPTIONAL}, {@code CERT_REQUIRED}. */
    static final class CertReqs implements ITypeConverter<TlsConfig.ClientAuth> {
        @Override
        public TlsConfig.ClientAuth convert(String value) {
            try {
                return TlsConfig.ClientAuth.fromCertReqs(parseInt(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not 0 (none), 1 (optional) or 2 (required)");
            }
        }
    }

    /** {@code --ssl-version}: Python's {@code ssl.PROTOCOL_*} numbers that a server can use, or JSSE names. */
    static final class SslVersions implements ITypeConverter<TlsConfig.Protocols> {
        @Override
        public TlsConfig.Protocols convert(String value) {
            try {
                return TlsConfig.Protocols.fromSslVersion(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A file that exists and is readable, as Click's {@code Path(exists=True)}. */
    static final class ExistingFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path path;
            try {
                path = Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + value + "' is not a valid path");
            }
            if (!Files.exists(path)) {
                throw new TypeConversionException("file '" + value + "' does not exist");
            }
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new TypeConversionException("'" + value + "' is not a readable file");
            }
            return path;
        }
    }

    /** {@code --forwarded-allow-ips}: checked now so that a bad entry is a usage error; kept as text. */
    static final class ForwardedAllowIps implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                ServerConfig.checkForwardedAllowIps(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return value;
        }
    }

    /** {@code --access-log-format}: checked now; kept as text. */
    static final class AccessLogFormats implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                ServerConfig.checkAccessLogFormat(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            return value;
        }
    }

    /** A request-line or header-section limit: at least 16 bytes, so that a request line can fit. */
    static final class SizeLimit extends IntAtLeast {
        SizeLimit() {
            super(16);
        }
    }

    /** A TCP port, 0 to 65535 (0 picks a free one). */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = parseInt(value);
            if (port < 0 || port > 65535) {
                throw new TypeConversionException("'" + value + "' is not a port (0..65535)");
            }
            return port;
        }
    }

    /** A byte count of 0 or more. */
    static final class NonNegativeLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long parsed;
            try {
                parsed = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (parsed < 0) {
                throw new TypeConversionException("'" + value + "' must not be negative");
            }
            return parsed;
        }
    }

    /** Seconds, whole or decimal, 0 or more. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return seconds(value);
        }
    }

    /** Seconds where 0 means "off" (null), as for the WebSocket ping settings. */
    static final class SecondsOrOff implements ITypeConverter<@Nullable Duration> {
        @Override
        public @Nullable Duration convert(String value) {
            Duration duration = seconds(value);
            return duration.isZero() ? null : duration;
        }
    }

    /** {@code critical|error|warning|info|debug|trace}, any case. */
    static final class LogLevels implements ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            try {
                return LogLevel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --reload-mode}: {@code process} or {@code in-process}. */
    static final class ReloadModes implements ITypeConverter<ReloadMode> {
        @Override
        public ReloadMode convert(String value) {
            try {
                return ReloadMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code auto|on|off}, any case; kept as text. */
    static final class LifespanModes implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                ServerConfig.checkLifespan(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected one of auto, on, off but was '" + value + "'");
            }
        }
    }

    /** {@code --carriers}: {@code loops} or {@code pool}. */
    static final class CarrierKinds implements ITypeConverter<Carriers> {
        @Override
        public Carriers convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "loops" -> Carriers.LOOPS;
                case "pool" -> Carriers.POOL;
                default -> throw new TypeConversionException("expected loops or pool but was '" + value + "'");
            };
        }
    }

    /** {@code --ws}: {@code auto} (WebSocket on) or {@code none} (off), returned in lower case. */
    static final class WebSocketModes implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String mode = value.trim().toLowerCase(Locale.ROOT);
            return switch (mode) {
                case "none" -> "none";
                // Uvicorn's WebSocket libraries: a Uvicorn command line keeps working with jvicorn's own.
                case "auto", "websockets", "websockets-sansio", "wsproto" -> "auto";
                default -> throw new TypeConversionException("expected auto or none (websockets, websockets-sansio "
                        + "and wsproto are taken as auto) but was '" + value + "'");
            };
        }
    }

    /** A boolean spelled as Click accepts it: true/false, 1/0, yes/no, on/off, y/n, t/f. */
    static final class ClickBoolean implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            Boolean parsed = parseBoolean(value);
            if (parsed == null) {
                throw new TypeConversionException("'" + value + "' is not a boolean (true/false, 1/0, yes/no, on/off)");
            }
            return parsed;
        }
    }

    /** {@code NAME:VALUE}, split at the first colon, the value trimmed. */
    static final class Headers implements ITypeConverter<Header> {
        @Override
        public Header convert(String value) {
            return parseHeader(value);
        }
    }

    static Header parseHeader(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new TypeConversionException("'" + text + "' is not NAME:VALUE");
        }
        try {
            return Header.of(text.substring(0, colon), text.substring(colon + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "': " + e.getMessage());
        }
    }

    static @Nullable Boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "on", "t" -> Boolean.TRUE;
            case "false", "0", "no", "n", "off", "f" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }

    private static Duration seconds(String value) {
        String trimmed = value.trim();
        long nanos = plainDecimalNanos(trimmed);
        if (nanos >= 0) {
            // Every default and most values: BigDecimal's class initialization alone costs a cold start ~20 ms.
            return Duration.ofNanos(nanos);
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds");
        }
        if (seconds.signum() < 0) {
            throw new TypeConversionException("'" + value + "' must not be negative");
        }
        try {
            return Duration.ofNanos(seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact());
        } catch (ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' seconds is too long");
        }
    }

    /**
     * Seconds written as up to nine digits, optionally a point and up to nine more ({@code 5}, {@code 20.0},
     * {@code 0.25}), in nanoseconds, exactly; -1 for anything else (a sign, an exponent, more digits), which
     * {@link BigDecimal} then reads.
     */
    private static long plainDecimalNanos(String value) {
        int point = value.indexOf('.');
        int wholeEnd = point < 0 ? value.length() : point;
        int fractionDigits = point < 0 ? 0 : value.length() - point - 1;
        if (wholeEnd == 0 || wholeEnd > 9 || fractionDigits > 9) {
            return -1;
        }
        long nanos = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i == point) {
                continue;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            nanos = nanos * 10 + (c - '0');
        }
        for (int i = fractionDigits; i < 9; i++) {
            nanos *= 10;
        }
        return nanos;
    }

    /**
     * A Uvicorn option that chooses among Python implementations: the values that name one are accepted and change
     * nothing (jvicorn has one implementation), anything else is refused with what jvicorn offers instead.
     */
    abstract static class UvicornChoice implements ITypeConverter<String> {
        private final String option;
        private final List<String> accepted;
        private final String instead;

        UvicornChoice(String option, List<String> accepted, String instead) {
            this.option = option;
            this.accepted = accepted;
            this.instead = instead;
        }

        @Override
        public String convert(String value) {
            String choice = value.trim().toLowerCase(Locale.ROOT);
            if (!accepted.contains(choice)) {
                throw new TypeConversionException("'" + value + "' is not available: " + option + " accepts "
                        + String.join(", ", accepted) + " for Uvicorn command lines; " + instead);
            }
            return choice;
        }
    }

    /** Uvicorn's {@code --loop}: jvicorn always runs NIO selector loops. */
    static final class EventLoops extends UvicornChoice {
        EventLoops() {
            super("--loop", List.of("auto", "none", "asyncio", "uvloop"),
                    "jvicorn always runs NIO selector loops, sized with --loops N");
        }
    }

    /**
     * {@code --http}: Granian's {@code auto}, {@code 1} and {@code 2}, and Uvicorn's implementation names, which mean
     * HTTP/1.1 there ({@code h11}, {@code httptools}: jvicorn uses its own parser for either).
     */
    static final class HttpVersions implements ITypeConverter<HttpProtocols> {
        @Override
        public HttpProtocols convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> HttpProtocols.AUTO;
                case "1", "h11", "httptools" -> HttpProtocols.HTTP_1;
                case "2" -> HttpProtocols.HTTP_2;
                default -> throw new TypeConversionException("'" + value + "' is not an HTTP choice: use auto "
                        + "(HTTP/1.1 and HTTP/2), 1 (HTTP/1.1 only; Uvicorn's h11 and httptools mean the same) or 2 "
                        + "(HTTP/2 only)");
            };
        }
    }

    /** Uvicorn's {@code --interface}: jvicorn serves {@code io.jvicorn.asgi.Application}, the ASGI 3 shape. */
    static final class Interfaces extends UvicornChoice {
        Interfaces() {
            super("--interface", List.of("auto", "asgi3"),
                    "a jvicorn application implements io.jvicorn.asgi.Application, ASGI 3's call(scope, receive, "
                            + "send); there is no ASGI 2 or WSGI form on the JVM");
        }
    }
}

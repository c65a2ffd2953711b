package io.jvicorn.http11.proxy;

/**
 * Each rule of the PROXY protocol (haproxy's {@code proxy-protocol.txt}) that a connection's header can break, and the
 * connection-level rules jvicorn adds: named, so that the log line that closes the connection says which one. The
 * parser stops at the first byte no valid header could contain.
 */
public enum ProxyViolation {
    // Which version (both)
    /** The first bytes are neither {@code "PROXY "} (v1) nor the 12-byte v2 signature. */
    NOT_A_PROXY_HEADER("the connection does not start with a PROXY protocol header"),

    // Version 1: one text line
    /** No CRLF within the 107 bytes a v1 line may take. */
    V1_TOO_LONG("PROXY v1 line longer than 107 bytes"),
    /** A protocol other than {@code TCP4}, {@code TCP6} or {@code UNKNOWN}. */
    V1_UNKNOWN_PROTOCOL("PROXY v1 protocol is not TCP4, TCP6 or UNKNOWN"),
    /** A byte no field of a v1 line may contain, or two spaces in a row. */
    V1_INVALID_CHARACTER("invalid character in PROXY v1 line"),
    /** The line ends before the four fields of TCP4/TCP6, or has more. */
    V1_WRONG_FIELD_COUNT("PROXY v1 line does not have exactly two addresses and two ports"),
    /** An address that is not an IP literal of the protocol's family (IPv4 for TCP4, IPv6 for TCP6). */
    V1_INVALID_ADDRESS("PROXY v1 address is not an address of the protocol's family"),
    /** A port outside 0..65535 or with a leading zero. */
    V1_INVALID_PORT("PROXY v1 port is not a decimal number from 0 to 65535"),
    /** A CR not followed by LF, or a LF without CR. */
    V1_INVALID_LINE_END("PROXY v1 line does not end with CRLF"),

    // Version 2: binary
    /** The version nibble is not 2. */
    V2_UNSUPPORTED_VERSION("PROXY v2 version is not 2"),
    /** The command nibble is neither LOCAL (0) nor PROXY (1). */
    V2_INVALID_COMMAND("PROXY v2 command is neither LOCAL nor PROXY"),
    /** An address family above AF_UNIX (3) or a transport above DGRAM (2). */
    V2_INVALID_FAMILY("PROXY v2 address family or transport is not defined"),
    /** A header longer than the configured limit. */
    V2_TOO_LONG("PROXY v2 header longer than the limit"),
    /** A length too short for the addresses of the family (12 for IPv4, 36 for IPv6, 216 for unix sockets). */
    V2_ADDRESSES_TRUNCATED("PROXY v2 length too short for the addresses of its family"),
    /** A TLV whose length runs past the end of the header. */
    V2_TLV_TRUNCATED("PROXY v2 TLV runs past the end of the header"),
    /** A PP2_TYPE_SSL shorter than its 5 fixed bytes, or a sub-TLV running past its end. */
    V2_SSL_TLV_TRUNCATED("PROXY v2 SSL TLV is truncated"),
    /** A PP2_TYPE_UNIQUE_ID longer than 128 bytes. */
    V2_UNIQUE_ID_TOO_LONG("PROXY v2 unique ID longer than 128 bytes"),
    /** A PP2_TYPE_CRC32C whose value is not 4 bytes, or a second one. */
    V2_INVALID_CRC32C_TLV("PROXY v2 CRC32C TLV is not one 4-byte value"),
    /** The header's CRC32C checksum does not match its bytes. */
    V2_CRC32C_MISMATCH("PROXY v2 CRC32C checksum does not match"),

    // The connection (decided by the server, not the parser)
    /** A PROXY header from a peer not in {@code --forwarded-allow-ips}: it may not say who the client is. */
    UNTRUSTED_PEER("PROXY header from a peer not in --forwarded-allow-ips"),
    /** The connection ended inside the header. */
    TRUNCATED("connection closed inside the PROXY header"),
    /** No complete header within the request-head timeout. */
    TIMEOUT("no complete PROXY header within the request-head timeout");

    private final String reason;

    ProxyViolation(String reason) {
        this.reason = reason;
    }

    /** @return a few words for the log line */
    public String reason() {
        return reason;
    }
}

package io.jvicorn.http2.hpack;

/**
 * Each rule the HPACK decoder enforces, named, with the section that states it and the few words logged (and sent in
 * a GOAWAY's debug data). All but {@link #HEADER_LIST_TOO_LARGE} are COMPRESSION_ERROR, a connection error (RFC 9113
 * §4.3); the decoder stops at the first byte that breaks one.
 */
public enum HpackViolation {
    /** An indexed field or name with index 0, which names no entry. */
    INDEX_ZERO("RFC 7541 §6.1", "index 0 names no table entry"),
    /** An index past the static and dynamic tables. */
    INDEX_PAST_TABLE("RFC 7541 §2.3.3", "index past the end of the dynamic table"),
    /** A block that ends inside an integer (a representation's first byte, or its continuation bytes). */
    TRUNCATED_INTEGER("RFC 7541 §5.1", "block ends inside an integer"),
    /** An integer above 2^31-1. */
    INTEGER_OVERFLOW("RFC 7541 §5.1", "integer larger than 2^31-1"),
    /** An integer with more continuation bytes than any 31-bit value needs. */
    INTEGER_TOO_LONG("RFC 7541 §5.1", "integer with more than 5 continuation bytes"),
    /** A string literal whose length runs past the end of the block. */
    TRUNCATED_STRING("RFC 7541 §5.2", "string literal runs past the end of the block"),
    /** The EOS symbol inside a Huffman-coded string. */
    HUFFMAN_EOS("RFC 7541 §5.2", "Huffman-coded string contains EOS"),
    /** Huffman padding of 8 bits or more. */
    HUFFMAN_PADDING_TOO_LONG("RFC 7541 §5.2", "Huffman padding longer than 7 bits"),
    /** Huffman padding (or an unfinished code) that is not the leading 1 bits of EOS. */
    HUFFMAN_PADDING_NOT_EOS("RFC 7541 §5.2", "Huffman padding is not all ones"),
    /** A dynamic table size update after a field of the same block. */
    SIZE_UPDATE_AFTER_FIELD("RFC 7541 §4.2", "dynamic table size update after the first field of a block"),
    /** A dynamic table size update above SETTINGS_HEADER_TABLE_SIZE. */
    SIZE_UPDATE_ABOVE_MAX("RFC 7541 §6.3", "dynamic table size update above the advertised maximum"),
    /** The first block after this endpoint lowered its table size does not start by shrinking the table to fit. */
    SIZE_UPDATE_MISSING("RFC 7541 §4.2", "no dynamic table size update after the maximum was lowered"),
    /**
     * The decoded header list is larger than SETTINGS_MAX_HEADER_LIST_SIZE; the table stayed in step, so the caller
     * may refuse the stream alone (431) rather than the connection.
     */
    HEADER_LIST_TOO_LARGE("RFC 9113 §6.5.2", "header list larger than SETTINGS_MAX_HEADER_LIST_SIZE");

    private final String section;
    private final String reason;

    HpackViolation(String section, String reason) {
        this.section = section;
        this.reason = reason;
    }

    /**
     * The RFC section that states the rule.
     *
     * @return for example {@code "RFC 7541 §5.2"}
     */
    public String section() {
        return section;
    }

    /**
     * A few words for the log and a GOAWAY's debug data.
     *
     * @return the reason, unique to this violation
     */
    public String reason() {
        return reason;
    }
}

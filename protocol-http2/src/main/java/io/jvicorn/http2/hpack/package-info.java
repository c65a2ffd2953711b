/**
 * HPACK (RFC 7541), sans-IO: {@link io.jvicorn.http2.hpack.HpackDecoder} turns one complete header block into fields,
 * {@link io.jvicorn.http2.hpack.HpackEncoder} turns fields into a header block. Static and dynamic tables, Huffman
 * coding both ways, dynamic table size updates. A block that breaks a rule is refused at the first byte that does, with
 * an {@link io.jvicorn.http2.hpack.HpackException} naming the {@link io.jvicorn.http2.hpack.HpackViolation}. Nothing
 * here touches sockets, threads or clocks.
 */
@NullMarked
package io.jvicorn.http2.hpack;

import org.jspecify.annotations.NullMarked;

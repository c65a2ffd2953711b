/**
 * HPACK (RFC 7541), sans-IO: {@link io.jvicorn.http2.hpack.HpackDecoder} turns one complete header block into fields,
 * {@link io.jvicorn.http2.hpack.HpackEncoder} turns fields into a header block. Static and dynamic tables, Huffman
 * coding both ways, dynamic table size updates. Nothing here touches sockets, threads or clocks.
 */
@NullMarked
package io.jvicorn.http2.hpack;

import org.jspecify.annotations.NullMarked;

/**
 * JMH microbenchmarks of jvicorn's sans-IO codecs: HTTP/1.1 request parsing and response encoding, WebSocket
 * framing, UTF-8 validation and permessage-deflate. Run them from {@code benchmarks/target/benchmarks.jar}.
 */
@NullMarked
package io.jvicorn.benchmarks.micro;

import org.jspecify.annotations.NullMarked;

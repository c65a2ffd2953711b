/**
 * Static files as Granian's {@code --static-path-*} and nginx serve them: {@link io.jvicorn.staticfiles.StaticFiles}
 * answers GET and HEAD under a route from a directory (small files from memory, {@code SmallFileCache}; larger ones
 * with {@code http.response.pathsend}, which the server turns into {@code sendfile}), with validators and 304, byte ranges, precompressed siblings, and path traversal refused;
 * other paths go to the application it wraps. The HTTP rules are separate, I/O-free classes: {@code Preconditions},
 * {@code ByteRange}, {@code AcceptEncoding}, {@code RequestedPath}, {@code MediaTypes}.
 */
@NullMarked
package io.jvicorn.staticfiles;

import org.jspecify.annotations.NullMarked;

package io.jvicorn.staticfiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The contents of small files, kept between requests, as Jetty's cached content factory keeps them: a request for a
 * small file that has not changed costs no {@code open}, {@code read} or {@code close}, only the {@code lstat} that
 * finding it takes anyway, and the bytes go out with the response's head in one write. An entry is used only while
 * the file's size, modification time and identity (device and inode) are what that {@code lstat} says, so a changed
 * or replaced file is read afresh on its next request. Bounded: files up to {@link #MAX_FILE_BYTES}, all of them
 * together up to the budget; past it, entries are dropped.
 *
 * <p>Thread-safe: requests on any thread share it.
 */
final class SmallFileCache {
    /** Larger files go out with {@code sendfile}, where a copy would cost more than the system calls it saves. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private record Entry(long size, FileTime modified, @Nullable Object identity, byte[] content) {
        boolean describes(BasicFileAttributes attributes) {
            return size == attributes.size() && modified.equals(attributes.lastModifiedTime())
                    && Objects.equals(identity, attributes.fileKey());
        }

        static boolean same(BasicFileAttributes a, BasicFileAttributes b) {
            return a.size() == b.size() && a.lastModifiedTime().equals(b.lastModifiedTime())
                    && Objects.equals(a.fileKey(), b.fileKey());
        }
    }

    private final long budget;
    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();

    /** @param budget the most bytes of content kept, all files together */
    SmallFileCache(long budget) {
        this.budget = budget;
    }

    /**
     * The file's bytes as {@code attributes} describe it.
     *
     * @param path       the file
     * @param attributes what the request's {@code lstat} of it said
     * @return its content, or null when it is too large to keep or changed while being read (send it from the file)
     * @throws IOException if it cannot be read
     */
    byte @Nullable [] content(Path path, BasicFileAttributes attributes) throws IOException {
        long size = attributes.size();
        if (size > MAX_FILE_BYTES || size > budget) {
            return null;
        }
        Entry entry = entries.get(path);
        if (entry != null && entry.describes(attributes)) {
            return entry.content;
        }
        byte[] content = read(path, (int) size);
        if (content == null || !unchanged(path, attributes)) {
            return null; // it changed under us: this response comes from the file, and nothing is kept
        }
        keep(path, new Entry(size, attributes.lastModifiedTime(), attributes.fileKey(), content));
        return content;
    }

    /** @return the bytes kept now, all files together */
    long used() {
        return used.get();
    }

    private void keep(Path path, Entry entry) {
        Entry old = entries.put(path, entry);
        long total = used.addAndGet(entry.content.length - (old == null ? 0 : old.content.length));
        if (total <= budget) {
            return;
        }
        for (var it = entries.entrySet().iterator(); it.hasNext() && used.get() > budget; ) {
            var e = it.next();
            if (e.getValue() != entry && entries.remove(e.getKey(), e.getValue())) {
                used.addAndGet(-e.getValue().content.length);
            }
        }
    }

    /** @return exactly {@code size} bytes, or null if the file now holds fewer or more */
    private static byte @Nullable [] read(Path path, int size) throws IOException {
        try (FileChannel channel = FileChannel.open(path)) {
            ByteBuffer content = ByteBuffer.allocate(size);
            while (content.hasRemaining()) {
                if (channel.read(content) < 0) {
                    return null; // it shrank
                }
            }
            return channel.read(ByteBuffer.allocate(1)) < 0 ? content.array() : null; // or grew
        }
    }

    /** Whether the file still has the attributes the request found (not replaced or written while it was read). */
    private static boolean unchanged(Path path, BasicFileAttributes attributes) throws IOException {
        try {
            return Entry.same(Files.readAttributes(path, BasicFileAttributes.class), attributes);
        } catch (FileSystemException e) {
            return false; // removed meanwhile
        }
    }
}

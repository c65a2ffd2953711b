package io.jvicorn.staticfiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFileCacheTest {
    @TempDir
    Path dir;

    private final SmallFileCache cache = new SmallFileCache(1024 * 1024);

    @Test
    void anUnchangedFileIsReadOnceAndKept() throws IOException {
        Path file = write("a.txt", "hello");
        byte[] first = cache.content(file, stat(file));
        assertArrayEquals(bytes("hello"), first);
        assertSame(first, cache.content(file, stat(file)), "the kept bytes, not a second read");
        assertEquals(5, cache.used());
    }

    @Test
    void aFileWrittenAgainIsReadAfresh() throws IOException {
        Path file = write("a.txt", "hello");
        FileTime time = Files.getLastModifiedTime(file);
        cache.content(file, stat(file));
        write("a.txt", "hello, world"); // another size
        assertArrayEquals(bytes("hello, world"), cache.content(file, stat(file)));
        write("a.txt", "HELLO, WORLD"); // the same size, another time
        Files.setLastModifiedTime(file, FileTime.fromMillis(time.toMillis() + 60_000));
        assertArrayEquals(bytes("HELLO, WORLD"), cache.content(file, stat(file)));
        assertEquals(12, cache.used(), "one entry per file: the old bytes are no longer counted");
    }

    @Test
    void aFileReplacedByAnotherOfTheSameSizeAndTimeIsReadAfresh() throws IOException {
        Path file = write("a.txt", "first");
        FileTime time = Files.getLastModifiedTime(file);
        cache.content(file, stat(file));
        Path other = write("b.txt", "other");
        Files.setLastModifiedTime(other, time);
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING); // a deployment's rename: another inode
        assertArrayEquals(bytes("other"), cache.content(file, stat(file)));
    }

    @Test
    void aFileThatChangedSinceItsLstatIsNotKept() throws IOException {
        Path file = write("a.txt", "hello");
        BasicFileAttributes before = stat(file);
        write("a.txt", "hello, world");
        assertNull(cache.content(file, before), "sent from the file instead, as the request found it or not at all");
        assertEquals(0, cache.used());
    }

    @Test
    void largeFilesAreLeftToSendfile() throws IOException {
        Path file = dir.resolve("big.bin");
        Files.write(file, new byte[SmallFileCache.MAX_FILE_BYTES + 1]);
        assertNull(cache.content(file, stat(file)));
        Path limit = dir.resolve("limit.bin");
        Files.write(limit, new byte[SmallFileCache.MAX_FILE_BYTES]);
        assertNotNull(cache.content(limit, stat(limit)));
    }

    @Test
    void theBudgetBoundsWhatIsKept() throws IOException {
        SmallFileCache small = new SmallFileCache(100);
        for (int i = 0; i < 10; i++) {
            Path file = dir.resolve(i + ".bin");
            Files.write(file, new byte[40]);
            assertEquals(40, small.content(file, stat(file)).length, "served whether kept or not");
            assertTrue(small.used() <= 100, "kept " + small.used() + " bytes after " + (i + 1) + " files");
        }
        Path file = dir.resolve("over.bin");
        Files.write(file, new byte[101]);
        assertNull(small.content(file, stat(file)), "a file above the whole budget is never kept");
    }

    private Path write(String name, String text) throws IOException {
        return Files.write(dir.resolve(name), bytes(text));
    }

    private static BasicFileAttributes stat(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

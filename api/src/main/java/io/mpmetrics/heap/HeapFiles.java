package io.mpmetrics.heap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Where heap files live and how they are opened safely: private directories (0700), private
 * files (0600), no following of symlinks, no files of other users.
 */
final class HeapFiles {
    /** System property: {@code true} allows opening files owned by another user. */
    static final String ALLOW_FOREIGN_OWNER = "mpmetrics.allowForeignOwner";

    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private HeapFiles() {
    }

    /** {@code /dev/shm/mpmetrics-USER} if /dev/shm is usable, else {@code java.io.tmpdir/mpmetrics-USER}. */
    static Path defaultDirectory() throws IOException {
        Path shm = Paths.get("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
        Path dir = base.resolve("mpmetrics-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            Files.createDirectory(dir, privateDirAttributes());
        } catch (FileAlreadyExistsException e) {
            // Made earlier or by a concurrent process: checked below.
        }
        checkPrivateDirectory(dir);
        return dir;
    }

    /**
     * The layout family recorded in the heap file at {@code file}, or null if it cannot be told
     * (missing, unreadable, not a heap file: opening it reports why).
     */
    static io.mpmetrics.spi.LayoutFamily peekFamily(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null; // never open a FIFO or device just to peek (it could block)
        }
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(HeapHeader.BYTE_ORDER_OFFSET)
                    .order(java.nio.ByteOrder.nativeOrder());
            while (head.hasRemaining() && ch.read(head) > 0) {
                // keep reading
            }
            if (head.hasRemaining() || head.getLong(HeapHeader.MAGIC_OFFSET) != HeapHeader.MAGIC) {
                return null;
            }
            return io.mpmetrics.spi.LayoutFamily.ofId(head.getInt(HeapHeader.LAYOUT_FAMILY_OFFSET));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Refuses a directory that is a symlink, not ours, or open to group/others. */
    static void checkPrivateDirectory(Path dir) throws IOException {
        PosixFileAttributes attrs = posixAttributes(dir);
        if (attrs == null) {
            return;
        }
        if (attrs.isSymbolicLink() || !attrs.isDirectory()) {
            throw new HeapFileException(dir, "is not a directory (or is a symbolic link); refusing to use it for heap files");
        }
        checkOwner(dir, attrs.owner());
        Set<PosixFilePermission> extra = EnumSet.copyOf(attrs.permissions());
        extra.removeAll(PRIVATE_DIR);
        if (!extra.isEmpty()) {
            throw new HeapFileException(dir, "is accessible by group or others " + PosixFilePermissions.toString(
                    attrs.permissions()) + "; refusing to keep heap files there (chmod 700 it)");
        }
    }

    /**
     * Opens (and with {@code create}, creates as 0600) a heap file for reading and writing,
     * without following a symlink, refusing anything that is not a regular file of ours.
     */
    static FileChannel openChannel(Path file, boolean create) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (create && parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(parent, privateDirAttributes());
        }
        PosixFileAttributes before = posixAttributes(file);
        if (before != null) {
            checkRegularFile(file, before);
        } else if (!create) {
            throw new HeapFileException(file, "no such heap file");
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.READ);
        options.add(StandardOpenOption.WRITE);
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (create) {
            options.add(StandardOpenOption.CREATE);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, options, privateFileAttributes());
        } catch (NoSuchFileException e) {
            throw new HeapFileException(file, "no such heap file", e);
        } catch (FileSystemException e) {
            PosixFileAttributes now = posixAttributes(file);
            if (now != null && now.isSymbolicLink()) {
                throw new HeapFileException(file, "is a symbolic link; refusing to follow it", e);
            }
            throw new HeapFileException(file, "cannot open: " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            channel = FileChannel.open(file, options);
        }
        try {
            PosixFileAttributes after = posixAttributes(file);
            if (after != null) {
                checkRegularFile(file, after);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static void checkRegularFile(Path file, PosixFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
            throw new HeapFileException(file, "is a symbolic link; refusing to follow it");
        }
        if (attrs.isDirectory()) {
            throw new HeapFileException(file, "is a directory, not a heap file");
        }
        if (!attrs.isRegularFile()) {
            throw new HeapFileException(file, "is not a regular file (a FIFO, device or socket?); refusing it");
        }
        checkOwner(file, attrs.owner());
    }

    private static void checkOwner(Path path, UserPrincipal owner) throws IOException {
        if (Boolean.getBoolean(ALLOW_FOREIGN_OWNER)) {
            return;
        }
        String me = System.getProperty("user.name");
        if (me != null && owner != null && !owner.getName().equals(me)) {
            throw new HeapFileException(path, "is owned by " + owner.getName() + ", not by " + me
                    + "; refusing it (set -D" + ALLOW_FOREIGN_OWNER + "=true to allow)");
        }
    }

    /** The attributes of {@code path} without following links, or null if it does not exist (or no POSIX). */
    static PosixFileAttributes posixAttributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private static FileAttribute<?>[] privateDirAttributes() {
        return posixSupported() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_DIR)}
                : new FileAttribute<?>[0];
    }

    private static FileAttribute<?>[] privateFileAttributes() {
        return posixSupported() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PRIVATE_FILE)}
                : new FileAttribute<?>[0];
    }

    private static boolean posixSupported() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}

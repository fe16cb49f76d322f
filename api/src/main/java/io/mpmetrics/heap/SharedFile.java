package io.mpmetrics.heap;

import io.mpmetrics.lock.ProcessLiveness;
import io.mpmetrics.spi.Backend;
import io.mpmetrics.spi.Int32Word;
import io.mpmetrics.spi.LayoutFamily;
import io.mpmetrics.util.Bits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.mpmetrics.heap.HeapHeader.*;

/**
 * One heap file as this JVM sees it, shared by every {@link Heap} opened on it here: the
 * channel, this process's slot (and its kernel-held {@link FileLock}), and the chunk
 * mappings. POSIX drops all of a process's locks on a file when any descriptor of it is
 * closed, so the JVM keeps exactly one channel per file open for as long as any Heap uses it.
 */
final class SharedFile implements ProcessLiveness {
    private static final Map<Object, SharedFile> OPEN = new HashMap<>();

    final Path path;
    final FileChannel channel;
    final long mapSize;
    final LayoutFamily family;
    final Region header;
    private final List<FileChannel> extraChannels = new ArrayList<>();
    private final Object fileKey;
    private final ConcurrentHashMap<Long, Region> mappings = new ConcurrentHashMap<>();
    private final FileLock slotLock;
    private final int slot;
    private final int token;
    private final Int32Word[] generations = new Int32Word[SLOT_COUNT];
    private final Backend backend;
    private int references;
    /** A length the file is known to have reached (it never shrinks); written under the heap lock. */
    private volatile long knownLength;

    private SharedFile(Path path, FileChannel channel, Object fileKey, long mapSize, LayoutFamily family,
                       Backend backend) throws IOException {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
        this.mapSize = mapSize;
        this.family = family;
        this.backend = backend;
        long headerLength = Bits.align(HEADER_SIZE, mapSize);
        this.header = map(path, channel, 0, headerLength, this);
        for (long c = 0; c < headerLength / mapSize; c++) {
            mappings.put(c, header);
        }
        // Claim a process slot: the first slot byte nobody holds a lock on.
        FileLock claimed = null;
        int s = 0;
        for (; s < SLOT_COUNT; s++) {
            try {
                claimed = channel.tryLock(SLOT_LOCK_BASE + s, 1, false);
            } catch (OverlappingFileLockException e) {
                // held by this JVM through another channel; try the next
            }
            if (claimed != null) {
                break;
            }
        }
        if (claimed == null) {
            throw new HeapFileException(path, "more than " + SLOT_COUNT + " processes are attached; no process slot is free");
        }
        this.slotLock = claimed;
        this.slot = s;
        int next = (generation(s).getVolatile() + 1) & GENERATION_MASK;
        generation(s).setVolatile(next);
        this.token = token(s, next);
    }

    /** Opens (creating if allowed and absent) and validates {@code path}, or joins this JVM's open copy. */
    static SharedFile attach(Path path, Backend backend, boolean create, boolean mustCreate, long mapSize) throws IOException {
        synchronized (OPEN) {
            FileChannel channel = HeapFiles.openChannel(path, create);
            Object key = fileKey(path);
            SharedFile existing = key == null ? null : OPEN.get(key);
            if (existing != null) {
                // Never close this second descriptor early: closing it would drop the slot lock.
                existing.extraChannels.add(channel);
                if (mustCreate) {
                    throw new HeapFileException(path, "already exists (and is open in this JVM)");
                }
                existing.checkCompatible(backend);
                existing.references++;
                return existing;
            }
            SharedFile file;
            try {
                file = initialize(path, channel, key, backend, create, mustCreate, mapSize);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (key != null) {
                OPEN.put(key, file);
            }
            file.references = 1;
            return file;
        }
    }

    private static Object fileKey(Path path) {
        try {
            return java.nio.file.Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static SharedFile initialize(Path path, FileChannel channel, Object key, Backend backend, boolean create,
                                         boolean mustCreate, long requestedMapSize) throws IOException {
        LayoutFamily family = backend.layoutFamily();
        long mapSize;
        try (FileLock init = channel.lock(INIT_LOCK_POSITION, 1, false)) {
            long size = channel.size();
            boolean fresh = size == 0 || (create && isAllZero(channel, size));
            if (mustCreate && !fresh) {
                throw new HeapFileException(path, "already exists");
            }
            if (fresh) {
                if (!create) {
                    throw new HeapFileException(path, "is empty: not an mpmetrics heap file (or its creator died "
                            + "before initializing it)");
                }
                checkMapSize(path, requestedMapSize);
                mapSize = requestedMapSize;
                writeNewHeader(path, channel, family, mapSize);
            } else {
                mapSize = validate(path, channel, size, family);
            }
        } catch (OverlappingFileLockException e) {
            throw new HeapFileException(path, "is being opened concurrently by this JVM", e);
        }
        return new SharedFile(path, channel, key, mapSize, family, backend);
    }

    private static boolean isAllZero(FileChannel channel, long size) throws IOException {
        if (size > Bits.align(HEADER_SIZE, HeapHeader.PAGE_SIZE) + (1 << 20)) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // keep reading
        }
        for (int i = 0; i < buf.position(); i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    static void checkMapSize(Path path, long mapSize) throws HeapFileException {
        // A power of two: chunk arithmetic (Bits.align) needs one, and it is a multiple of the page size.
        if (mapSize < PAGE_SIZE || Long.bitCount(mapSize) != 1 || mapSize > MAX_MAP_SIZE) {
            throw new HeapFileException(path, "map size " + mapSize + " must be a power of two between "
                    + PAGE_SIZE + " and " + MAX_MAP_SIZE);
        }
    }

    private static void writeNewHeader(Path path, FileChannel channel, LayoutFamily family, long mapSize) throws IOException {
        channel.truncate(0);
        long headerLength = Bits.align(HEADER_SIZE, mapSize);
        grow(path, channel, headerLength);
        ByteBuffer h = ByteBuffer.allocate(SLOT_GENERATIONS_OFFSET).order(ByteOrder.nativeOrder());
        h.putInt(FORMAT_VERSION_OFFSET, FORMAT_VERSION);
        h.putInt(LAYOUT_FAMILY_OFFSET, family.id());
        h.putInt(BYTE_ORDER_OFFSET, BYTE_ORDER_MARK);
        h.putInt(HEADER_SIZE_OFFSET, HEADER_SIZE);
        h.putLong(MAP_SIZE_OFFSET, mapSize);
        h.putLong(BASE_OFFSET, DATA_START);
        h.putInt(SLOT_COUNT_OFFSET, SLOT_COUNT);
        writeFully(channel, h, 0);
        channel.force(false);
        // The magic goes last: a file whose creator died half-way has none and is re-initialized.
        ByteBuffer magic = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, MAGIC);
        writeFully(channel, magic, MAGIC_OFFSET);
    }

    private static long validate(Path path, FileChannel channel, long size, LayoutFamily family) throws IOException {
        if (size < SLOT_GENERATIONS_OFFSET) {
            throw new HeapFileException(path, "is truncated (" + size + " bytes) or not an mpmetrics heap file");
        }
        ByteBuffer h = ByteBuffer.allocate(SLOT_GENERATIONS_OFFSET).order(ByteOrder.nativeOrder());
        while (h.hasRemaining() && channel.read(h, h.position()) > 0) {
            // keep reading
        }
        long magic = h.getLong(MAGIC_OFFSET);
        if (magic == Long.reverseBytes(MAGIC)) {
            throw new HeapFileException(path, "was written with the other byte order ("
                    + (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "big" : "little") + "-endian); it cannot be "
                    + "shared with this " + ByteOrder.nativeOrder() + " machine");
        }
        if (magic != MAGIC) {
            throw new HeapFileException(path, "is not an mpmetrics heap file (bad magic 0x" + Long.toHexString(magic) + ")");
        }
        int version = h.getInt(FORMAT_VERSION_OFFSET);
        if (version != FORMAT_VERSION) {
            throw new HeapFileException(path, "has format version " + version + "; this library reads version "
                    + FORMAT_VERSION);
        }
        int order = h.getInt(BYTE_ORDER_OFFSET);
        if (order != BYTE_ORDER_MARK) {
            throw new HeapFileException(path, "has a bad byte-order mark 0x" + Integer.toHexString(order));
        }
        int familyId = h.getInt(LAYOUT_FAMILY_OFFSET);
        LayoutFamily fileFamily;
        try {
            fileFamily = LayoutFamily.ofId(familyId);
        } catch (IllegalArgumentException e) {
            throw new HeapFileException(path, "has an unknown layout family " + familyId);
        }
        if (fileFamily != family) {
            throw new HeapFileException(path, familyMismatch(fileFamily, family));
        }
        int headerSize = h.getInt(HEADER_SIZE_OFFSET);
        if (headerSize != HEADER_SIZE) {
            throw new HeapFileException(path, "has header size " + headerSize + ", expected " + HEADER_SIZE);
        }
        int slots = h.getInt(SLOT_COUNT_OFFSET);
        if (slots != SLOT_COUNT) {
            throw new HeapFileException(path, "has " + slots + " process slots, expected " + SLOT_COUNT);
        }
        long mapSize = h.getLong(MAP_SIZE_OFFSET);
        checkMapSize(path, mapSize);
        // Other processes may have grown the file since `size` was taken; they grow it before
        // they move BASE, so the size taken after reading BASE covers it.
        size = channel.size();
        long headerLength = Bits.align(HEADER_SIZE, mapSize);
        if (size < headerLength) {
            throw new HeapFileException(path, "is truncated: " + size + " bytes, but its header alone needs "
                    + headerLength);
        }
        long base = h.getLong(BASE_OFFSET);
        if (base < DATA_START || base > size) {
            throw new HeapFileException(path, "is corrupt or truncated: allocated end " + base + " is outside "
                    + DATA_START + ".." + size);
        }
        return mapSize;
    }

    static String familyMismatch(LayoutFamily fileFamily, LayoutFamily mine) {
        return "was created with the " + fileFamily + " layout family ("
                + (fileFamily == LayoutFamily.LOCKING ? "backend locking" : "a lock-free backend: varhandle or unsafe")
                + "), but this JVM's backend uses " + mine + "; run every process on this file with a backend of the "
                + "same family (-Dmpmetrics.backend=...)";
    }

    void checkCompatible(Backend other) throws HeapFileException {
        if (other.layoutFamily() != family) {
            throw new HeapFileException(path, familyMismatch(family, other.layoutFamily()));
        }
    }

    /** Grows the file to at least {@code length} bytes, really allocating the new pages. */
    static void grow(Path path, FileChannel channel, long length) throws IOException {
        long size = channel.size();
        if (size >= length) {
            return;
        }
        ByteBuffer zeros = ByteBuffer.allocateDirect(64 * 1024);
        try {
            for (long pos = size; pos < length; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), length - pos));
                pos += channel.write(zeros, pos);
            }
        } catch (IOException e) {
            throw new IOException(path + ": cannot grow the heap file from " + size + " to " + length + " bytes: "
                    + e.getMessage(), e);
        }
    }

    void grow(long length) throws IOException {
        // Files only grow: a length within one seen before needs no system call (malloc calls this every time).
        if (length <= knownLength) {
            return;
        }
        grow(path, channel, length);
        knownLength = length;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        buf.clear();
        while (buf.hasRemaining()) {
            channel.write(buf, position + buf.position());
        }
    }

    private static Region map(Path path, FileChannel channel, long start, long length, ProcessLiveness liveness)
            throws IOException {
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(path + ": cannot map " + length + " bytes at once (limit 2 GiB)");
        }
        long size = channel.size();
        if (start + length > size) {
            throw new HeapFileException(path, "is shorter (" + size + " bytes) than the memory it claims to hold (up to "
                    + (start + length) + "); truncated or corrupt");
        }
        MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, start, length);
        return Region.of(buffer, start, path.toString(), liveness);
    }

    /**
     * The mapping that holds {@code [start, start + size)}: a chunk, or for a block larger than a
     * chunk one mapping of all its chunks. The caller has validated the block's shape.
     */
    Region mappingFor(long start, long size) throws IOException {
        long chunk = start / mapSize;
        Region mapping = mappings.get(chunk);
        if (mapping != null && mapping.fileOffset() <= start && start + size <= mapping.fileOffset() + mapping.length()) {
            return mapping;
        }
        synchronized (this) {
            mapping = mappings.get(chunk);
            if (mapping != null && mapping.fileOffset() <= start
                    && start + size <= mapping.fileOffset() + mapping.length()) {
                return mapping;
            }
            long mapStart = chunk * mapSize;
            long mapLength = Bits.align(start + size - mapStart, mapSize);
            Region created = map(path, channel, mapStart, mapLength, this);
            for (long c = chunk; c < chunk + mapLength / mapSize; c++) {
                mappings.putIfAbsent(c, created);
            }
            return created;
        }
    }

    @Override
    public int currentToken() {
        return token;
    }

    @Override
    public boolean isAlive(int other) {
        if (other == token) {
            return true;
        }
        int s = slotOf(other);
        if (s < 0) {
            return false;
        }
        if (generation(s).getVolatile() != generationOf(other)) {
            return false;
        }
        return isSlotInUse(s);
    }

    @Override
    public int currentSlot() {
        return slot;
    }

    @Override
    public boolean isSlotInUse(int s) {
        if (s == slot) {
            return true;
        }
        if (s < 0 || s >= SLOT_COUNT) {
            return false;
        }
        try {
            FileLock probe = channel.tryLock(SLOT_LOCK_BASE + s, 1, true);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException | IOException e) {
            return true;
        }
    }

    /** The current generation of slot {@code s} (checked by the caller). */
    int slotGeneration(int s) {
        return generation(s).getVolatile();
    }

    private Int32Word generation(int s) {
        Int32Word word = generations[s];
        if (word == null) {
            word = backend.newInt32Word(header, SLOT_GENERATIONS_OFFSET + 4 * s);
            generations[s] = word;
        }
        return word;
    }

    @Override
    public String describe(int other) {
        int s = slotOf(other);
        return (other == token ? "this process" : "the process") + " in slot " + s + " (generation "
                + generationOf(other) + ") of " + path;
    }

    /** This process's slot. */
    int slot() {
        return slot;
    }

    /** Drops one reference; the last one releases the slot and closes the channel. */
    void release() throws IOException {
        synchronized (OPEN) {
            if (--references > 0) {
                return;
            }
            if (fileKey != null) {
                OPEN.remove(fileKey);
            }
            try {
                slotLock.release();
            } finally {
                for (FileChannel extra : extraChannels) {
                    extra.close();
                }
                channel.close();
            }
        }
    }
}

package io.aeroshift.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The records of one namespace kept on disk, so an emulated cluster (the embedded demo's) comes
 * back with the same data after its process is stopped or killed. An append-only log of puts,
 * deletes and truncates, one frame each ({@code length:u32 crc32:u32 payload}), written before
 * the client is answered: a frame handed to the kernel survives a killed process (not a power
 * loss: there is no fsync per write, as a real server's write-block buffering also risks). On
 * open the log is replayed into the store, a torn last frame (a kill mid-write) is dropped, and
 * the log is rewritten with just the live records, so it does not grow across restarts.
 */
final class RecordJournal implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RecordJournal.class.getName());
  private static final byte PUT = 1;
  private static final byte DELETE = 2;
  private static final byte TRUNCATE = 3;
  private static final int NO_SET = 0xFFFF;

  private final Path file;
  private final FileChannel channel;

  private RecordJournal(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Replays {@code file} (if any) into {@code store}, compacts it, and opens it for appending. */
  static RecordJournal open(Path file, NamespaceStore store) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        replay(file, store);
      }
      Path compacted = file.resolveSibling(file.getFileName() + ".compact");
      try (FileChannel out = FileChannel.open(compacted, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        for (Partition p : store.partitions) {
          synchronized (p) {
            for (StoredRecord r : p.slice(null, Integer.MAX_VALUE)) {
              writeFrame(out, putFrame(r));
            }
          }
        }
        out.force(true);
      }
      Files.move(compacted, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new RecordJournal(file, channel);
    } catch (IOException e) {
      throw new UncheckedIOException("record journal " + file, e);
    }
  }

  void put(StoredRecord r) {
    append(putFrame(r));
  }

  void delete(byte[] digest) {
    ByteBuffer b = ByteBuffer.allocate(1 + digest.length);
    b.put(DELETE).put(digest).flip();
    append(b);
  }

  void truncate(String set, long lutMillis) {
    byte[] name = set == null ? new byte[0] : set.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 2 + name.length + 8);
    b.put(TRUNCATE).putShort((short) (set == null ? NO_SET : name.length)).put(name).putLong(lutMillis).flip();
    append(b);
  }

  private synchronized void append(ByteBuffer payload) {
    try {
      writeFrame(channel, payload);
    } catch (IOException e) {
      // A write the emulator cannot keep must not be acknowledged as kept.
      throw new UncheckedIOException("record journal " + file + ": write failed", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "record journal " + file + ": close failed: " + e.getMessage());
    }
  }

  private static ByteBuffer putFrame(StoredRecord r) {
    byte[] set = r.setName.getBytes(StandardCharsets.UTF_8);
    int size = 1 + r.digest.length + 2 + set.length + 4 + 4 + 8 + 1 + 4 + (r.key == null ? 0 : r.key.length) + 4
        + r.bins.length + 2;
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(PUT).put(r.digest).putShort((short) set.length).put(set).putInt(r.generation).putInt(r.voidTime)
        .putLong(r.lastUpdateMillis).put(r.keyType);
    if (r.key == null) {
      b.putInt(-1);
    } else {
      b.putInt(r.key.length).put(r.key);
    }
    b.putInt(r.bins.length).put(r.bins).putShort(r.binCount);
    return b.flip();
  }

  private static void writeFrame(FileChannel out, ByteBuffer payload) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(payload.duplicate());
    ByteBuffer header = ByteBuffer.allocate(8).putInt(payload.remaining()).putInt((int) crc.getValue()).flip();
    ByteBuffer[] frame = {header, payload};
    while (header.hasRemaining() || payload.hasRemaining()) {
      out.write(frame);
    }
  }

  private static void replay(Path file, NamespaceStore store) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(all);
    long frames = 0;
    while (in.remaining() >= 8) {
      int start = in.position();
      int length = in.getInt();
      int expected = in.getInt();
      if (length < 1 || length > in.remaining()) {
        in.position(start);
        break;
      }
      CRC32 crc = new CRC32();
      crc.update(all, in.position(), length);
      if ((int) crc.getValue() != expected) {
        in.position(start);
        break;
      }
      ByteBuffer payload = in.slice(in.position(), length);
      in.position(in.position() + length);
      apply(payload, store);
      frames++;
    }
    if (in.hasRemaining()) {
      LOG.log(System.Logger.Level.WARNING, "record journal " + file + ": dropped a torn tail of " + in.remaining()
          + " bytes after " + frames + " frames (the process stopped mid-write)");
    }
  }

  private static void apply(ByteBuffer b, NamespaceStore store) {
    byte op = b.get();
    switch (op) {
      case PUT -> {
        byte[] digest = new byte[20];
        b.get(digest);
        byte[] set = new byte[b.getShort() & 0xFFFF];
        b.get(set);
        int generation = b.getInt();
        int voidTime = b.getInt();
        long lut = b.getLong();
        byte keyType = b.get();
        int keyLength = b.getInt();
        byte[] key = null;
        if (keyLength >= 0) {
          key = new byte[keyLength];
          b.get(key);
        }
        byte[] bins = new byte[b.getInt()];
        b.get(bins);
        int binCount = b.getShort();
        String setName = store.internSet(new String(set, StandardCharsets.UTF_8));
        StoredRecord r = new StoredRecord(digest, setName, generation, voidTime, lut, keyType, key, bins, binCount);
        Partition p = store.partition(digest);
        synchronized (p) {
          store.storeReplayed(p, r);
        }
      }
      case DELETE -> {
        byte[] digest = new byte[20];
        b.get(digest);
        Partition p = store.partition(digest);
        synchronized (p) {
          store.deleteReplayed(p, digest);
        }
      }
      case TRUNCATE -> {
        int length = b.getShort() & 0xFFFF;
        String set = null;
        if (length != NO_SET) {
          byte[] name = new byte[length];
          b.get(name);
          set = new String(name, StandardCharsets.UTF_8);
        }
        store.truncateReplayed(set, b.getLong());
      }
      default -> throw new IllegalStateException("record journal: unknown operation " + op);
    }
  }
}

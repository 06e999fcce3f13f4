package io.aeroshift.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock one service process holds on its data directory ({@code aeroshift.data-dir}, where the
 * embedded state store and the demo clusters live) for as long as it runs: a second process on
 * the same directory would otherwise die deep in the store's start with a long trace. The lock
 * file holds the holder's process id; the operating system drops the lock when the process ends,
 * kill -9 included, so a stale file never blocks a start.
 */
public final class DataDirLock implements AutoCloseable {
  /** Name of the lock file inside the data directory. */
  public static final String FILE = "aeroshift.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The directory is held by another process. */
  public static final class Busy extends RuntimeException {
    public Busy(Path dir, String holder) {
      super("data directory " + dir + " is in use by another aeroshift process (" + holder + ", lock file "
          + dir.resolve(FILE) + "); stop it first or start this one with another AEROSHIFT_DATA_DIR");
    }
  }

  /**
   * Takes the lock on {@code dir}.
   *
   * @return the held lock, or empty when the directory cannot hold a lock file (read-only file system:
   *     nothing there to protect)
   * @throws Busy when another process holds it
   */
  public static Optional<DataDirLock> acquire(Path dir) {
    Path dir0 = dir.toAbsolutePath().normalize();
    FileChannel channel;
    try {
      Files.createDirectories(dir0);
      channel = FileChannel.open(dir0.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new Busy(dir0, holder);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return Optional.of(new DataDirLock(channel, lock));
    } catch (java.nio.channels.OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new Busy(dir0, "pid " + ProcessHandle.current().pid() + ", this process");
    } catch (IOException e) {
      closeQuietly(channel);
      return Optional.empty();
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64);
    channel.read(b, 0);
    String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    return text.matches("pid \\d+") ? text : "pid unknown";
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing held
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}

package io.aeroshift.cli;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.IAerospikeClient;
import com.aerospike.client.Host;
import io.aeroshift.discovery.AerospikeClients;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** How the one-off commands connect to their {@code --source}/{@code --target} seeds. */
final class CommandLineClients {
  /** Connect, login and info timeout of a one-off command. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private CommandLineClients() {}

  /**
   * A client of plain seeds (no user, no TLS) with room for {@code commandsInFlight} commands, or
   * null after printing {@code aeroshift <command>: cannot connect to <what><seeds>: <reason>}.
   *
   * @param what what the seeds are, with a trailing space ({@code "the source "}), or empty
   */
  static IAerospikeClient connect(String command, String what, List<Host> seeds, int commandsInFlight,
      PrintStream err) {
    try {
      return AerospikeClients.connect(
          AerospikeClients.forCommandsInFlight(AerospikeClients.anonymousPolicy(TIMEOUT), commandsInFlight), seeds);
    } catch (AerospikeException e) {
      err.println("aeroshift " + command + ": cannot connect to " + what + seeds + ": " + e.getMessage());
      return null;
    }
  }
}

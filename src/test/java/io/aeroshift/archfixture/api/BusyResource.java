package io.aeroshift.archfixture.api;

import com.aerospike.client.IAerospikeClient;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/** ArchitectureTest fixture: a resource doing service work (threads, files, cluster connections). */
public class BusyResource {
  ExecutorService runs;
  Path suites;
  IAerospikeClient client;
}

package io.aeroshift.workflow;

import java.util.List;
import java.util.Optional;

/** Where copy runs are kept, so the list and the interrupted runs survive a restart. */
public interface CopyRunStore {

  /** Inserts or replaces a run. */
  void save(CopyRun run);

  Optional<CopyRun> find(String id);

  /** Every run, newest first. */
  List<CopyRun> list();
}

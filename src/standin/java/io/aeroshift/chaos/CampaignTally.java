package io.aeroshift.chaos;

import java.util.Locale;

/** The campaign's counters, summed over runs; {@link #json} is the last line of {@code bin/chaos}. */
record CampaignTally(int runs, int faults, long lost, int falsePasses, int hangs, long unreported, long reported,
    long lostWritesFound, int incomplete, int serviceKills, long seed) {

  static CampaignTally start(long seed) {
    return new CampaignTally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, seed);
  }

  CampaignTally plus(RunOutcome r) {
    return new CampaignTally(runs + 1, faults + r.faults(), lost + r.lost(), falsePasses + r.falsePasses(), hangs + r.hangs(),
        unreported + r.unreported(), reported + r.reported(), lostWritesFound + r.lostWritesFound(), incomplete + (r.incomplete() ? 1 : 0),
        serviceKills + r.serviceKills(), seed);
  }

  boolean clean() {
    return lost == 0 && falsePasses == 0 && hangs == 0 && unreported == 0;
  }

  String json() {
    return String.format(Locale.ROOT,
        "{\"runs\":%d,\"faults\":%d,\"lost\":%d,\"falsePasses\":%d,\"hangs\":%d,\"unreported\":%d,"
            + "\"reported\":%d,\"lostWritesFound\":%d,\"incomplete\":%d,\"serviceKills\":%d,\"seed\":%d}",
        runs, faults, lost, falsePasses, hangs, unreported, reported, lostWritesFound, incomplete, serviceKills, seed);
  }
}

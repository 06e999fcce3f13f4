package io.aeroshift.validation;

import io.aeroshift.transfer.RecordImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Record-level comparison of one partition's records on the two sides (pure).
 *
 * <p>Expiry is compared exactly here (within the tolerance), so two void times that fell into
 * different checksum buckets but are within tolerance are accepted, not reported.
 */
public final class PartitionDiffer {

  private final ComparisonRules rules;
  private final DigestSample sample;
  private final int maxListedPerKind;

  public PartitionDiffer(ComparisonRules rules, DigestSample sample, int maxListedPerKind) {
    if (maxListedPerKind < 0) {
      throw new IllegalArgumentException("max listed records must be >= 0, was " + maxListedPerKind);
    }
    this.rules = rules;
    this.sample = sample;
    this.maxListedPerKind = maxListedPerKind;
  }

  public PartitionDiff diff(
      Iterable<RecordImage> source, Iterable<RecordImage> target, LeaveOutRule leaveOut) {
    Map<Digests.Key, RecordImage> src = bySampledDigest(source);
    Map<Digests.Key, RecordImage> tgt = bySampledDigest(target);
    Map<LeftOutReason, Long> leftOut = new EnumMap<>(LeftOutReason.class);
    TreeSet<Digests.Key> all = new TreeSet<>(src.keySet());
    all.addAll(tgt.keySet());
    for (Digests.Key changed : leaveOut.changedOnSource()) {
      if (sample.includes(changed.bytes())) {
        all.add(changed);
      }
    }

    List<RecordFinding> missing = new ArrayList<>();
    List<RecordFinding> extra = new ArrayList<>();
    List<RecordFinding> differing = new ArrayList<>();
    long missingCount = 0, extraCount = 0, differingCount = 0, expiryAccepted = 0;
    long sourceCompared = 0, targetCompared = 0;
    for (Digests.Key digest : all) {
      RecordImage s = src.get(digest);
      RecordImage t = tgt.get(digest);
      LeftOutReason reason =
          leaveOut.reason(digest, s == null ? -1 : voidTime(s), t == null ? -1 : voidTime(t));
      if (reason != null) {
        leftOut.merge(reason, 1L, Long::sum);
        continue;
      }
      if (s == null && t == null) {
        continue;
      }
      if (s != null) {
        sourceCompared++;
      }
      if (t != null) {
        targetCompared++;
      }
      if (t == null) {
        missingCount++;
        addCapped(missing, absentOn(RecordFinding.Kind.MISSING_ON_TARGET, s, -1, voidTime(s)));
      } else if (s == null) {
        extraCount++;
        addCapped(extra, absentOn(RecordFinding.Kind.EXTRA_ON_TARGET, t, voidTime(t), -1));
      } else if (rules.compareBins()) {
        RecordFinding f = compare(s, t);
        if (f != null) {
          differingCount++;
          addCapped(differing, f);
        } else if (rules.expiryBucket(s.voidTime()) != rules.expiryBucket(t.voidTime())) {
          expiryAccepted++;
        }
      }
    }
    List<RecordFinding> findings = new ArrayList<>(missing);
    findings.addAll(extra);
    findings.addAll(differing);
    return new PartitionDiff(
        sourceCompared,
        targetCompared,
        missingCount,
        extraCount,
        differingCount,
        expiryAccepted,
        leftOut,
        findings);
  }

  private Map<Digests.Key, RecordImage> bySampledDigest(Iterable<RecordImage> records) {
    Map<Digests.Key, RecordImage> map = new HashMap<>();
    for (RecordImage r : records) {
      if (sample.includes(r.digest())) {
        map.put(Digests.key(r.digest()), r);
      }
    }
    return map;
  }

  private void addCapped(List<RecordFinding> list, RecordFinding f) {
    if (list.size() < maxListedPerKind) {
      list.add(f);
    }
  }

  private static long voidTime(RecordImage r) {
    return Integer.toUnsignedLong(r.voidTime());
  }

  private RecordFinding absentOn(RecordFinding.Kind kind, RecordImage present, long srcVoid, long tgtVoid) {
    return new RecordFinding(
        kind,
        Digests.hex(present.digest()),
        present.set(),
        UserKeys.render(present.userKey()),
        List.of(),
        false,
        false,
        false,
        srcVoid,
        tgtVoid);
  }

  /** The differences between two versions of one record, or null when they match. */
  RecordFinding compare(RecordImage s, RecordImage t) {
    boolean setDiffers = !Objects.equals(s.set(), t.set());
    boolean keyDiffers =
        !Arrays.equals(CanonicalEncoder.encode(s.userKey()), CanonicalEncoder.encode(t.userKey()));
    boolean expiryDiffers = !rules.expiryMatches(s.voidTime(), t.voidTime());
    List<RecordFinding.BinDifference> bins = new ArrayList<>();
    TreeMap<String, Boolean> names = new TreeMap<>();
    s.bins().keySet().forEach(n -> names.put(n, true));
    t.bins().keySet().forEach(n -> names.put(n, true));
    for (String name : names.keySet()) {
      boolean inS = s.bins().containsKey(name);
      boolean inT = t.bins().containsKey(name);
      Object sv = s.bins().get(name);
      Object tv = t.bins().get(name);
      if (inS != inT || !Arrays.equals(CanonicalEncoder.encode(sv), CanonicalEncoder.encode(tv))) {
        bins.add(
            new RecordFinding.BinDifference(
                name,
                inS ? CanonicalEncoder.particleName(sv) : "ABSENT",
                inT ? CanonicalEncoder.particleName(tv) : "ABSENT"));
      }
    }
    if (!setDiffers && !keyDiffers && !expiryDiffers && bins.isEmpty()) {
      return null;
    }
    String userKey = UserKeys.render(s.userKey() != null ? s.userKey() : t.userKey());
    return new RecordFinding(
        RecordFinding.Kind.DIFFERING,
        Digests.hex(s.digest()),
        s.set() != null ? s.set() : t.set(),
        userKey,
        bins,
        setDiffers,
        keyDiffers,
        expiryDiffers,
        voidTime(s),
        voidTime(t));
  }
}

package io.aeroshift.archfixture.b;

import io.aeroshift.archfixture.a.Upper;

/** ArchitectureTest fixture: the other half of a package cycle. */
public class Lower {
  public Upper upper() {
    return new Upper();
  }
}

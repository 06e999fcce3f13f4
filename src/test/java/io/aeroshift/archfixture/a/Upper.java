package io.aeroshift.archfixture.a;

import io.aeroshift.archfixture.b.Lower;

/** ArchitectureTest fixture: half of a package cycle. */
public class Upper {
  public Lower lower() {
    return new Lower();
  }
}

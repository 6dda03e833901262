package dev.minato.shadow.replay;

import dev.minato.manifest.ManifestException;
import java.io.IOException;

/** Where replayed requests come from, read one at a time so a large log is never held whole. */
public interface RequestSource {

  /** What a source hands each request or bad line to, in log order. */
  interface Reader {
    void request(LoggedRequest request);

    void malformed(Malformed problem);
  }

  /**
   * Reads the whole source; problems with single lines go to the reader, not to exceptions; a file
   * that is not in the format at all (a HAR that is not JSON) is a {@link ManifestException}.
   */
  void read(Reader reader) throws IOException, ManifestException;
}
